"""Defects found playing the crossing stories in the demo as the people involved (issue 13's reshuffle).

The clock starts on Monday 23 November 2026, 10:00 (tests/harness_config.py).
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_activities import _activity
from tests.harness import Harness


@pytest.mark.parametrize(("language", "help_word"), [("nl", "/help"), ("en", "/help")])
async def test_every_line_of_help_starts_with_a_capital(bot: Harness, language: str, help_word: str) -> None:
    """Played as a newcomer: "/naam – je naam veranderen" was the one lowercase line in /help."""
    samira = await bot.member("Samira", role="newcomer", language=language)
    await samira.says(help_word)
    lines = re.findall(r"^/\w+ – (.+)$", samira.sees("/naam"), flags=re.MULTILINE)
    assert len(lines) > 10
    assert [line for line in lines if not line[0].isupper()] == []


async def test_a_place_freed_by_a_removal_says_whether_anyone_is_waiting(bot: Harness) -> None:
    """Played as the coordinator removing Karim: for a task without a waitlist the organiser read "De
    wachtlijst krijgt hem eerst", though nobody was waiting."""
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await _activity(bot, anna, places=2)
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: koken")

    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("Ja, uit de groep halen")
    told = anna.chat[-1].text
    assert "Karim is geen lid meer" in told and "niemand op de wachtlijst" in told
    assert "De wachtlijst krijgt" not in told
