"""The coordinator is named wherever the bot says "vraag het de coördinator" ([community] in the config)."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import Config
from tests.harness import Harness


@pytest.fixture
def config(config: Config) -> Config:
    community = dataclasses.replace(
        config.community, coordinator_name="Fatima", coordinator_hours="ma–do 9–17 uur"
    )
    return dataclasses.replace(config, community=community)


async def test_strangers_newcomers_and_the_faq_meet_fatima(bot: Harness) -> None:
    stranger = await bot.stranger("Yara")
    await stranger.says("/start")
    stranger.sees(
        "Vraag de uitnodigingslink aan Fatima (de coördinator)",
        "Onze coördinator is Fatima. Bereikbaar: ma–do 9–17 uur.",
    )
    await stranger.says("/start verkeerd")
    stranger.sees("Vraag Fatima (de coördinator) om de juiste link")

    sanne = await bot.member("Sanne", role="newcomer")
    await sanne.says("/welkom")
    for _ in range(4):
        await sanne.presses("Verder")
    sanne.sees("stap 5 van 6", "De coördinator", "Onze coördinator is Fatima. Bereikbaar: ma–do 9–17 uur.")

    await sanne.says("/wegwijs wat doet de coördinator")
    sanne.sees("Wat doet de coördinator?", "Onze coördinator is Fatima")
    await sanne.says("/wegwijs mag mijn hond mee naar de kerstborrel")
    sanne.sees("Vraag het Fatima (de coördinator)")


async def test_english_names_her_too(bot: Harness) -> None:
    sam = await bot.member("Sam", language="en")
    await sam.says("/wegwijs can my dog come to the christmas drinks")
    sam.sees("Ask Fatima (the coordinator)")
