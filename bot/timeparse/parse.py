"""Understanding "when" as volunteers type it, in Dutch or English.

Own rules (``timeparse_rules`` for days, this module for clock times) come first because dateparser
misses much everyday Dutch ("half acht", "vanavond", "volgende week dinsdag"); dateparser is the
fallback for whatever the rules leave unexplained.

Decisions (documented for the lead and the texts):

* Clock notation (``19:30``, ``7.30``, ``19u30``, ``07 uur``) is read as a 24-hour clock: ``7:30`` is
  07:30. A period word or am/pm changes that (``7.30 's avonds`` is 19:30).
* A spoken-style hour without a period (``om 7``, ``8 uur``, ``half acht``, ``kwart over zeven``) is
  read with the group's habits: 1-6 are afternoon/evening (``om 3`` is 15:00), 9-12 are morning/noon,
  7 and 8 are truly ambiguous (breakfast or evening meeting) and raise ``TimeAmbiguous``, unless only
  one reading lies ahead (``vandaag om 8`` at 10:00 is 20:00).
* A time without a day is the next occurrence (today if still ahead, otherwise tomorrow).
* A bare weekday is the next such day after today; on that weekday itself it is today only when a
  time later today is given ("donderdag 20:00" on Thursday 10:00 is today, "donderdag" is next week).
  ``volgende``/``next``/``aanstaande`` + weekday is the first such day after today; ``volgende week
  dinsdag`` is Tuesday of next calendar week; ``dinsdag over een week`` is a week after the next Tuesday.
* A date without year is the next one from today on (``12 november`` in late November is next year).
* ``a-b`` between two numbers is a date (``12-12``) unless followed by ``uur``/``u``/am/pm or a date was
  already given (``12 december 14-16``), then it is a time range.
* Period words without a time (``vanavond``, ``morgenochtend``) give a date only (``has_time`` False);
  ``middag``/``noon`` alone is 12:00.
* Daylight saving: wall times in the spring-forward gap raise ``TimeDoesNotExist``; wall times that occur
  twice in October take the first (summer-time) occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.text_errors import (
    DateDoesNotExist,
    TimeAmbiguous,
    TimeDoesNotExist,
    TimeInPast,
    TimeNotUnderstood,
    WeekdayMismatch,
)
from bot.timeparse.clock_words import FILLERS, PERIOD_RE, assign_periods, find_mentions, range_options
from bot.timeparse.rules import extract_day, normalize

__all__ = [
    "DateDoesNotExist",
    "TimeAmbiguous",
    "TimeDoesNotExist",
    "TimeInPast",
    "TimeNotUnderstood",
    "WeekdayMismatch",
    "When",
    "localize",
    "parse_when",
    "warm_up",
    "when_cli",
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_TEXT = 200


@dataclass(frozen=True)
class When:
    """A moment or range; ``start`` is aware and in the requested zone. Date only: ``has_time`` False."""

    start: datetime
    end: datetime | None = None
    has_time: bool = True
    repeat: str | None = None  # a series: "week", "2weeks" or "month"; ``start`` is the first one


# "elke dinsdag", "om de week": a series; the words are taken off and the first occurrence is read.
_SERIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), repeat)
    for p, repeat in (
        (
            r"\b(?:om de (?:2|twee) weken|om de week|elke (?:2|twee) weken|iedere (?:2|twee) weken"
            r"|every (?:other|2|two) weeks?|tweewekelijks)\b",
            "2weeks",
        ),
        (r"\b(?:elke maand|iedere maand|maandelijks|every month|monthly)\b", "month"),
        (r"\b(?:elke|iedere|every|each)\b(?=\s+\w)|\bwekelijks\b|\bweekly\b", "week"),
    )
)
_OFFSET = re.compile(
    r"(?:over|in|binnen)\s+(\d{1,3}|1 half|1,5|anderhalf)\s+"
    r"(minuten|minuut|minutes|minute|mins|min|uur|uren|hours|hour|kwartier)"
)


def _series(text: str) -> tuple[str, str | None]:
    for pattern, repeat in _SERIES:
        if pattern.search(text):
            return pattern.sub(" ", text, count=1), repeat
    return text, None


def _by_offset(text: str, now: datetime) -> When | None:
    """ "over twintig minuten", "in 2 hours": a moment from now, to the minute."""
    m = _OFFSET.fullmatch(normalize(text))
    if m is None:
        return None
    unit = 15 if m[2] == "kwartier" else 1 if m[2].startswith("min") else 60
    count = {"1 half": 0.5, "1,5": 1.5, "anderhalf": 1.5}.get(m[1]) or int(m[1])
    minutes = int(count * unit)
    if minutes <= 0:
        return None
    return When(now.replace(second=0, microsecond=0) + timedelta(minutes=minutes))


def localize(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """Wall time on ``day`` (minutes may pass 24 h) in ``tz``; first occurrence when it occurs twice."""
    extra_days, minutes = divmod(minutes, 24 * 60)
    day += timedelta(days=extra_days)
    wall = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=tz)
    if wall.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise TimeDoesNotExist(local=wall.replace(tzinfo=None).isoformat(timespec="minutes"))
    return wall


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _by_rules(text: str, now: datetime, tz: ZoneInfo, allow_past: bool) -> When | None:
    """Our own reading, or None when the text holds words the rules do not explain."""
    s = normalize(text)
    today = now.date()
    dash_dates = not re.search(r"\d\s*-\s*\d+\s*(?:uur|u|h|q)", s)
    day_match = extract_day(s, today, dash_dates=dash_dates)
    rest = day_match.rest
    mentions, rest = find_mentions(rest)
    rest = assign_periods(mentions, rest)
    if any(tok not in FILLERS for tok in rest.split()):
        return None
    if not mentions:
        if day_match.day is None:
            return None if not PERIOD_RE.search(s) else When(localize(today, 0, tz), has_time=False)
        return When(localize(day_match.day, 0, tz), has_time=False)
    if len(mentions) > 2:
        return None

    def place(start_min: int) -> date:
        if day_match.day is None:
            return today if localize(today, start_min, tz) >= now else today + timedelta(days=1)
        same_weekday = day_match.bare_weekday and day_match.day == today + timedelta(days=7)
        if same_weekday and localize(today, start_min, tz) > now:
            return today
        return day_match.day

    options = range_options(mentions)
    built = []
    for start_min, end_min in options:
        d = place(start_min)
        start = localize(d, start_min, tz)
        end = localize(d, end_min, tz) if end_min is not None else None
        built.append(When(start, end))
    if len(built) > 1:
        ahead = [w for w in built if w.start >= now] if not allow_past else built
        if len(ahead) == 1:
            return ahead[0]
        raise TimeAmbiguous(options=[_hhmm(s) for s, _ in options])
    return built[0]


def _by_dateparser(text: str, now: datetime, tz: ZoneInfo) -> When | None:
    settings = {
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz.key,
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_TIME_AS_PERIOD": True,
    }
    from dateparser.date import DateDataParser

    try:
        data = DateDataParser(languages=["nl", "en"], settings=settings).get_date_data(text)
    except Exception:  # third-party parser on arbitrary text: any failure means "not understood"
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.astimezone(tz)
    if data.period == "time":
        return When(localize(found.date(), found.hour * 60 + found.minute, tz))
    return When(localize(found.date(), 0, tz), has_time=False)


def parse_when(
    text: str,
    now: datetime,
    *,
    tz: ZoneInfo = AMSTERDAM,
    lang: str = "nl",
    allow_past: bool = False,
) -> When:
    """Read a moment, date or range from ``text``; ``now`` is aware (any zone).

    ``lang`` is accepted for symmetry with the other parsers; both Dutch and English are always read.
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware now")
    now = now.astimezone(tz)
    trimmed = text.strip()
    if not trimmed or len(trimmed) > MAX_TEXT:
        raise TimeNotUnderstood(text=trimmed[:40])
    rest, repeat = _series(trimmed)
    result = _by_offset(rest, now) or _by_rules(rest, now, tz, allow_past) or _by_dateparser(rest, now, tz)
    if result is None:
        raise TimeNotUnderstood(text=trimmed[:40])
    if repeat is not None:
        result = replace(result, repeat=repeat)
    if not allow_past:
        in_past = result.start < now if result.has_time else result.start.date() < now.date()
        if in_past:
            shown = result.start.isoformat() if result.has_time else result.start.date().isoformat()
            raise TimeInPast(when=shown)
    return result


