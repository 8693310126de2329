"""Months in /uren: bars name their month, "Mijn maand" goes back to a (closed) month, away for a coming
month with the tasks held then given back to the waitlist (who is told in the morning, not at night)."""

from __future__ import annotations

from datetime import datetime

from tests.e2e.test_night import night_passes
from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

DECEMBER_EVENING = datetime(2026, 12, 3, 19, 0, tzinfo=AMSTERDAM)
WEDNESDAY_NIGHT = datetime(2026, 11, 25, 23, 0, tzinfo=AMSTERDAM)


async def test_my_month_goes_back_to_a_closed_month_the_coordinator_can_fix(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    yusuf = await bot.member("Yusuf")
    await yusuf.says("/uren 3 30 oktober koffieochtend")
    await yusuf.presses("Opslaan")
    await yusuf.says("/uren 1 vandaag vergadering")
    await yusuf.presses("Opslaan")
    await lotte.says("/maandsluiten")
    await lotte.presses("oktober 2026")
    await lotte.presses("Ja, sluit")

    await yusuf.says("/uren")
    await yusuf.presses("Mijn maand")
    yusuf.sees("November: ▓░░░░░░░░░ 1 van 10 uur", "vergadering")
    yusuf.does_not_see("koffieochtend")
    assert "november 2026 ▶️" not in yusuf.button_labels()  # no month ahead of this one
    await yusuf.presses("◀️ oktober 2026")
    text = yusuf.sees(
        "Jouw uren in oktober 2026",
        "Oktober: ▓▓▓░░░░░░░ 3 van 10 uur",
        "koffieochtend",
        "oktober 2026 is afgesloten",
        "De coördinator kan het nog aanpassen",
    )
    assert "vergadering" not in text
    labels = yusuf.button_labels()
    assert not any(label.startswith("✏️") for label in labels)  # a closed month offers no edits
    assert "◀️ september 2026" in labels
    await yusuf.presses("november 2026 ▶️")
    yusuf.sees("Jouw uren in november 2026", "November: ▓░░░░░░░░░ 1 van 10 uur")


async def test_away_next_month_gives_a_held_task_to_the_waitlist_told_in_the_morning(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna, karim, sanne = [await bot.member(n) for n in ("Anna", "Karim", "Sanne")]
    await bot.core.activities.create(
        await bot.member_record(anna), new_activity(DECEMBER_EVENING, tasks=(("opbouwen", 1),))
    )
    for person in (karim, sanne):
        await person.says("/herinneringen")
        await person.presses("maand")  # no end-of-month nudge in this story
        await person.says("/agenda")
        await person.presses("Spelletjesavond")
    await karim.presses("Ik doe mee")
    await sanne.presses("Ik doe mee")
    await sanne.presses("Wachtlijst")

    bot.clock.set(WEDNESDAY_NIGHT)
    before = sanne.snapshot()
    await karim.says("/uren")
    await karim.presses("Mijn maand")
    await karim.presses("Afwezig later")
    karim.sees("Kies de maand")
    await karim.presses("Afwezig in december 2026")
    karim.sees("In december 2026 sta je nog ingeschreven voor", "do 3 dec 19:00: Spelletjesavond, opbouwen")
    karim_id = (await bot.member_record(karim)).id
    assert not (await bot.core.hours.month_status(karim_id, "2026-12")).away  # nothing set before he says
    await karim.presses("Teruggeven: opbouwen")
    karim.sees("Je hebt opbouwen teruggegeven", "geen taken meer in december 2026")
    await karim.presses("Afwezig in december 2026")
    karim.sees("afwezig in december 2026", "December 2026: afwezig")
    assert (await bot.core.hours.month_status(karim_id, "2026-12")).away
    assert not (await bot.core.hours.month_status(karim_id, "2026-11")).away

    assert sanne.changed_since(before) == []  # the offer waits for the morning
    await night_passes(bot, sanne, until=datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))
    bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    sanne.sees("Er is een plek vrij")
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("Gelukt")

    await lotte.says("/leden")
    await lotte.presses("Karim")
    lotte.sees("Afwezig in: december 2026", "Geen taken gepland")
    await lotte.says("/overzicht")
    lotte.sees("Afwezig in december 2026: Karim")


async def test_away_without_tasks_is_set_at_once_and_can_be_taken_back(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/uren")
    await karim.presses("Mijn maand")
    await karim.presses("Afwezig later")
    await karim.presses("Afwezig in januari 2027")
    karim.sees("Genoteerd: je bent afwezig in januari 2027", "Januari 2027: afwezig")
    karim_id = (await bot.member_record(karim)).id
    assert (await bot.core.hours.month_status(karim_id, "2027-01")).away
    await karim.presses("januari 2027: toch niet afwezig")
    karim.sees("niet meer afwezig in januari 2027", "weer 10 uur")
    karim.does_not_see("Januari 2027: afwezig")
    assert not (await bot.core.hours.month_status(karim_id, "2027-01")).away


async def test_away_this_month_warns_about_a_task_still_ahead_this_month(bot: Harness) -> None:
    anna, karim = await bot.member("Anna"), await bot.member("Karim")
    friday = datetime(2026, 11, 27, 19, 0, tzinfo=AMSTERDAM)
    await bot.core.activities.create(await bot.member_record(anna), new_activity(friday))
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: opbouwen")
    await karim.says("/uren")
    await karim.presses("Mijn maand")
    await karim.presses("Afwezig deze maand")
    karim.sees("In november 2026 sta je nog ingeschreven voor", "Spelletjesavond, opbouwen")
    await karim.presses("Afwezig in november 2026")  # keeps the task: his choice
    karim.sees("afwezig in november 2026")
    karim_id = (await bot.member_record(karim)).id
    assert (await bot.core.hours.month_status(karim_id, "2026-11")).away
    assert len(await bot.core.activities.claims_in_month(karim_id, "2026-11")) == 1
