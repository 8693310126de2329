"""Table-driven tests of ``parse_when``/``when_cli`` plus the accuracy report against raw dateparser.

Run ``python -m tests.unit.test_timeparse`` to print both accuracies on ``tests/data/when_cases.toml``.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.timeparse.parse import (
    DateDoesNotExist,
    TimeAmbiguous,
    TimeDoesNotExist,
    TimeInPast,
    TimeNotUnderstood,
    WeekdayMismatch,
    When,
    parse_when,
    when_cli,
)

AMS = ZoneInfo("Europe/Amsterdam")
CASES_FILE = Path(__file__).parents[1] / "data" / "when_cases.toml"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMS)


def load_cases() -> list[tuple[str, str, str]]:
    data = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [(group["now"], text, expected) for group in data["group"] for text, expected in group["cases"]]


CASES = load_cases()


def matches(line: str, expected: str) -> bool:
    return line.startswith("ERROR: ") if expected == "ERROR" else line == expected


def test_case_table_is_big_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(("now", "text", "expected"), CASES, ids=[f"{n} {t}" for n, t, _ in CASES])
def test_when_cli_cases(now: str, text: str, expected: str) -> None:
    code, line = when_cli(text, now, "nl", AMS)
    assert matches(line, expected), line
    assert code == (1 if expected == "ERROR" else 0)


def raw_dateparser_line(text: str, now_local: str) -> str:
    """What plain dateparser (as the brief configures it) answers, formatted like ``when_cli``."""
    import dateparser

    base = datetime.fromisoformat(now_local)
    settings = {
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "Europe/Amsterdam",
        "RELATIVE_BASE": base,
    }
    found = dateparser.parse(text, languages=["nl", "en"], settings=settings)  # type: ignore[arg-type]
    return "ERROR: none" if found is None else found.isoformat(timespec="seconds")


def raw_matches(line: str, expected: str) -> bool:
    # Generous: dateparser cannot say "date only", so midnight on the right day counts as right.
    if len(expected) == 10 and line.startswith(expected + "T00:00:00"):
        return True
    return matches(line, expected)


def accuracy() -> tuple[float, float]:
    ours = sum(matches(when_cli(t, n, "nl", AMS)[1], e) for n, t, e in CASES)
    raw = sum(raw_matches(raw_dateparser_line(t, n), e) for n, t, e in CASES)
    return ours / len(CASES), raw / len(CASES)


def test_accuracy_report(capsys: pytest.CaptureFixture[str]) -> None:
    ours, raw = accuracy()
    with capsys.disabled():
        print(f"\nwhen cases: {len(CASES)}; ours {ours:.1%}; raw dateparser {raw:.1%}")
    assert ours >= 0.95
    assert ours > raw


# --- the Python API ---------------------------------------------------------------------------------


def test_result_is_aware_and_in_requested_zone_even_if_now_is_utc() -> None:
    when = parse_when("morgen 15:00", NOW.astimezone(UTC))
    assert when == When(datetime(2026, 11, 24, 15, 0, tzinfo=AMS))
    assert when.start.tzinfo is AMS
    assert when.has_time


def test_date_only() -> None:
    when = parse_when("12 december", NOW)
    assert not when.has_time
    assert when.start == datetime(2026, 12, 12, tzinfo=AMS)
    assert when.end is None


def test_range_end_after_start_and_past_midnight() -> None:
    when = parse_when("vrijdag 22:00-01:00", NOW)
    assert when.start == datetime(2026, 11, 27, 22, 0, tzinfo=AMS)
    assert when.end == datetime(2026, 11, 28, 1, 0, tzinfo=AMS)


def test_ambiguous_lists_options() -> None:
    with pytest.raises(TimeAmbiguous) as info:
        parse_when("morgen om 7", NOW)
    assert info.value.params["options"] == ["07:00", "19:00"]
    assert info.value.text_key == "time.ambiguous"


def test_errors_and_keys() -> None:
    with pytest.raises(TimeNotUnderstood):
        parse_when("boe", NOW)
    with pytest.raises(TimeInPast) as past:
        parse_when("gisteren", NOW)
    assert past.value.params == {"when": "2026-11-22"}
    with pytest.raises(DateDoesNotExist) as nope:
        parse_when("31 november", NOW)
    assert nope.value.params == {"day": 31, "month": 11, "year": None}
    with pytest.raises(TimeDoesNotExist):
        parse_when("29 maart 2026 02:30", datetime(2026, 3, 1, tzinfo=AMS))
    with pytest.raises(WeekdayMismatch):
        parse_when("za 6 dec", NOW)


def test_allow_past() -> None:
    when = parse_when("gisteren", NOW, allow_past=True)
    assert when.start.date().isoformat() == "2026-11-22"
    assert parse_when("vanochtend om 9 uur", NOW, allow_past=True).start.hour == 9


def test_dst_fold_picks_first_occurrence() -> None:
    when = parse_when("25 oktober 2026 02:30", datetime(2026, 10, 1, tzinfo=AMS))
    assert when.start.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_long_and_empty_text_not_understood() -> None:
    for text in ("", "   ", "morgen " * 100):
        with pytest.raises(TimeNotUnderstood):
            parse_when(text, NOW)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_when("morgen", datetime(2026, 11, 23))


def test_cli_rejects_bad_now_and_handles_default_now() -> None:
    assert when_cli("morgen", "gisteren", "nl", AMS)[0] == 1
    code, line = when_cli("morgen 15:00", None, "nl", AMS)
    assert code == 0
    assert line.endswith(":00+01:00") or line.endswith(":00+02:00")


def test_warm_up_loads_dateparser_that_importing_the_parser_does_not() -> None:
    """dateparser's first use costs seconds: the bot pays it at start-up (warm_up), not on a message."""
    import subprocess
    import sys

    probe = (
        "import sys; import bot.timeparse.parse as p; "
        "assert 'dateparser' not in sys.modules, 'imported too early'; "
        "p.warm_up(); assert 'dateparser' in sys.modules, 'warm_up loaded nothing'"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


if __name__ == "__main__":
    ours, raw = accuracy()
    print(f"when cases: {len(CASES)}; ours {ours:.1%}; raw dateparser {raw:.1%}")
    for now, text, expected in CASES:
        line = raw_dateparser_line(text, now)
        if not raw_matches(line, expected):
            print(f"  dateparser misses {text!r}: {line} (want {expected})")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kerstavond 18:00", "2026-12-24T18:00:00+01:00"),
        ("tweede kerstdag 13:00", "2026-12-26T13:00:00+01:00"),
        ("pakjesavond 19:00", "2026-12-05T19:00:00+01:00"),
        ("oudejaarsavond 20:00", "2026-12-31T20:00:00+01:00"),
        ("nieuwjaarsdag 15:00", "2027-01-01T15:00:00+01:00"),
        ("koningsdag 10:00", "2027-04-27T10:00:00+02:00"),
        ("Christmas Eve 6pm", "2026-12-24T18:00:00+01:00"),
    ],
)
def test_holidays_by_name(text: str, expected: str) -> None:
    assert when_cli(text, "2026-11-23T10:00", "nl", ZoneInfo("Europe/Amsterdam")) == (0, expected)
