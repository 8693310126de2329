"""Answers to /nieuw's own "when" questions, read with what the conversation already knows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.activities.when_answer import pick_option, resolve_option, understand_when
from bot.text_errors import TimeInPast

TZ = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        ("'s avonds", "20:00"),
        ("avond", "20:00"),
        ("in de avond", "20:00"),
        ("evening", "20:00"),
        ("'s ochtends", "08:00"),
        ("ochtend", "08:00"),
        ("morning", "08:00"),
        ("20:00", "20:00"),
        ("20.00", "20:00"),
        ("8", "08:00"),
        ("volgende week", None),
    ],
)
def test_pick_option_by_period_word_or_time(typed: str, picked: str | None) -> None:
    assert pick_option(typed, ["08:00", "20:00"]) == picked


def test_resolve_option_keeps_the_day_and_the_range_of_the_original_text() -> None:
    thursday = resolve_option("donderdag om 8", "20:00", NOW, TZ, "nl")
    assert thursday.start == datetime(2026, 11, 26, 20, 0, tzinfo=TZ)
    ranged = resolve_option("om 8 tot 10", "20:00", NOW, TZ, "nl", date(2026, 12, 12))
    assert (ranged.start, ranged.end) == (
        datetime(2026, 12, 12, 20, 0, tzinfo=TZ),
        datetime(2026, 12, 12, 22, 0, tzinfo=TZ),
    )
    half = resolve_option("half acht", "07:30", NOW, TZ, "nl", date(2026, 12, 12))
    assert half.start == datetime(2026, 12, 12, 7, 30, tzinfo=TZ)


def test_a_kept_day_is_used_only_when_the_answer_names_no_day() -> None:
    kept = date(2026, 12, 12)
    assert understand_when("17:00", NOW, TZ, "nl", kept).start == datetime(2026, 12, 12, 17, 0, tzinfo=TZ)
    assert understand_when("morgen 17:00", NOW, TZ, "nl", kept).start == datetime(
        2026, 11, 24, 17, 0, tzinfo=TZ
    )
    assert understand_when("17:00", NOW, TZ, "nl").start == datetime(2026, 11, 23, 17, 0, tzinfo=TZ)
    with pytest.raises(TimeInPast):
        understand_when("09:00", NOW, TZ, "nl", date(2026, 11, 23))
