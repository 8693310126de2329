"""Defects found playing the crossing stories in the demo as the people involved (issue 13's reshuffle).

The clock starts on Monday 23 November 2026, 10:00 (tests/harness_config.py).
"""

from __future__ import annotations

import re

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(("language", "help_word"), [("nl", "/help"), ("en", "/help")])
async def test_every_line_of_help_starts_with_a_capital(bot: Harness, language: str, help_word: str) -> None:
    """Played as a newcomer: "/naam – je naam veranderen" was the one lowercase line in /help."""
    samira = await bot.member("Samira", role="newcomer", language=language)
    await samira.says(help_word)
    lines = re.findall(r"^/\w+ – (.+)$", samira.sees("/naam"), flags=re.MULTILINE)
    assert len(lines) > 10
    assert [line for line in lines if not line[0].isupper()] == []
