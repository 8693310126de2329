"""Issue 14 through /nieuw: the time examples are read right, or asked; never a wrong moment as fact.

Now is Monday 23 November 2026, 10:00 (the harness clock).
"""

from __future__ import annotations

from tests.harness import Harness


async def _when(bot: Harness, typed: str) -> str:
    anna = await bot.member("Anna")
    await anna.says("/nieuw")
    await anna.says("Spelletjesavond")
    await anna.says(typed)
    return anna.sees()


async def test_an_ordinal_day_with_an_evening_hour(bot: Harness) -> None:
    text = await _when(bot, "de 12e om 7 uur 's avonds")
    assert "Het begint zaterdag 12 december, 19:00" in text
    assert "Hoe laat is het afgelopen?" in text  # a start, not a range of many hours from today


async def test_a_weekday_with_an_ordinal(bot: Harness) -> None:
    text = await _when(bot, "zaterdag de 12e om 10 uur")
    assert "Het begint zaterdag 12 december, 10:00" in text


async def test_a_holiday_by_its_numeral(bot: Harness) -> None:
    text = await _when(bot, "1e kerstdag 17:00")
    assert "Het begint vrijdag 25 december, 17:00" in text
    assert "13:00" not in text


async def test_typos_in_day_names_and_offsets(bot: Harness) -> None:
    text = await _when(bot, "zatredag 14:00")
    assert "Het begint zaterdag 28 november, 14:00" in text


async def test_a_weekday_that_does_not_match_the_ordinal_is_a_question(bot: Harness) -> None:
    text = await _when(bot, "woensdag de 3e om 10 uur")
    assert "Het begint" not in text


async def test_a_series_starts_on_its_first_day(bot: Harness) -> None:
    text = await _when(bot, "elke dinsdag om 10 uur")
    assert "Het begint dinsdag 24 november, 10:00" in text
