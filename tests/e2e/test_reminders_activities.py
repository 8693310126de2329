"""Reminders built from real activities and claims: on time, once, with buttons that work."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)  # clear of the end-of-month nudge


async def test_task_reminder_a_day_before_and_giving_back_from_it(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, tasks=(("koken", 2),)))
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: koken")

    bot.clock.set(THURSDAY - timedelta(hours=30))
    await bot.run_jobs()
    assert karim.last == []  # not yet due

    bot.clock.set(THURSDAY - timedelta(hours=23, minutes=50))
    await bot.run_jobs()
    karim.sees("Spelletjesavond", "koken")
    assert karim.button_labels() == ["👍 Ik kom", "Ik kan toch niet"]
    await bot.run_jobs()
    assert karim.last == []  # once, not again

    await karim.presses("Ik kan toch niet")
    karim.sees("Weet je het zeker?")
    await karim.presses("Ja, geef terug")
    assert await bot.core.activities.upcoming_claims((await bot.member_record(karim)).id) == []

    bot.clock.set(THURSDAY - timedelta(hours=1, minutes=50))
    await bot.run_jobs()
    assert karim.last == []  # the 2-hour reminder is dropped with the claim


async def test_reminder_due_during_downtime_is_skipped_once_the_activity_began(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, tasks=(("koken", 2),)))
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: koken")
    bot.clock.set(THURSDAY + timedelta(minutes=10))  # the bot was down through both reminder moments
    await bot.run_jobs()
    assert karim.last == []


async def test_who_brings_the_key_is_asked_only_when_nobody_on_it_has_one(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    lotte = await bot.member_record(await bot.member("Lotte", role="coordinator"))
    organiser = await bot.member_record(anna)
    breiclub = new_activity(THURSDAY, title="Breiclub", tasks=(("ontvangst", 2),))
    await bot.core.activities.create(organiser, breiclub)
    later = THURSDAY + timedelta(days=7)
    await bot.core.activities.create(organiser, new_activity(later, title="Spelletjesavond"))
    key = await bot.core.keys.add_key(lotte, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(lotte, key.id, (await bot.member_record(karim)).id)
    await karim.says("/agenda")
    await karim.presses("Breiclub")
    await karim.presses("Ik doe mee: ontvangst")

    bot.clock.set(THURSDAY - timedelta(hours=23))
    await bot.run_jobs()
    anna.hears_nothing()  # Karim has the key and is on it: nobody is asked who brings it

    bot.clock.set(later - timedelta(hours=23))
    await bot.run_jobs()
    anna.sees("Wie brengt de sleutel?", "Spelletjesavond", "Huiskamer portiek 6")
