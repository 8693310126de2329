"""Defects found playing the crossing stories in the demo as the people involved (issue 13's reshuffle).

The clock starts on Monday 23 November 2026, 10:00 (tests/harness_config.py).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.e2e.test_activities import _activity
from tests.e2e.test_announcements import announce, received
from tests.e2e.test_cli import burenbot
from tests.e2e.test_leaving import _key_with
from tests.harness import Harness
from tests.harness_config import AMSTERDAM


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


async def test_an_announcement_sent_at_night_says_it_waits_for_the_morning(bot: Harness) -> None:
    """Played at 23:00 as the coordinator: "Het bericht wordt verstuurd ... Je krijgt een verslag als
    het klaar is", then nothing until 08:00; she is told when it goes out."""
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    bot.clock.set(datetime(2026, 11, 25, 23, 0, tzinfo=AMSTERDAM))
    await announce(lotte, "De huiskamer is vrijdag dicht.")
    await lotte.presses("Versturen naar")
    lotte.sees("08:00")
    assert received(bot, karim, "De huiskamer is vrijdag dicht.") == 0
    bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    assert received(bot, karim, "De huiskamer is vrijdag dicht.") == 1

    bot.clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM))  # by day: no word about the morning
    await announce(lotte, "Koffie om tien.")
    await lotte.presses("Versturen naar")
    lotte.sees("wordt verstuurd")
    lotte.does_not_see("08:00")


async def test_the_coordinator_who_removes_a_key_holder_is_told_where_the_key_went(bot: Harness) -> None:
    """Played as Lotte removing Karim, who held a key: the confirmation promised "de sleutels naar de
    sleutelkast", then said only "Karim is geen lid meer"; the other coordinators got the list, she not."""
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await _key_with(bot, lotte, karim)
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("Ja, uit de groep halen")
    # One key and no task: the key in the singular, and nothing said of places.
    lotte.sees("Karim is geen lid meer", "🔑 sleutel Sleutel 1", "De sleutel staat nu in de sleutelkast")
    lotte.does_not_see("op de sleutelkast", "De sleutels", "haal ze", "De plekken zijn weer vrij")


def test_the_demo_month_leaves_no_stale_key_question_for_anna() -> None:
    """Played in the demo as Anna: the first thing she saw was "Mirela geeft je de sleutel ... Heb je
    hem gekregen?" for a hand-over the example month had already confirmed; "Ja" then said "Deze sleutel
    is niet aan jou gegeven, of de overdracht is al afgerond"."""
    result = burenbot("demo", stdin="/as Anna\n/as Mirela\n/as Anna\n/sleutel\n", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Heb je hem gekregen?" not in result.stdout
    assert "Anna heeft de sleutel Huiskamer 7 – sleutel 1 ontvangen" not in result.stdout
    assert "Huiskamer 7 – sleutel 1: bij jou" in result.stdout  # the hand-over itself did happen


async def test_a_removed_member_who_starts_again_is_told_he_is_no_longer_a_member(bot: Harness) -> None:
    """Played as Karim after his removal: /start gave the stranger's "ask for the invite link", while
    /agenda said "Je bent geen lid meer"."""
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("Ja, uit de groep halen")

    await karim.says("/start")
    karim.sees("Je bent geen lid meer van Buren voor Buren")
    karim.does_not_see("uitnodigingslink")
