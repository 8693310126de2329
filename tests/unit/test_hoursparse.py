from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.hours.parse import (
    DateInFuture,
    DateTooOld,
    HoursDraft,
    HoursNotPositive,
    HoursNotUnderstood,
    HoursTooMany,
    parse_hours_amount,
    parse_hours_entry,
)
from bot.text_errors import DateDoesNotExist

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMS)  # a Monday
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "minutes", "day", "label"),
    [
        ("2,5 gisteren koffieochtend", 150, date(2026, 11, 22), "koffieochtend"),
        ("1u45 vandaag", 105, TODAY, None),
        ("anderhalf uur zaterdag", 90, date(2026, 11, 21), None),
        ("90 min", 90, TODAY, None),
        ("1:30 vrijdag opruimen", 90, date(2026, 11, 20), "opruimen"),
        ("2.5", 150, TODAY, None),
        ("2 uur", 120, TODAY, None),
        ("3 kwartier", 45, TODAY, None),
        ("half uur", 30, TODAY, None),
        ("een half uur", 30, TODAY, None),
        ("twee uur", 120, TODAY, None),
        ("1h30", 90, TODAY, None),
        ("45 minuten", 45, TODAY, None),
        ("1.5h yesterday", 90, date(2026, 11, 22), None),
        ("2 hours", 120, TODAY, None),
        ("maandag 2 uur", 120, TODAY, None),
        ("2 uur op 12 nov Koffie schenken", 120, date(2026, 11, 12), "Koffie schenken"),
        ("twee en een half uur gisteravond bingo", 150, date(2026, 11, 22), "bingo"),
        ("1 uur 30 min eergisteren", 90, date(2026, 11, 21), None),
        ("een kwartier", 15, TODAY, None),
        ("3 zondagmiddag", 180, date(2026, 11, 22), None),
    ],
)
def test_entries(text: str, minutes: int, day: date, label: str | None) -> None:
    assert parse_hours_entry(text, NOW) == HoursDraft(minutes=minutes, day=day, label=label)


def test_hours_property_and_default_day_uses_tz() -> None:
    late_utc = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already the 24th in Amsterdam
    draft = parse_hours_entry("2,5", late_utc)
    assert draft.day == date(2026, 11, 24)
    assert draft.hours == Decimal("2.50")
    assert parse_hours_entry("20 min", NOW).hours == Decimal("0.33")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("koffie", HoursNotUnderstood),
        ("", HoursNotUnderstood),
        ("0", HoursNotPositive),
        ("-2 uur", HoursNotPositive),
        ("2 morgen", DateInFuture),
        ("2 op 1 januari", DateTooOld),
        ("2 uur 30 februari", DateDoesNotExist),
        ("2 uur za 20 november", HoursNotUnderstood),
    ],
)
def test_entry_errors(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_hours_entry(text, NOW)


def test_the_configured_cap_is_the_only_cap() -> None:
    """The group's max_hours_per_entry decides; the parser has no limit of its own (it had 16)."""
    assert parse_hours_entry("20 uur", NOW).minutes == 20 * 60
    assert parse_hours_entry("20 uur", NOW, max_hours=20).minutes == 20 * 60
    with pytest.raises(HoursTooMany) as many:
        parse_hours_entry("17 uur", NOW, max_hours=16)
    assert many.value.params == {"max_hours": 16}
    with pytest.raises(HoursTooMany):
        parse_hours_amount("9", max_hours=8)


def test_error_params() -> None:
    with pytest.raises(DateTooOld) as old:
        parse_hours_entry("2 uur 15 oktober", NOW, max_days_back=30)
    assert old.value.params == {"day": "2026-10-15", "max_days_back": 30}
    assert parse_hours_entry("2 uur 15 oktober", NOW).day == date(2026, 10, 15)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("2,5", 150), ("1u45", 105), ("anderhalf uur", 90), ("90 min", 90), ("1:30", 90), ("16", 960)],
)
def test_amount_only(text: str, minutes: int) -> None:
    assert parse_hours_amount(text) == minutes


@pytest.mark.parametrize("text", ["2 uur koffie", "gisteren", "abc", "1:75"])
def test_amount_only_rejects_extra_words(text: str) -> None:
    with pytest.raises(HoursNotUnderstood):
        parse_hours_amount(text)
