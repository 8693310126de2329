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
from dataclasses import dataclass, field
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
from bot.timeparse_rules import AM, EVENING, NIGHT, PERIOD_TOKENS, PM, blank, extract_day, normalize

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


@dataclass
class _Mention:
    """A clock time found in the text. ``clock``: written as a 24-hour clock (no guessing needed)."""

    pos: int
    hour: int
    minute: int
    clock: bool
    period: str | None = field(default=None)


_N = r"(\d{1,2}|kwart|quarter|half)"
_EN_REL = re.compile(rf"\b{_N}\s+(past|after|to)\s+(\d{{1,2}})\b")
_NL_HALF_REL = re.compile(rf"\b{_N}\s+(over|voor|na)\s+half\s+(\d{{1,2}})\b")
_NL_HALF = re.compile(r"\bhalf\s+(\d{1,2})\b")
_NL_REL = re.compile(rf"\b{_N}\s+(over|voor|na)\s+(\d{{1,2}})\b")
_CLOCK = re.compile(r"(?<![\d.:/])(\d{1,2})\s*[:.uh]\s*(\d{2})(?!\d)(?:\s*(?:uur|u|h)\b)?")
_HOUR_WORD = re.compile(r"(?<![\d.:/])(\d{1,2})\s*(?:uur|u|h)\b")
_BARE = re.compile(r"(?<![\d.:/])(\d{1,2})(?![\d.:/])")
_PERIOD_RE = re.compile(rf"\b({'|'.join(PERIOD_TOKENS)})\b")
_FILLERS = frozenset(
    {
        "om",
        "at",
        "on",
        "op",
        "de",
        "het",
        "the",
        "van",
        "vanaf",
        "from",
        "tot",
        "to",
        "until",
        "till",
        "tussen",
        "between",
        "en",
        "and",
        "uur",
        "u",
        "h",
        "rond",
        "around",
        "about",
        "ongeveer",
        "circa",
        "ca",
        "in",
        "a",
        "een",
        "-",
        "/",
        "'",
        ".",
        ":",
        "'s",
    }
)
_MINUTE_WORDS = {"kwart": 15, "quarter": 15, "half": 30}


def _spoken(pos: int, hour: int, offset: int) -> _Mention:
    """A time said relative to a full hour; the hour is on a 12-hour dial, so 0 means 12."""
    total = hour * 60 + offset
    h, m = divmod(total, 60)
    if hour <= 12 and h == 0:
        h = 12
    return _Mention(pos, h, m, clock=False)


def _count(word: str) -> int:
    n = _MINUTE_WORDS.get(word) or int(word)
    if not 1 <= n <= 30:
        raise TimeNotUnderstood(text=word)
    return n


def _find_mentions(s: str) -> tuple[list[_Mention], str]:
    found: list[_Mention] = []
    for pattern in (_EN_REL, _NL_HALF_REL, _NL_HALF, _NL_REL, _CLOCK, _HOUR_WORD, _BARE):
        while m := pattern.search(s):
            if pattern is _EN_REL:
                n = _count(m[1])
                found.append(_spoken(m.start(), int(m[3]), -n if m[2] == "to" else n))
            elif pattern is _NL_HALF_REL:
                n = _count(m[1])
                found.append(_spoken(m.start(), int(m[3]), -30 + (-n if m[2] == "voor" else n)))
            elif pattern is _NL_HALF:
                found.append(_spoken(m.start(), int(m[1]), -30))
            elif pattern is _NL_REL:
                n = _count(m[1])
                found.append(_spoken(m.start(), int(m[3]), -n if m[2] == "voor" else n))
            elif pattern is _CLOCK:
                found.append(_Mention(m.start(), int(m[1]), int(m[2]), clock=True))
            else:
                hour = int(m[1])
                found.append(_Mention(m.start(), hour, 0, clock=m[1].startswith("0") or hour >= 13))
            s = blank(s, m)
    for mention in found:
        if not (0 <= mention.hour <= 24 and 0 <= mention.minute <= 59) or (
            mention.hour == 24 and mention.minute
        ):
            raise TimeNotUnderstood(text=f"{mention.hour}:{mention.minute:02d}")
    found.sort(key=lambda x: x.pos)
    return found, s


def _assign_periods(mentions: list[_Mention], s: str) -> str:
    leading: str | None = None
    while m := _PERIOD_RE.search(s):
        before = [x for x in mentions if x.pos < m.start()]
        if not before:
            leading = m[1]
        elif before[-1].period not in (None, m[1]):
            raise TimeNotUnderstood(text=m[0])
        else:
            before[-1].period = m[1]
        s = blank(s, m)
    fallback = leading or next((x.period for x in mentions if x.period), None)
    for mention in mentions:
        mention.period = mention.period or fallback
    return s


def _with_period(hour: int, period: str) -> int:
    """The hour (1-12) on a 24-hour clock; 24 means midnight at the end of the day."""
    if period == AM:
        return 0 if hour == 12 else hour
    if period == PM:
        return hour if hour == 12 else hour + 12
    if period == EVENING:
        return 24 if hour == 12 else hour + 12
    assert period == NIGHT
    return 24 if hour == 12 else hour if hour <= 6 else hour + 12


def _candidates(m: _Mention) -> list[int]:
    """Minutes after midnight this mention may mean (more than one: ambiguous)."""
    if m.period and 1 <= m.hour <= 12:
        return [_with_period(m.hour, m.period) * 60 + m.minute]
    if m.period == AM and m.hour > 12:
        raise TimeNotUnderstood(text=f"{m.hour}:{m.minute:02d}")
    if m.period or m.clock or m.hour == 0 or m.hour >= 13:
        return [m.hour * 60 + m.minute]
    if m.hour <= 6:
        return [(m.hour + 12) * 60 + m.minute]
    if m.hour in (7, 8):
        return [m.hour * 60 + m.minute, (m.hour + 12) * 60 + m.minute]
    return [m.hour * 60 + m.minute]


def _options(mentions: list[_Mention]) -> list[tuple[int, int | None]]:
    if len(mentions) == 1:
        return [(c, None) for c in _candidates(mentions[0])]
    first, second = (_candidates(m) for m in mentions)
    pairs: list[tuple[int, int | None]] = [(s, e) for s in first for e in second if 0 < e - s <= 12 * 60]
    if not pairs and len(first) == len(second) == 1 and second[0] <= first[0]:
        pairs = [(first[0], second[0] + 24 * 60)]  # 22:00-01:00 runs past midnight
    if not pairs:
        raise TimeNotUnderstood(text="range")
    return pairs


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
    mentions, rest = _find_mentions(rest)
    rest = _assign_periods(mentions, rest)
    if any(tok not in _FILLERS for tok in rest.split()):
        return None
    if not mentions:
        if day_match.day is None:
            return None if not _PERIOD_RE.search(s) else When(localize(today, 0, tz), has_time=False)
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

    options = _options(mentions)
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
    result = _by_rules(trimmed, now, tz, allow_past) or _by_dateparser(trimmed, now, tz)
    if result is None:
        raise TimeNotUnderstood(text=trimmed[:40])
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
