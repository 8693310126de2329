"""Quiet hours: nothing the bot sends on its own reaches anyone between 22:00 and 08:00, and waitlist
offers get a window that fits the time left and never runs out while everyone sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.harness import Harness, Person
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

WEDNESDAY_NIGHT = datetime(2026, 11, 25, 23, 0, tzinfo=AMSTERDAM)
THURSDAY_EVENING = datetime(2026, 11, 26, 20, 30, tzinfo=AMSTERDAM)  # until 22:30


async def full_activity_with_a_waitlist(bot: Harness, starts: datetime) -> tuple[Person, Person, Person]:
    anna, karim, sanne = [await bot.member(n) for n in ("Anna", "Karim", "Sanne")]
    await bot.core.activities.create(
        await bot.member_record(anna), new_activity(starts, tasks=(("opbouwen", 1),))
    )
    for person in (karim, sanne):
        await person.says("/herinneringen")
        await person.presses("maand")  # no end-of-month nudge in these stories
        await person.says("/agenda")
        await person.presses("Spelletjesavond")
    await karim.presses("Ik doe mee")
    await sanne.presses("Ik doe mee")
    await sanne.presses("Wachtlijst")
    return anna, karim, sanne


async def night_passes(bot: Harness, *people: Person, until: datetime) -> None:
    """Run the jobs every half hour of the night: nobody receives anything."""
    while bot.clock.now() + timedelta(minutes=30) < until:
        await bot.travel(timedelta(minutes=30))
        for person in people:
            assert person.last == [], f"{person.name} got at {bot.clock.now():%H:%M}: {person.last[0].text}"


async def test_a_night_crossing_story_sends_nothing_between_22_and_8(bot: Harness) -> None:
    anna, karim, sanne = await full_activity_with_a_waitlist(bot, THURSDAY_EVENING)
    bot.clock.set(WEDNESDAY_NIGHT)
    marks = {person.name: person.snapshot() for person in (anna, sanne)}
    await karim.says("/mijn")
    await karim.presses("Ik kan toch niet")
    await karim.presses("Ja, geef terug")
    karim.sees("teruggegeven")  # the answer to what he just did is not held back
    for person in (anna, sanne):  # the organiser's notice and the offer wait for the morning
        assert person.changed_since(marks[person.name]) == [], person.name
    await night_passes(bot, anna, sanne, until=datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))

    bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    sanne.sees("Er is een plek vrij", "vóór 11:07")  # a quarter of the 12.5 hours left, from 08:00
    anna.sees("Karim kan toch niet")
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("Gelukt")

    # The task ends at 22:30: "how many hours?" waits for the morning.
    bot.clock.set(datetime(2026, 11, 26, 22, 15, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    await night_passes(bot, sanne, anna, until=datetime(2026, 11, 27, 8, 0, tzinfo=AMSTERDAM))
    bot.clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    sanne.sees("Hoeveel uur was je bezig?")


async def test_an_offer_far_ahead_gets_a_day_and_tells_the_truth_when_it_lapses(bot: Harness) -> None:
    far = THURSDAY_EVENING + timedelta(days=9)  # 12 days from now
    _, karim, sanne = await full_activity_with_a_waitlist(bot, far)
    await karim.says("/mijn")
    await karim.presses("Ik kan toch niet")
    await karim.presses("Ja, geef terug")
    assert "Er is een plek vrij" in sanne.chat[-1].text
    expires = await bot.core.db.fetch_value("SELECT offer_expires_at FROM waitlist")
    assert datetime.fromisoformat(expires) - bot.clock.now() == timedelta(hours=24)
    await bot.travel(timedelta(hours=3))
    assert not any("tijd" in m.text.lower() for m in sanne.last)  # 2 hours would have lapsed here
    await bot.travel(timedelta(hours=22))
    sanne.sees("De tijd om te reageren is om", "nog vrij")
    sanne.does_not_see("naar de volgende")
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("Gelukt")
