"""/mijngegevens and /vergeetmij through the real bot."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from tests.db_scan import where_text_occurs
from tests.harness import Harness
from tests.harness_config import AMSTERDAM, INVITE
from tests.unit.activity_helpers import new_activity


async def test_my_data_arrives_as_a_json_file(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/taal")
    await karim.presses("English")
    await karim.says("/mijngegevens")
    (message,) = karim.last
    assert message.file_name == "mijn-gegevens.json" and message.document is not None
    karim.sees("everything Burenbot keeps about you")
    data = json.loads(message.document)
    member = await bot.member_record(karim)
    assert data["member_id"] == member.id
    mine = data["members"]
    assert mine["name"] == "Karim" and mine["language"] == "en" and mine["role"] == "volunteer"
    assert mine["telegram_id"] == karim.user_id
    assert [event["kind"] for event in mine["events"]] == ["joined"]


async def test_forget_me_asks_first_and_cancel_keeps_everything(bot: Harness) -> None:
    sanne = await bot.member("Sanne")
    await sanne.says("/vergeetmij")
    sanne.sees("Wil je dat ik je vergeet?", "niet terugdraaien")
    assert sanne.button_labels() == ["🗑 Ja, wis mijn gegevens", "Nee, niets wissen"]
    await sanne.presses("Nee")
    sanne.sees("niets gewist")
    assert (await bot.member_record(sanne)).name == "Sanne"


async def test_forget_me_erases_and_keeps_only_anonymous_history(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    yusuf = await bot.member("Yusuf")
    member = await bot.member_record(yusuf)
    await yusuf.says("/vergeetmij")
    await yusuf.presses("Ja, wis")
    yusuf.sees("Ik heb je gegevens gewist")
    row = await bot.core.db.fetch_one("SELECT * FROM members WHERE id = ?", (member.id,))
    assert row is not None
    assert (row["telegram_id"], row["display_name"], row["status"]) == (None, None, "erased")
    kinds = [
        r[0]
        for r in await bot.core.db.fetch_all(
            "SELECT kind FROM member_events WHERE member_id = ? ORDER BY id", (member.id,)
        )
    ]
    assert kinds == ["joined", "erased"]
    assert await bot.core.members.find(yusuf.user_id) is None
    # Forgotten means a stranger to the bot, and gone from the coordinator's list.
    await yusuf.says("/help")
    yusuf.sees("uitnodigingslink")
    await lotte.says("/leden")
    lotte.does_not_see("Yusuf")
    menu = dict(bot.sim.commands({"type": "chat", "chat_id": yusuf.user_id}))
    assert "vergeetmij" not in menu
    # They may come back later, as a new member.
    await yusuf.says(f"/start {INVITE}")
    yusuf.sees("Hoe mogen de anderen je noemen?")


async def test_nobody_can_erase_someone_else(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await karim.says("/vergeetmij")
    anna_id = (await bot.member_record(anna)).id
    message_id = karim.last[0].message_id
    await karim.sends_callback(message_id, f"forget_ok:{anna_id}")
    assert any("werkt niet meer" in text for text in karim.alerts()) or karim.sees("werkt niet meer")
    assert (await bot.member_record(anna)).is_active
    assert (await bot.member_record(karim)).is_active


TUESDAY = datetime(2026, 11, 24, 19, 30, tzinfo=AMSTERDAM)
THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def test_a_busy_member_sees_everything_then_is_forgotten_and_the_group_keeps_its_totals(
    bot: Harness,
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    yusuf = await bot.member("Yusuf")
    noor = await bot.member("Noortje", role="newcomer")
    organiser = await bot.member_record(anna)
    one_place = (("opbouwen", 1),)
    await bot.core.activities.create(organiser, new_activity(TUESDAY, title="Breiclub", tasks=one_place))
    await bot.core.activities.create(organiser, new_activity(THURSDAY, tasks=one_place))
    for title in ("Breiclub", "Spelletjesavond"):
        await noor.says("/agenda")
        await noor.presses(title)
        await noor.presses("Ik doe mee: opbouwen")
    upcoming_task = await bot.core.db.fetch_value(
        "SELECT t.id FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE a.title = 'Spelletjesavond'"
    )
    await bot.core.claims.join_waitlist(await bot.member_record(yusuf), upcoming_task)
    await noor.says("/buddy")
    await noor.presses("graag een buddy")
    await bot.core.wegwijs.ask(await bot.member_record(noor), "Ik ben Noortje van 112, mag mijn hond mee?")
    # Tuesday's Breiclub is over: Noortje logs two hours with one press; Anna logs one hour herself.
    bot.clock.set(TUESDAY + timedelta(hours=2, minutes=15))
    await bot.run_jobs()
    await noor.presses("2 uur")
    draft = await bot.core.hours.draft_from_text(organiser, "1 uur minibieb gisteren")
    await bot.core.hours.confirm(organiser, draft.id)

    await noor.says("/mijngegevens")
    (message,) = noor.last
    assert message.document is not None
    data = json.loads(message.document)
    assert data["members"]["name"] == "Noortje"
    assert [(c["activity"], c["task"]) for c in data["activities"]["claims"]] == [
        ("Breiclub", "opbouwen"),
        ("Spelletjesavond", "opbouwen"),
    ]
    assert [(e["day"], e["minutes"], e["activity"]) for e in data["hours"]["entries"]] == [
        ("2026-11-24", 120, "Breiclub")
    ]
    assert [q["text"] for q in data["onboarding"]["questions_asked"]] == [
        "Ik ben Noortje van 112, mag mijn hond mee?"
    ]
    assert [(b["you_were"], b["status"]) for b in data["onboarding"]["buddy"]] == [("newcomer", "open")]
    assert "Anna" not in message.document.decode()  # someone else's data is not in Noortje's export

    await noor.says("/vergeetmij")
    yusuf_before = yusuf.snapshot()
    await noor.presses("Ja, wis")
    noor.sees("Ik heb je gegevens gewist")
    yusuf.changed_since(yusuf_before)

    # The month still adds up: Noortje's two hours count, now as a former member's.
    await lotte.says("/overzicht")
    lotte.sees("Samen: 3 uur", "Daarvan 2 uur van oud-leden")
    lotte.does_not_see("Noortje")
    assert await where_text_occurs(bot.core.db, "Noortje") == []
    assert await where_text_occurs(bot.core.db, "hond") == []
    # Thursday's place is free again and offered to Yusuf, who was waiting; Tuesday's claim stays anonymous.
    yusuf.sees("Er is een plek vrij", "Spelletjesavond")
    assert (
        await bot.core.db.fetch_value("SELECT count(*) FROM claims WHERE task_id = ?", (upcoming_task,)) == 0
    )
    await yusuf.presses("Ja, ik doe mee")
    assert (
        await bot.core.db.fetch_value("SELECT count(*) FROM claims WHERE task_id != ?", (upcoming_task,)) == 1
    )
    assert (
        await bot.core.db.fetch_value("SELECT count(*) FROM claims WHERE task_id = ?", (upcoming_task,)) == 1
    )


async def test_a_removed_member_can_still_see_and_erase_their_data(bot: Harness) -> None:
    ruud = await bot.member("Zwaantje Ruudsma")
    member = await bot.member_record(ruud)
    async with bot.core.db.transaction() as conn:
        await conn.execute("UPDATE members SET status = 'removed' WHERE id = ?", (member.id,))
    await ruud.says("/agenda")
    ruud.sees("geen lid meer", "/mijngegevens", "/vergeetmij")
    await ruud.says("/mijngegevens")
    (message,) = ruud.last
    assert message.document is not None
    assert json.loads(message.document)["members"]["name"] == "Zwaantje Ruudsma"
    await ruud.says("/vergeetmij")
    await ruud.presses("Ja, wis")
    ruud.sees("gegevens gewist")
    assert await where_text_occurs(bot.core.db, "Zwaantje") == []
    # Not in the file either: the write-ahead log is checkpointed and freed pages are zeroed.
    path = bot.core.db.path
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert b"Zwaantje" not in file.read_bytes(), file.name
