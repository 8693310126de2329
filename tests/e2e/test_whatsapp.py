"""The core stories over WhatsApp: the unchanged handlers behind the bridge, against the simulator."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.outbox import NewMessage
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity
from tests.wa_harness import WaHarness, start_wa_harness, stop_wa_harness

THURSDAY = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)  # clear of the end-of-month nudge
THIS_THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF\x00" + b"receipt" * 50 + b"\xff\xd9"


@pytest.fixture
async def wa(config: Config, clock: ManualClock) -> AsyncIterator[WaHarness]:
    harness = await start_wa_harness(config, clock=clock)
    yield harness
    await stop_wa_harness(harness)


async def test_join_through_the_wa_me_text(wa: WaHarness) -> None:
    anna = wa.stranger("Anna")
    await anna.says("start buren-test")
    anna.sees("naam")
    await anna.says("Anna")
    assert "Nederlands" in anna.choices()
    await anna.presses("Nederlands")
    member = await wa.member_record(anna)
    assert member.is_active
    channel = await wa.core.db.fetch_value("SELECT channel FROM members WHERE id = ?", (member.id,))
    assert channel == "whatsapp"
    assert wa.sim.refusals == []


async def test_agenda_claim_and_hours_in_plain_words(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    karim = await wa.member("Karim")
    organiser = await wa.member_record(anna)
    await wa.core.activities.create(organiser, new_activity(THURSDAY, tasks=(("koken", 2),)))
    await karim.says("Agenda")
    karim.sees("Spelletjesavond", "nog 2 plekken")
    await karim.presses("Spelletjesavond")
    karim.sees("koken: nog niemand")
    await karim.presses("Ik doe mee: koken")
    karim.sees("Gelukt", "koken: Karim")
    assert len(await wa.core.activities.upcoming_claims((await wa.member_record(karim)).id)) == 1
    await karim.says("uren 2,5 gisteren koffieochtend")
    karim.sees("Klopt dit?", "2,5 uur", "zondag 22 november")
    await karim.presses("Opslaan")
    karim.sees("Opgeslagen")
    minutes = await wa.core.db.fetch_value("SELECT minutes FROM hours_entries")
    assert minutes == 150
    assert "*" in "\n".join(m.text for m in karim.chat if m.from_bot)  # <b> became WhatsApp bold
    assert "<b>" not in "\n".join(m.text for m in karim.chat if m.from_bot)
    assert wa.sim.refusals == []


async def test_bad_signature_is_refused_and_nothing_is_stored(wa: WaHarness) -> None:
    anna = wa.stranger("Anna")
    payload = wa.sim.envelope(
        {
            "messaging_product": "whatsapp",
            "contacts": [{"profile": {"name": "Anna"}, "wa_id": anna.wa_id}],
            "messages": [
                {
                    "from": anna.wa_id,
                    "id": "wamid.FORGED",
                    "timestamp": "0",
                    "type": "text",
                    "text": {"body": "start buren-test"},
                }
            ],
        }
    )
    assert await wa.sim.deliver_webhook(payload, signature="sha256=" + "0" * 64) == 403
    assert await wa.sim.deliver_webhook(payload, signature="") == 403
    for table in ("wa_contacts", "wa_inbound", "members"):
        assert await wa.core.db.fetch_value(f"SELECT count(*) FROM {table}") == 0
    assert anna.chat == []


async def test_a_repeated_webhook_delivery_is_handled_once(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    await anna.says("agenda")
    replies = len(anna.chat)
    payload = wa.sim.envelope(
        {
            "messaging_product": "whatsapp",
            "contacts": [{"profile": {"name": "Anna"}, "wa_id": anna.wa_id}],
            "messages": [
                {
                    "from": anna.wa_id,
                    "id": "wamid.TWICE",
                    "timestamp": "0",
                    "type": "text",
                    "text": {"body": "agenda"},
                }
            ],
        }
    )
    assert await wa.sim.deliver_webhook(payload) == 200
    assert await wa.sim.deliver_webhook(payload) == 200
    await wa.settle()
    assert len(anna.chat) == replies + 1  # one answer for two deliveries


async def test_verify_handshake(wa: WaHarness) -> None:
    url = wa.sim.webhook_url
    assert url is not None
    async with aiohttp.ClientSession() as session:
        good = {"hub.mode": "subscribe", "hub.verify_token": wa.sim.verify_token, "hub.challenge": "4711"}
        async with session.get(url, params=good) as response:
            assert response.status == 200 and await response.text() == "4711"
        async with session.get(url, params={**good, "hub.verify_token": "wrong"}) as response:
            assert response.status == 403


async def test_reminder_outside_the_window_arrives_as_a_template_and_the_press_gets_it(
    wa: WaHarness,
) -> None:
    anna = await wa.member("Anna")
    karim = await wa.member("Karim")
    organiser = await wa.member_record(anna)
    await wa.core.activities.create(organiser, new_activity(THURSDAY, tasks=(("koken", 2),)))
    await karim.says("agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: koken")
    wa.clock.set(THURSDAY - timedelta(hours=23, minutes=50))  # Karim's last message was days ago
    await wa.run_jobs()
    assert [m.kind for m in karim.last] == ["template"]
    assert karim.last[0].template == "taak_herinnering"
    karim.sees("Herinnering van Buren voor Buren", "Spelletjesavond")
    assert not any(code == 131047 for _, code in wa.sim.refusals)  # no free-form try outside the window
    await karim.presses("Bekijk")
    karim.sees("Niet vergeten", "koken", "Spelletjesavond")
    assert "👍 Ik kom" in karim.choices()
    await karim.presses("Ik kan toch niet")
    karim.sees("Weet je het zeker?")
    waiting = "SELECT count(*) FROM wa_waiting WHERE user_id = ?"
    assert await wa.core.db.fetch_value(waiting, (await karim.user_id(),)) == 0
    assert await wa.status_of(karim) and "read" in await wa.status_of(karim)


async def test_stop_ends_messages_from_the_bot_but_not_answers(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    await anna.says("STOP")
    anna.sees("geen berichten meer")
    await anna.says("agenda")
    anna.sees("agenda")  # an answer to her own message still comes
    lotte = await wa.member("Lotte", role="coordinator")
    await wa.core.announcements.confirm(
        await wa.member_record(lotte),
        (await wa.core.announcements.start_draft(await wa.member_record(lotte), "Koffie om 10 uur")).id,
    )
    await wa.settle()
    assert not any("Koffie om 10 uur" in m.text for m in anna.chat)
    status = await wa.core.db.fetch_value(
        "SELECT status FROM outbox WHERE chat_id = ? AND kind = 'announcement'", (await anna.user_id(),)
    )
    assert status == "unreachable"
    await anna.says("start")
    anna.sees("Welkom terug")


async def test_receipt_photo_over_whatsapp(wa: WaHarness) -> None:
    lotte = await wa.member("Lotte", role="coordinator")
    anna = await wa.member("Anna")
    await lotte.says("budget")
    await lotte.presses("Budget 2026 instellen")
    await lotte.says("2.500")
    await anna.says("budget")
    await anna.presses("Geld aanvragen")
    await anna.says("Kerstdiner: boodschappen")
    await anna.says("85,50")
    await anna.says("12 december")
    await anna.presses("Versturen")
    anna.sees("verstuurd naar de coördinatoren")
    await wa.settle()
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")  # the preview: who pays back, how, by when
    lotte.sees("Goedgekeurd")
    await anna.presses("Bon sturen")
    anna.sees("Stuur een foto van de bon")
    await anna.sends_image(JPEG)
    anna.sees("De bon is bewaard", "Hoeveel heb je echt uitgegeven")
    await anna.says("78,20")
    anna.sees("Uitgegeven voor Kerstdiner: boodschappen")
    name = await wa.core.db.fetch_value("SELECT file_name FROM budget_receipts")
    assert (wa.core.db.path.parent / name).read_bytes() == JPEG


async def test_fifty_press_at_once_for_three_places(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    await wa.core.activities.create(
        await wa.member_record(anna), new_activity(THURSDAY, tasks=(("koken", 3),))
    )
    people = await wa.quick_members(50)
    await asyncio.gather(*(p.says("agenda") for p in people))
    await asyncio.gather(*(p.presses("Spelletjesavond") for p in people))
    await asyncio.gather(*(p.presses("Ik doe mee: koken") for p in people))
    happy = [p for p in people if "Gelukt" in "\n".join(m.text for m in p.last)]
    full = [p for p in people if "al vol" in "\n".join(m.text for m in p.last)]
    assert len(happy) == 3 and len(full) == 47
    assert await wa.core.db.fetch_value("SELECT count(*) FROM claims") == 3
    assert wa.sim.refusals == []


async def test_announcement_to_200_members_within_whatsapps_limits(wa: WaHarness) -> None:
    lotte = await wa.member("Lotte", role="coordinator")
    people = await wa.quick_members(200)
    author = await wa.member_record(lotte)
    draft = await wa.core.announcements.start_draft(author, "Zaterdag koffie in de huiskamer om 10:00!")
    started = time.monotonic()
    assert await wa.core.announcements.confirm(author, draft.id) == 200
    await wa.settle()
    elapsed = time.monotonic() - started
    for person in people:
        assert sum("Zaterdag koffie" in m.text for m in person.chat) == 1, person.name
    assert wa.sim.refusals == []  # never over 80/s, never over the pair rate
    statuses = await wa.core.db.fetch_all("SELECT status, count(*) AS n FROM outbox GROUP BY status")
    assert {r["status"]: r["n"] for r in statuses}.get("sent", 0) >= 200
    print(f"\n200-member announcement over WhatsApp: {elapsed:.2f} s (ideal at 80/s: 2.5 s)")


async def test_group_message_links_open_the_activity_on_whatsapp(wa: WaHarness) -> None:
    lotte = await wa.member("Lotte", role="coordinator")
    organiser = await wa.member_record(lotte)
    (activity_id,) = await wa.core.activities.create(organiser, new_activity(THIS_THURSDAY))
    await wa.core.activities.create(organiser, new_activity(THURSDAY + timedelta(days=10), title="Later"))
    await lotte.says("groepsbericht")
    lotte.sees("plak het in de WhatsApp-groep", "*Buren voor Buren — deze week*", "Spelletjesavond")
    lotte.does_not_see("Later")  # only this week
    link = f"https://wa.me/{wa.sim.display_number}?text=start%20act_{activity_id}"
    assert link in lotte.last[-1].text
    karim = await wa.member("Karim")
    await karim.says(f"start act_{activity_id}")  # what the link types for him
    karim.sees("Spelletjesavond", "opbouwen: nog niemand")


async def test_group_message_is_for_coordinators(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    await anna.says("groepsbericht")
    anna.does_not_see("plak het")


async def test_forget_me_forgets_the_whatsapp_number(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    member = await wa.member_record(anna)
    exported = await wa.core.privacy.export(member)
    assert exported["whatsapp"]["whatsapp_number"] == anna.wa_id
    await wa.core.leaving.erase_member(member)
    assert await wa.core.db.fetch_value("SELECT count(*) FROM wa_contacts WHERE wa_id IS NOT NULL") == 0
    assert await wa.core.db.fetch_value("SELECT count(*) FROM wa_sent") == 0


async def test_more_than_ten_choices_become_a_numbered_menu(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    organiser = await wa.member_record(anna)
    for day in range(12):
        start = THIS_THURSDAY + timedelta(hours=day * 20)
        await wa.core.activities.create(organiser, new_activity(start, title=f"Activiteit {day:02d}"))
    await anna.says("agenda")
    menu = anna.sees("Typ een nummer van 1 tot")
    assert all(m.kind == "text" for m in anna.last)
    number = next(
        line.split(".")[0] for line in menu.splitlines() if line.endswith(". zo 29 nov 07:30 Activiteit 03")
    )
    await anna.says(number)  # typing the number is pressing that button
    anna.sees("*Activiteit 03*", "Huiskamer portiek 6")


async def test_one_template_for_everything_that_waits(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    wa.clock.advance(timedelta(days=2))  # her window closed
    member = await wa.member_record(anna)
    for n in (1, 2, 3):
        message = NewMessage(
            chat_id=await anna.user_id(),
            text=f"Bericht {n}",
            dedupe_key=f"t{n}",
            kind="notice",
            member_id=member.id,
        )
        await wa.core.outbox.enqueue([message])
    await wa.settle()
    templates = [m for m in anna.chat if m.kind == "template"]
    assert len(templates) == 1 and templates[0].template == "bericht_klaar"
    await anna.presses("Bekijk bericht")
    assert [m.text for m in anna.last] == ["Bericht 1", "Bericht 2", "Bericht 3"]
    sent = "SELECT count(*) FROM outbox WHERE kind = 'notice' AND status = 'sent'"
    assert await wa.core.db.fetch_value(sent) == 3


async def test_statuses_update_the_delivery_report_and_a_failure_marks_the_row(wa: WaHarness) -> None:
    lotte = await wa.member("Lotte", role="coordinator")
    anna, karim = await wa.member("Anna"), await wa.member("Karim")
    author = await wa.member_record(lotte)
    draft = await wa.core.announcements.start_draft(author, "Morgen geen koffie.")
    await wa.core.announcements.confirm(author, draft.id)
    await wa.settle()
    assert (await wa.status_of(anna))[-1] == "delivered"
    await karim.says("help")  # reading the chat: what was delivered is now read
    assert "read" in await wa.status_of(karim)
    announcement = next(m for m in anna.chat if "geen koffie" in m.text)
    failed = {
        "id": announcement.wamid,
        "status": "failed",
        "timestamp": "0",
        "recipient_id": anna.wa_id,
        "errors": [{"code": 131026, "title": "Message undeliverable"}],
    }
    assert (
        await wa.sim.deliver_webhook(wa.sim.envelope({"messaging_product": "whatsapp", "statuses": [failed]}))
        == 200
    )
    row = await wa.core.db.fetch_one(
        "SELECT status, last_error FROM outbox WHERE kind = 'announcement' AND chat_id = ?",
        (await anna.user_id(),),
    )
    assert row is not None and row["status"] == "failed" and "131026" in row["last_error"]
    late = {**failed, "status": "delivered"}  # statuses arrive out of order: a late one changes nothing
    await wa.sim.deliver_webhook(wa.sim.envelope({"messaging_product": "whatsapp", "statuses": [late]}))
    assert (await wa.status_of(anna))[-1] == "failed"


async def test_a_network_fault_on_send_is_retried(wa: WaHarness) -> None:
    anna = await wa.member("Anna")
    member = await wa.member_record(anna)
    wa.sim.faults = [131000]  # Meta's "something went wrong": a 500
    message = NewMessage(
        chat_id=await anna.user_id(), text="Nog een keer", dedupe_key="f1", kind="notice", member_id=member.id
    )
    await wa.core.outbox.enqueue([message])
    await wa.settle()
    assert sum(m.text == "Nog een keer" for m in anna.chat) == 1
    assert wa.sim.refusals == [(anna.wa_id, 131000)]  # the first try failed, the retry went through
    assert await wa.core.db.fetch_value("SELECT attempts FROM outbox WHERE dedupe_key = 'f1'") == 2
