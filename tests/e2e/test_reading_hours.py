"""Issue 14 through the real bot: every way of writing hours is read right, or asked with buttons.

Now is Monday 23 November 2026, 10:00 (the harness clock).
"""

from __future__ import annotations

import dataclasses

from bot.clock import ManualClock
from bot.config import Config
from tests.e2e.test_hours import entries
from tests.harness import start_harness, stop_harness


async def test_the_issue_examples_are_read_right(bot) -> None:
    anna = await bot.member("Anna")
    cases = [
        ("/uren 3 uur en een kwartier", "3,25 uur", "maandag 23 november"),
        ("/uren half uurtje", "0,5 uur", "maandag 23 november"),
        ("/uren 1½ uur", "1,5 uur", "maandag 23 november"),
        ("/uren 9 tot 11 breiclub", "2 uur", "maandag 23 november"),
        ("/uren drieënhalf uur gisteren", "3,5 uur", "zondag 22 november"),
        ("/uren 2 uur vorige week dinsdag", "2 uur", "dinsdag 17 november"),
        ("/uren van half 2 tot 4 afgelopen zaterdag", "2,5 uur", "zaterdag 21 november"),
    ]
    for typed, amount, day in cases:
        await anna.says(typed)
        anna.sees(amount, day)
        anna.does_not_see("⏱ <b>9 uur", "0,25 uur")
        if "Activiteit" in anna.button_labels():
            await anna.presses("Activiteit")
        await anna.presses("Opslaan")
    stored = await entries(bot, anna)
    assert [(day, minutes) for day, minutes, _ in stored] == [
        ("2026-11-23", 195),
        ("2026-11-23", 30),
        ("2026-11-23", 90),
        ("2026-11-23", 120),
        ("2026-11-22", 210),
        ("2026-11-17", 120),
        ("2026-11-21", 150),
    ]


async def test_a_vague_amount_asks_with_preset_buttons_and_keeps_the_day(bot) -> None:
    bram = await bot.member("Bram")
    await bram.says("/uren een uurtje of wat gisteren")
    bram.sees("ongeveer")
    bram.does_not_see("Klopt dit?")
    assert bram.button_labels()[:5] == ["0,5", "1", "1,5", "2", "3"]
    await bram.presses("1,5")
    bram.sees("1,5 uur", "zondag 22 november")
    await bram.presses("Overleg")
    await bram.presses("Opslaan")
    assert await entries(bot, bram) == [("2026-11-22", 90, "meeting")]


async def test_a_range_or_estimate_asks_which(bot) -> None:
    cor = await bot.member("Cor")
    await cor.says("/uren 2-3 uur")
    cor.sees("meer manieren")
    assert cor.button_labels()[:3] == ["1", "2", "3"]
    await cor.presses("3")
    await cor.presses("Activiteit")
    cor.sees("Klopt dit?", "3 uur")
    await cor.presses("Opslaan")
    assert await entries(bot, cor) == [("2026-11-23", 180, "activity")]


async def test_a_typed_vague_answer_to_the_amount_question_asks_too(bot) -> None:
    dina = await bot.member("Dina")
    await dina.says("/uren")
    await dina.presses("Anders")
    await dina.says("een tijdje")
    dina.sees("ongeveer")
    await dina.presses("2")
    dina.sees("2 uur")
    await dina.presses("Vandaag")
    await dina.presses("Activiteit")
    await dina.presses("Opslaan")
    assert await entries(bot, dina) == [("2026-11-23", 120, "activity")]


async def test_the_configured_maximum_is_the_only_cap(config: Config, clock: ManualClock) -> None:
    config = dataclasses.replace(config, hours=dataclasses.replace(config.hours, max_hours_per_entry=20))
    harness = await start_harness(config, clock=clock)
    try:
        eva = await harness.member("Eva")
        await eva.says("/uren 18 uur gisteren kerstdiner koken")
        eva.sees("Klopt dit?", "18 uur")
        await eva.says("/uren 21 uur gisteren")
        eva.sees("hoogstens 20 uur")
    finally:
        await stop_harness(harness)


async def test_a_day_that_pins_nothing_down_is_asked_not_booked_on_today(bot) -> None:
    fleur = await bot.member("Fleur")
    await fleur.says("/uren 2 uur vorige week koffieochtend")
    fleur.sees("2 uur", "koffieochtend", "Op welke dag")
    fleur.does_not_see("Klopt dit?", "maandag 23 november")
    await fleur.presses("Andere dag")
    await fleur.says("woensdag")
    fleur.sees("woensdag 18 november")
    await fleur.presses("Opslaan")
    assert await entries(bot, fleur) == [("2026-11-18", 120, "activity")]


async def test_typos_ordinals_and_days_ago(bot) -> None:
    gijs = await bot.member("Gijs")
    for typed, day in (
        ("/uren 2 uur wonsdag", "woensdag 18 november"),
        ("/uren 1 uur op de 12e", "donderdag 12 november"),
        ("/uren 3 uur 3 dagen geleden", "vrijdag 20 november"),
    ):
        await gijs.says(typed)
        gijs.sees(day)


async def test_a_typed_day_answer_forgives_a_typo_and_asks_when_unsure(bot) -> None:
    hanna = await bot.member("Hanna")
    await hanna.says("/uren 2 uur vorige week")
    await hanna.presses("Andere dag")
    await hanna.says("vorige week")
    hanna.sees("begrijp")  # still not one day: asked again, not guessed
    await hanna.says("zatredag")
    hanna.sees("zaterdag 21 november")