def warm_up() -> None:
    """Import dateparser and parse once: its first call loads language data and takes seconds."""
    _by_dateparser("12 december 2026 14:00", datetime(2026, 1, 1, tzinfo=AMSTERDAM), AMSTERDAM)


_CLI_REASONS: dict[type[Exception], str] = {
    TimeDoesNotExist: "time does not exist (daylight saving gap)",
    WeekdayMismatch: "weekday does not match the date",
    TimeNotUnderstood: "time not understood",
    TimeAmbiguous: "time is ambiguous",
    TimeInPast: "time is in the past",
    DateDoesNotExist: "date does not exist",
}


def format_when(when: When) -> str:
    """ISO 8601: date only as ``2026-12-12``, a moment with offset, a range as ``START/END``."""
    if not when.has_time:
        return when.start.date().isoformat()
    start = when.start.isoformat(timespec="seconds")
    return f"{start}/{when.end.isoformat(timespec='seconds')}" if when.end else start


def when_cli(text: str, now_local: str | None, lang: str, tz: ZoneInfo) -> tuple[int, str]:
    """``burenbot when TEXT --now 2026-11-23T10:00``: (exit code, one line). ``now_local``: wall time."""
    if now_local is None:
        now = datetime.now(tz)
    else:
        try:
            parsed = datetime.fromisoformat(now_local)
        except ValueError:
            return 1, "ERROR: --now is not an ISO date-time"
        now = parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed
    try:
        return 0, format_when(parse_when(text, now, tz=tz, lang=lang))
    except (TimeNotUnderstood, TimeAmbiguous, TimeInPast, DateDoesNotExist) as exc:
        reason = next(r for cls, r in _CLI_REASONS.items() if isinstance(exc, cls))
        if isinstance(exc, TimeAmbiguous):
            reason += f" ({' or '.join(exc.params['options'])})"  # type: ignore[arg-type]
        return 1, f"ERROR: {reason}"
