"""/ruimtes: the facts of both huiskamers and their week, filled from the real agenda."""

from __future__ import annotations

from datetime import datetime

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity


async def test_rooms_show_facts_and_the_week_from_the_agenda(bot: Harness) -> None:
    anna = await bot.member("Anna", role="newcomer")
    lotte = await bot.member("Lotte", role="coordinator")
    thursday = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)
    organiser = await bot.member_record(lotte)
    await bot.core.activities.create(organiser, new_activity(thursday, place="huiskamer6"))
    await anna.says("/ruimtes")
    text = anna.sees(
        "Huiskamer portiek 6",
        "Huiskamer portiek 7",
        "Niet toegankelijk met een rolstoel",
        "Geen internet",
        "Huisregels",
        "Lichten uit, ramen dicht",
        "Week ma 23 nov – zo 29 nov",
        "ma 23 nov: vrij",
        "Spelletjesavond",
        "nog niemand brengt de sleutel",
    )
    assert text.count(": vrij") == 13  # 14 room-days, one taken
    await anna.presses("Volgende week")
    anna.sees("Huiskamer portiek 7", "Week ma 30 nov – zo 6 dec", "do 3 dec: vrij")
    await anna.presses("Vorige week")
    anna.sees("Week ma 23 nov – zo 29 nov")


async def test_rooms_in_english(bot: Harness) -> None:
    sam = await bot.member("Sam", language="en")
    await sam.says("/ruimtes")
    sam.sees("House rules", "Mon 23 Nov: free")
