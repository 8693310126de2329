"""Property tests (issue 14): no parse returns an amount or a time that the text holds no evidence for.

"10 tot 12" is two hours or a question, never 10 hours; "de 12e om 7 uur" is the 12th at 7 or 19, never
a range from today; a text without any number or amount word is never an amount.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import DomainError
from bot.hours.parse import HoursAmbiguous, parse_hours_entry
from bot.timeparse.parse import parse_when
from tests.unit.test_text_properties import AMS

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMS)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LABELS = st.sampled_from(["", " breiclub", " koffieochtend", " gisteren", " zaterdag opruimen", " bingo"])


def _dial(start: int, end: int) -> int:
    """The duration of start..end (minutes) as people mean it: on a 12-hour dial when end is not later."""
    if end <= start and end <= 12 * 60:
        end += 12 * 60
    return end - start


@FAST
@given(
    a=st.integers(0, 23),
    b=st.integers(0, 23),
    form=st.sampled_from(
        ["{a} tot {b}", "van {a} tot {b}", "{a}:00-{b}:00", "van {a}:30 tot {b}", "{a} - {b} uur"]
    ),
    label=LABELS,
)
def test_a_range_of_clock_hours_is_its_duration_or_a_question(a: int, b: int, form: str, label: str) -> None:
    text = form.format(a=a, b=b) + label
    start = a * 60 + (30 if ":30" in form else 0)
    try:
        draft = parse_hours_entry(text, NOW)
    except HoursAmbiguous as unsure:
        assert _dial(start, b * 60) in unsure.params["options"]
        return
    except DomainError:
        return
    assert draft.minutes == _dial(start, b * 60), text


WORDS_WITHOUT_AMOUNTS = st.lists(
    st.sampled_from(
        ["uur", "uren", "koffie", "gisteren", "zaterdag", "vorige", "week", "tot", "van", "breiclub", "min",
         "opruimen", "en", "of", "wat", "tijdje", "paar", "ongeveer", "de", "uurtje", "met", "kinderen"]
    ),
    min_size=1,
    max_size=6,
)  # fmt: skip


@FAST
@given(words=WORDS_WITHOUT_AMOUNTS)
def test_no_amount_without_a_number_in_the_text(words: list[str]) -> None:
    try:
        draft = parse_hours_entry(" ".join(words), NOW)
    except DomainError:
        return  # not understood, or asked with buttons: both fine
    raise AssertionError(f"{' '.join(words)!r} read as {draft.minutes} minutes")


@FAST
@given(
    day=st.integers(1, 28),
    hour=st.integers(1, 11),  # "12 uur 's avonds" is midnight, the start of the next day (documented)
    period=st.sampled_from(["", " 's avonds", " 's ochtends"]),
    lead=st.sampled_from(["de ", "op de ", ""]),
    suffix=st.sampled_from(["e", "de", "ste"]),
)
def test_an_ordinal_day_with_a_time_is_that_day_at_that_time(
    day: int, hour: int, period: str, lead: str, suffix: str
) -> None:
    text = f"{lead}{day}{suffix} om {hour} uur{period}"
    try:
        when = parse_when(text, NOW)
    except DomainError:
        return
    assert when.end is None, text
    assert when.start.day == day, text
    assert when.start.hour in (hour % 12, hour % 12 + 12), text


@FAST
@given(
    a=st.integers(8, 20), length=st.integers(1, 3), day=st.sampled_from(["zaterdag", "morgen", "12 december"])
)
def test_a_time_range_keeps_its_start(a: int, length: int, day: str) -> None:
    text = f"{day} van {a}:00 tot {a + length}:00"
    when = parse_when(text, NOW)
    assert when.start.hour == a and when.end is not None and when.end.hour == a + length
