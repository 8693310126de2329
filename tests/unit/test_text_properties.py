"""Property tests: on any text the parsers return a valid result or raise one of our domain errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.budget.amount import parse_amount
from bot.config import HoursConfig
from bot.errors import DomainError
from bot.hours.parse import parse_hours_amount, parse_hours_entry
from bot.timeparse.parse import parse_when

AMS = ZoneInfo("Europe/Amsterdam")
MAX_HOURS = HoursConfig().max_hours_per_entry  # the cap comes from the config, passed in
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Arbitrary text, plus text built from the words the parsers look for, so rules really get exercised.
WORDS = [
    "half",
    "kwart",
    "over",
    "voor",
    "om",
    "uur",
    "u",
    "h",
    "'s",
    "avonds",
    "middags",
    "ochtends",
    "nachts",
    "morgen",
    "overmorgen",
    "vandaag",
    "gisteren",
    "volgende",
    "week",
    "dinsdag",
    "donderdag",
    "za",
    "dec",
    "december",
    "februari",
    "31",
    "30",
    "29",
    "12",
    "7",
    "19:30",
    "14-16",
    "van",
    "tot",
    "pm",
    "am",
    "noon",
    "tomorrow",
    "next",
    "minuten",
    "min",
    "anderhalf",
    "kwartier",
    "euro",
    "€",
    ",",
    ".",
    "-",
    "/",
    ":",
    "2,5",
    "1.250,00",
    "over",
    "een",
    "twee",
    "0",
    "-3",
    "99999999999",
    "💶",
    "\x00",
    "\n",
]
texty = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
    st.text(min_size=5000, max_size=5000),
)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))


@FAST
@given(text=texty, now=moments, allow_past=st.booleans())
def test_parse_when_total(text: str, now: datetime, allow_past: bool) -> None:
    try:
        when = parse_when(text, now, allow_past=allow_past)
    except DomainError:
        return
    assert when.start.tzinfo is AMS
    if when.end is not None:
        assert when.has_time
        assert when.end > when.start
    if not allow_past:
        assert when.start >= now or (not when.has_time and when.start.date() >= now.astimezone(AMS).date())


@FAST
@given(text=texty, now=moments)
def test_parse_hours_entry_total(text: str, now: datetime) -> None:
    try:
        draft = parse_hours_entry(text, now, max_hours=MAX_HOURS)
    except DomainError:
        return
    today = now.astimezone(AMS).date()
    assert 0 < draft.minutes <= MAX_HOURS * 60
    assert today - timedelta(days=45) <= draft.day <= today
    assert draft.label is None or draft.label.strip() == draft.label != ""


@FAST
@given(text=texty)
def test_parse_hours_amount_total(text: str) -> None:
    try:
        minutes = parse_hours_amount(text, max_hours=MAX_HOURS)
    except DomainError:
        return
    assert 0 < minutes <= MAX_HOURS * 60


@FAST
@given(text=texty, max_cents=st.integers(min_value=1, max_value=10**9))
def test_parse_amount_total(text: str, max_cents: int) -> None:
    try:
        cents = parse_amount(text, max_cents=max_cents)
    except DomainError:
        return
    assert 0 < cents <= max_cents


@FAST
@given(cents=st.integers(min_value=1, max_value=5000_00))
def test_amount_round_trips_in_dutch_notation(cents: int) -> None:
    euros, rest = divmod(cents, 100)
    assert parse_amount(f"€ {euros},{rest:02d}") == cents
    assert parse_amount(f"{euros}.{rest:02d}") == cents
