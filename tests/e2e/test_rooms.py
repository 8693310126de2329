"""/ruimtes without the activities feature: the facts of both rooms and a free week."""

from __future__ import annotations

from tests.harness import Harness


async def test_rooms_show_facts_and_an_empty_week(bot: Harness) -> None:
    anna = await bot.member("Anna", role="newcomer")
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
        "zo 29 nov: vrij",
        "De agenda is nog niet gekoppeld",
    )
    assert text.count(": vrij") == 14
    await anna.presses("Volgende week")
    anna.sees("Huiskamer portiek 7", "Week ma 30 nov – zo 6 dec", "do 3 dec: vrij")
    await anna.presses("Vorige week")
    anna.sees("Week ma 23 nov – zo 29 nov")


async def test_rooms_in_english(bot: Harness) -> None:
    sam = await bot.member("Sam", language="en")
    await sam.says("/ruimtes")
    sam.sees("House rules", "Mon 23 Nov: free", "not connected yet")
