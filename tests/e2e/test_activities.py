"""Agenda, claiming, the 50-for-3 race, waitlist hand-over, give back, change notices, the group post."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.config import Config
from storage.db import utc_text
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def _activity(bot: Harness, organiser: Person, places: int = 3, **kwargs) -> int:  # type: ignore[no-untyped-def]
    member = await bot.member_record(organiser)
    tasks = kwargs.pop("tasks", (("koken", places),))
    (activity_id,) = await bot.core.activities.create(member, new_activity(THURSDAY, tasks=tasks, **kwargs))
    return activity_id


async def _quick_members(bot: Harness, count: int) -> list[Person]:
    """Many members at once, straight into the database (the join flow is tested elsewhere)."""
    people = []
    async with bot.core.db.transaction() as conn:
        for i in range(count):
            user = bot.sim.add_user(f"Buur{i}")
            await conn.execute(
                "INSERT INTO members (telegram_id, display_name, language, status, joined_at)"
                " VALUES (?, ?, 'nl', 'active', ?)",
                (user.user_id, f"Buur{i}", utc_text(bot.clock.now() - timedelta(days=90))),
            )
            people.append(Person(bot, user.user_id, f"Buur{i}"))
    return people


async def test_agenda_detail_claim_and_mine(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim Benali")
    await karim.says("/agenda")
    karim.sees("niets in de agenda")
    await _activity(bot, anna, tasks=(("opbouwen", 2), ("begeleiden", 3)))
    await karim.says("/agenda")
    karim.sees("Donderdag 26 november", "19:30 Spelletjesavond", "Huiskamer portiek 6", "nog 5 plekken")
    await karim.presses("Spelletjesavond")
    karim.sees("opbouwen: nog niemand (nog 2 plekken)", "Sleutel")
    await karim.presses("Ik doe mee: opbouwen")
    karim.sees("Gelukt", "opbouwen: Karim (nog 1 plek)")
    assert "Ik doe mee: opbouwen" not in karim.button_labels()
    await karim.says("/mijn")
    karim.sees("Spelletjesavond", "opbouwen", "donderdag 26 november, 19:30–21:30")
    await karim.presses("Ik kan toch niet")
    karim.sees("Weet je het zeker?")
    await karim.presses("Nee, ik doe mee")
    assert len(await bot.core.activities.upcoming_claims((await bot.member_record(karim)).id)) == 1
    await karim.says("/mijn")
    await karim.presses("Ik kan toch niet")
    await karim.presses("Ja, geef terug")
    karim.sees("teruggegeven")
    assert await bot.core.db.fetch_value("SELECT count(*) FROM claims") == 0


async def test_press_on_cancelled_activity_explains_itself(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    activity_id = await _activity(bot, anna)
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await sanne.says("/agenda")
    await sanne.presses("Spelletjesavond")
    await sanne.presses("Ik doe mee")
    await anna.says("/agenda")
    await anna.presses("Spelletjesavond")
    await anna.presses("Afzeggen")
    anna.sees("Waarom gaat Spelletjesavond niet door?")
    await anna.presses("Te weinig mensen")
    anna.sees("Weet je het zeker?", "Reden: Te weinig mensen")
    await anna.presses("Ja, afzeggen")
    anna.sees("gaat niet door")
    assert any("Spelletjesavond" in m.text and "gaat niet door" in m.text for m in sanne.chat[-1:])
    assert "Reden: Te weinig mensen" in sanne.chat[-1].text
    await karim.presses("Ik doe mee")
    karim.sees("gaat niet door")
    assert (await bot.core.activities.get(activity_id)).status == "cancelled"
    await karim.says("/agenda")
    karim.sees("Spelletjesavond – gaat niet door: Te weinig mensen")  # until its date (issue 16)
    assert karim.button_labels() == []


async def test_edit_time_and_place_notify_claimers_but_only_organiser_may(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    activity_id = await _activity(bot, anna)
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    assert "Tijd wijzigen" not in karim.button_labels()
    await karim.presses("Ik doe mee")
    await anna.says("/agenda")
    await anna.presses("Spelletjesavond")
    await anna.presses("Plaats wijzigen")
    await anna.presses("Huiskamer portiek 7")
    anna.sees("Nieuwe plek: Huiskamer portiek 7", "Dit sturen we naar 1 persoon: Karim")  # a preview first
    await anna.presses("Versturen")
    assert "Nieuwe plek: Huiskamer portiek 7" in karim.chat[-1].text
    await anna.says("/agenda")
    await anna.presses("Spelletjesavond")
    await anna.presses("Tijd wijzigen")
    await anna.says("vrijdag 20:00")
    anna.sees("Nieuwe tijd: vrijdag 27 november, 20:00–22:00")
    await anna.presses("Versturen")
    assert "Nieuwe tijd: vrijdag 27 november, 20:00–22:00" in karim.chat[-1].text
    assert (await bot.core.activities.get(activity_id)).place == "huiskamer7"


async def test_waitlist_hand_over_and_short_notice_give_back(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim, sanne, yusuf = [await bot.member(n) for n in ("Karim", "Sanne", "Yusuf")]
    await _activity(bot, anna, places=1)
    for person in (karim, sanne, yusuf):
        await person.says("/agenda")
        await person.presses("Spelletjesavond")
    await karim.presses("Ik doe mee")
    await sanne.presses("Ik doe mee")
    sanne.sees("al vol", "wachtlijst")
    await sanne.presses("Wachtlijst")
    sanne.sees("nummer 1")
    await yusuf.presses("Ik doe mee")
    await yusuf.presses("Wachtlijst")
    yusuf.sees("nummer 2")
    bot.clock.set(THURSDAY - timedelta(hours=6))
    await karim.says("/mijn")
    await karim.presses("Ik kan toch niet")
    await karim.presses("Ja, geef terug")
    assert "Karim kan toch niet" in anna.chat[-1].text
    offer = sanne.chat[-1]
    assert "Er is een plek vrij" in offer.text and "vóór 15:30" in offer.text
    # Sanne lets the deadline pass: Yusuf gets the offer and takes it.
    await bot.travel(timedelta(hours=2, minutes=5))
    sanne.sees("volgende op de wachtlijst")  # among what arrived meanwhile (the month nudge may too)
    yusuf.sees("Er is een plek vrij")
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("niet meer voor je vrij")
    await yusuf.presses("Ja, ik doe mee")
    yusuf.sees("Gelukt", "koken: Yusuf")
    names = await bot.core.db.fetch_all(
        "SELECT m.display_name FROM claims c JOIN members m ON m.id = c.member_id"
    )
    assert [r[0] for r in names] == ["Yusuf"]


async def test_fifty_press_at_once_for_three_places(config: Config, clock: ManualClock) -> None:
    bot = await start_harness(config, clock=clock, concurrent_updates=16)
    try:
        anna = await bot.member("Anna")
        await _activity(bot, anna, places=3)
        people = await _quick_members(bot, 50)
        # Fifty answers in one simulated instant exceed Telegram's ~30 messages/s overall limit; that limit
        # is not what this test is about (atomic claims are), so the simulator allows a bigger burst here.
        bot.sim.rate_limits = dataclasses.replace(bot.sim.rate_limits, overall_per_s=200)
        await asyncio.gather(*(p.says("/agenda") for p in people))
        await asyncio.gather(*(p.presses("Spelletjesavond") for p in people))
        await asyncio.gather(*(p.presses("Ik doe mee: koken") for p in people))
        happy = [p for p in people if "Gelukt" in "\n".join(m.text for m in p.last)]
        full = [p for p in people if "al vol" in "\n".join(m.text for m in p.last)]
        assert len(happy) == 3 and len(full) == 47
        assert all("Wachtlijst: koken" in p.button_labels() for p in full)
        assert await bot.core.db.fetch_value("SELECT count(*) FROM claims") == 3
        await full[0].presses("Wachtlijst")
        full[0].sees("nummer 1")
    finally:
        await stop_harness(bot)


async def test_group_post_opens_privately_and_follows_places(config: Config, clock: ManualClock) -> None:
    group_id = -4242
    config = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, group_chat_id=group_id)
    )
    bot = await start_harness(config, clock=clock)
    try:
        anna = await bot.member("Anna")
        karim = await bot.member("Karim")
        bot.sim.add_group("Buren voor Buren", [anna.user_id, karim.user_id], chat_id=group_id)
        await anna.says("/nieuw")
        await anna.says("Zwerfafval prikken")
        await anna.says("zaterdag 10:00-12:00")
        await anna.presses("Ergens anders")
        await anna.says("voor de flat")
        await anna.presses("Iedereen")
        await anna.presses("Nee")
        await anna.presses("Eén keer")
        await anna.says("prikken 3")
        await anna.says("klaar")
        await anna.presses("Opslaan")
        (post,) = [m for m in bot.sim.chat_view(group_id) if m.from_bot]
        assert "Zwerfafval prikken" in post.text and "nog 3 plekken" in post.text
        (button,) = [b for row in post.buttons for b in row]
        activity_id = await bot.core.db.fetch_value("SELECT id FROM activities")
        assert button.url == f"https://t.me/{bot.app.bot.username}?start=act_{activity_id}"
        await karim.says(f"/start act_{activity_id}")
        karim.sees("Zwerfafval prikken", "prikken: nog niemand")
        await karim.presses("Ik doe mee: prikken")
        (post,) = [m for m in bot.sim.chat_view(group_id) if m.from_bot]
        assert "nog 2 plekken" in post.text and post.edit_count == 1
    finally:
        await stop_harness(bot)


async def test_agenda_ics_sends_my_tasks(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await karim.says("/agenda ics")
    karim.sees("nog geen taken")
    await _activity(bot, anna)
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee")
    await karim.says("/agenda ics")
    (document,) = [m for m in karim.last if m.document]
    assert document.file_name == "mijn-taken.ics"
    assert document.document is not None and b"SUMMARY:Spelletjesavond: koken" in document.document
    assert b"TZID=Europe/Amsterdam" in document.document
