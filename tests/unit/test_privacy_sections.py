"""Each feature's privacy section: the export holds the member's rows and nobody else's; the erasure
leaves nothing personal behind and keeps the group's totals."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.core import Core
from bot.members.service import Member
from storage import hours as hours_sql
from storage.db import utc_text
from tests.db_scan import where_text_occurs
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import make_member, new_activity

TUESDAY = datetime(2026, 11, 24, 19, 30, tzinfo=AMSTERDAM)
THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def _export(core: Core, member: Member) -> dict:  # type: ignore[type-arg]
    return json.loads(json.dumps(await core.privacy.export(member)))


async def _one_task(core: Core, organiser: Member, start: datetime, title: str, places: int) -> int:
    (activity_id,) = await core.activities.create(
        organiser, new_activity(start, title=title, place="voor de flat", tasks=(("helpen", places),))
    )
    return (await core.activities.detail(activity_id)).tasks[0].id


async def test_activities_export_and_erase(core: Core, clock: ManualClock) -> None:
    anna = await make_member(core, "Anna")
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    yusuf = await make_member(core, "Yusuf")
    past = await _one_task(core, karim, TUESDAY, "Breiclub", 3)
    future = await _one_task(core, anna, THURSDAY, "Spelletjesavond", 1)
    for member, task in ((karim, past), (sanne, past), (karim, future)):
        await core.claims.claim(member, task)
    await core.claims.join_waitlist(yusuf, future)
    other = await _one_task(core, anna, THURSDAY + timedelta(days=1), "Kinderatelier", 1)
    await core.claims.claim(sanne, other)
    await core.claims.join_waitlist(karim, other)
    clock.set(TUESDAY + timedelta(hours=3))

    mine = (await _export(core, karim))["activities"]
    assert [(c["activity"], c["task"]) for c in mine["claims"]] == [
        ("Breiclub", "helpen"),
        ("Spelletjesavond", "helpen"),
    ]
    assert [w["activity"] for w in mine["waitlist"]] == ["Kinderatelier"]
    assert [a["title"] for a in mine["organised"]] == ["Breiclub"]
    assert [c["activity"] for c in (await _export(core, sanne))["activities"]["claims"]] == [
        "Breiclub",
        "Kinderatelier",
    ]

    await core.leaving.erase_member(karim)
    claims = await core.db.fetch_all("SELECT task_id, member_id FROM claims ORDER BY id")
    # The past claim stays (anonymous history); the upcoming one is given back; Sanne's are untouched.
    assert [tuple(r) for r in claims] == [(past, karim.id), (past, sanne.id), (other, sanne.id)]
    assert await core.db.fetch_value("SELECT count(*) FROM waitlist WHERE member_id = ?", (karim.id,)) == 0
    # The erasure itself offered the freed place to the next one waiting, in the same transaction.
    offered = await core.db.fetch_all(
        "SELECT task_id, member_id, status FROM waitlist WHERE status = 'offered'"
    )
    assert [tuple(r) for r in offered] == [(future, yusuf.id, "offered")]
    assert (
        await core.db.fetch_value(
            "SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'notice.offer'", (yusuf.id,)
        )
        == 1
    )
    # The activity Karim organised stays, organised by the anonymous member row.
    assert (
        await core.db.fetch_value("SELECT organiser_id FROM activities WHERE title = 'Breiclub'") == karim.id
    )
    assert await where_text_occurs(core.db, "Karim") == []


async def _entry(core: Core, member: Member, day: str, minutes: int, label: str | None) -> None:
    values = {
        "member_id": member.id,
        "day": day,
        "month": day[:7],
        "minutes": minutes,
        "category": "activiteit",
        "label": label,
        "activity_id": None,
        "claim_id": None,
    }
    async with core.db.transaction() as conn:
        await hours_sql.insert_entry(conn, values, core.clock.now())


async def test_hours_export_and_erase_keep_the_month_total(core: Core) -> None:
    lotte = await make_member(core, "Lotte", coordinator=True)
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    await _entry(core, karim, "2026-11-02", 90, "boodschappen met Karim zijn buurman")
    await _entry(core, karim, "2026-11-10", 60, None)
    await _entry(core, sanne, "2026-11-03", 120, "minibieb")
    await core.hours.set_away(karim, "2026-12", True)
    await core.hours_overview.set_target(lotte, karim.id, 6)
    await core.hours.start_draft(karim, 30)
    before = await core.hours_overview.overview(lotte, "2026-11")

    mine = (await _export(core, karim))["hours"]
    assert [(e["day"], e["minutes"]) for e in mine["entries"]] == [("2026-11-02", 90), ("2026-11-10", 60)]
    assert mine["own_target_minutes"] == 360 and [a["month"] for a in mine["away_months"]] == ["2026-12"]
    assert len(mine["unfinished_drafts"]) == 1
    assert [e["label"] for e in (await _export(core, sanne))["hours"]["entries"]] == ["minibieb"]

    await core.leaving.erase_member(karim)
    rows = await core.db.fetch_all(
        "SELECT minutes, label FROM hours_entries WHERE member_id = ?", (karim.id,)
    )
    assert sorted(tuple(r) for r in rows) == [(60, None), (90, None)]
    for table in ("hours_drafts", "hours_targets", "hours_away", "hours_prompts"):
        count = await core.db.fetch_value(f"SELECT count(*) FROM {table} WHERE member_id = ?", (karim.id,))
        assert count == 0, table
    after = await core.hours_overview.overview(lotte, "2026-11")
    assert before.total_minutes == after.total_minutes == 270
    assert (before.former_minutes, after.former_minutes) == (0, 150)
    assert [row.member.name for row in after.rows] == ["Lotte", "Sanne"]
    assert await where_text_occurs(core.db, "Karim") == []


async def _outbox(core: Core, member: Member, key: str, status: str, text: str) -> None:
    now = utc_text(core.clock.now())
    async with core.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO outbox (chat_id, member_id, kind, dedupe_key, text, status, created_at, updated_at)"
            " VALUES (?, ?, 'reminder', ?, ?, ?, ?, ?)",
            (member.telegram_id, member.id, key, text, status, now, now),
        )


async def test_messages_export_and_erase(core: Core) -> None:
    lotte = await make_member(core, "Lotte", coordinator=True)
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    await _outbox(core, karim, "k1", "sent", "Hoi Karim, morgen breiclub")
    await _outbox(core, karim, "k2", "queued", "Hoi Karim, denk aan de sleutel")
    await _outbox(core, sanne, "s1", "sent", "Hoi Sanne")
    draft = await core.announcements.start_draft(lotte, "Koffie in huiskamer 7")
    now = utc_text(core.clock.now())
    async with core.db.transaction() as conn:
        await conn.execute("UPDATE announcements SET status = 'done' WHERE id = ?", (draft.id,))
        for member in (karim, sanne):
            await conn.execute("INSERT INTO announcement_reads VALUES (?, ?, ?)", (draft.id, member.id, now))
            await conn.execute(
                "INSERT INTO reminder_ledger VALUES (?, ?, 'task24', ?)", (f"r{member.id}", member.id, now)
            )
            await conn.execute("INSERT INTO reminder_prefs VALUES (?, 'task24', 0)", (member.id,))

    mine = (await _export(core, karim))["messages"]
    assert [m["text"] for m in mine["messages_to_you"]] == [
        "Hoi Karim, morgen breiclub",
        "Hoi Karim, denk aan de sleutel",
    ]
    assert [r["announcement"] for r in mine["announcements_read"]] == ["Koffie in huiskamer 7"]
    assert mine["reminder_settings"] == {"task24": False} and len(mine["reminders_sent"]) == 1
    assert (await _export(core, lotte))["messages"]["announcements_written"][0][
        "text"
    ] == "Koffie in huiskamer 7"

    await core.leaving.erase_member(karim)
    rows = await core.db.fetch_all(
        "SELECT chat_id, text, status FROM outbox WHERE member_id = ?", (karim.id,)
    )
    assert [tuple(r) for r in rows] == [(0, "", "sent")]  # the unsent one is gone, the sent one blank
    for table in ("announcement_reads", "reminder_ledger", "reminder_prefs"):
        assert (
            await core.db.fetch_value(f"SELECT count(*) FROM {table} WHERE member_id = ?", (karim.id,)) == 0
        )
    assert await core.db.fetch_value("SELECT count(*) FROM outbox WHERE member_id = ?", (sanne.id,)) == 1
    assert (
        await core.db.fetch_value(
            "SELECT count(*) FROM announcement_reads WHERE announcement_id = ?", (draft.id,)
        )
        == 1
    )
    assert await where_text_occurs(core.db, "Karim") == []
    # A coordinator's sent announcement stays for the group after they are forgotten.
    await core.leaving.erase_member(lotte)
    assert await core.db.fetch_value("SELECT text FROM announcements WHERE id = ?", (draft.id,)) == (
        "Koffie in huiskamer 7"
    )


async def test_onboarding_export_and_erase(core: Core) -> None:
    lotte = await make_member(core, "Lotte", coordinator=True)
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    await core.onboarding.start_welcome(karim)
    await core.buddies.ask(karim)
    await core.buddies.ask(sanne)
    await core.wegwijs.ask(karim, "Ik ben Karim van nummer 12, mag mijn zoon mee naar het kinderatelier?")
    await core.wegwijs.ask(sanne, "Waar ligt de sleutel van huiskamer 6?")

    mine = (await _export(core, karim))["onboarding"]
    assert [q["text"] for q in mine["questions_asked"]] == [
        "Ik ben Karim van nummer 12, mag mijn zoon mee naar het kinderatelier?"
    ]
    assert [b["you_were"] for b in mine["buddy"]] == ["newcomer"] and mine["welcome"] is not None

    await core.leaving.erase_member(karim)
    for sql in (
        "SELECT count(*) FROM questions WHERE asker_id = ?",
        "SELECT count(*) FROM buddy_requests WHERE newcomer_id = ?",
        "SELECT count(*) FROM welcome_progress WHERE member_id = ?",
        "SELECT count(*) FROM conversations WHERE member_id = ?",
    ):
        assert await core.db.fetch_value(sql, (karim.id,)) == 0, sql
    assert await core.db.fetch_value("SELECT count(*) FROM questions") == 1
    assert await core.db.fetch_value("SELECT count(*) FROM buddy_requests WHERE status = 'open'") == 1
    assert await where_text_occurs(core.db, "Karim") == []
    assert lotte.is_active


async def test_keys_and_budget_section(core: Core) -> None:
    from bot.keys.privacy import erase_keys_budget, export_keys_budget
    from tests.unit.activity_helpers import make_member

    lotte = await make_member(core, "Lotte", coordinator=True)
    noor = await make_member(core, "Noor")
    key = await core.keys.add_key(lotte, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await core.keys.correct(lotte, key.id, noor.id)
    other = await core.keys.add_key(lotte, "huiskamer7", "Huiskamer 7 – sleutel 1")
    await core.keys.correct(lotte, other.id, lotte.id)
    await core.keys.request_key(noor, other.id, "voor de breiclub, vraag Noor op 06-12345678")
    request = await core.budget.request(noor, "wol voor de breiclub", 2500, core.local_now().date())
    exported = await export_keys_budget(core.db, noor.id)
    assert exported["keys"][0]["you_hold_it"] == 1
    assert len(exported["wijkbudget_requests"]) == 1
    assert "06-12345678" in str(exported["key_requests"])
    assert await export_keys_budget(core.db, lotte.id) != exported

    async with core.db.transaction() as conn:
        await erase_keys_budget(conn, noor.id, core.clock.now())
    after = await export_keys_budget(core.db, noor.id)
    assert after["key_requests"] == []
    assert after["keys"]  # the key is still with the (now anonymous) former member: the group must know
    assert len(after["wijkbudget_requests"]) == 1  # accounts stay
    assert request is not None
