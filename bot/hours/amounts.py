"""Finding the duration in an hours entry: "3 uur en een kwartier", "2½", "van 9 tot 11", "90 min".

Works on the machine form of ``bot.hours.parse`` (lower case, number words as digits). Each rule blanks
what it used, so the day and label rules see only the rest. A rule that could mean more than one amount
raises ``HoursAmbiguous`` with the candidates; a vague amount ("een tijdje") raises ``HoursVague``.

Decisions: a range of clock times is a duration ("9 tot 11" is 2 uur), read on a 12-hour dial when the
end is not after the start ("van 11 tot 1" is 2 uur); "2-3 uur" with small numbers may be a range or an
estimate, so it asks.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.text_errors import HoursAmbiguous, HoursNotUnderstood, HoursVague
from bot.timeparse.rules import MONTHS, blank

VAGUE_PRESETS = (30, 60, 90, 120, 180)

MIN = r"(?:minuten|minuut|minutes|minute|mins|min|m)"
HOUR = r"(?:uurtjes|uurtje|uren|uur|hours|hour|hrs|hr|u|h)"
NUM = r"(-?\d{1,9}(?:[.,]\d{1,6})?)"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_EDGE = r"(?<![\w.,:/-])"
_NOT_A_DURATION = rf"\s*(?:{_MONTH}|dagen|dag|days?|weken|weeks?|maanden|maand|months?|jaar|years?)\b"

_VAGUE = re.compile(
    r"\b(?:paar|tijdje|tijdjes|of wat|ofzo|of zo|een aantal|wat uurtjes|a few|a couple|a while|some hours"
    r"|several)\b"
)
_CLOCK = r"(?:half\s+(\d{1,2})|(\d{1,2})(?:[:.u](\d{2}))?)"
_RANGE = re.compile(
    rf"{_EDGE}(van(?:af)?\s+|from\s+)?{_CLOCK}\s*(?:uur\s+)?(tot(?:\s+en\s+met)?|until|till|-)\s*{_CLOCK}"
    rf"(\s*(?:uur|u|h)\b)?(?![\w.,:/-])"
)

# (pattern, how to turn the match into minutes); the first pattern that matches wins.
_AMOUNT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        # "3 uur en 1 kwartier", "2 en 3 kwartier"
        (rf"{_EDGE}(\d{{1,2}})\s*(?:{HOUR}\s+)?(?:en|and)\s+(?:(\d)\s+)?kwartier(?!\w)", "h_quarters"),
        # "1 uur en 1 half", "an hour and a half", "2 hours and a half"
        (rf"{_EDGE}(\d{{1,2}}|an|a)\s+{HOUR}\s+(?:en|and)\s+(?:1\s+|a\s+)?half(?!\w)", "h_half"),
        (rf"{_EDGE}(\d{{1,2}})(?:uur|u|h)(\d{{1,2}})(?:\s*{MIN})?(?![\w.,:])", "h_m"),
        (rf"{_EDGE}(\d{{1,2}})\s*{HOUR}\s+(?:en\s+|and\s+)?(\d{{1,2}})\s*{MIN}(?!\w)", "h_m"),
        # "1 uur 20": the minutes without a unit, only as a round-ish number and not a date
        (rf"{_EDGE}(\d{{1,2}})\s*{HOUR}\s+(?:en\s+)?([1-5]\d)(?![\w.,:/-]|{_NOT_A_DURATION})", "h_m"),
        (r"(?<![\w.,:-])(\d{1,2}):(\d{2})(?![\w:])", "h_m"),
        (rf"{_EDGE}(\d{{1,2}})\s+(?:en|and)\s+(?:1\s+|a\s+)?half\s+{HOUR}(?!\w)", "h_plus_half"),
        (r"(?<![\w.,-])(?:(\d{1,2})\s*)?kwartier(?!\w)", "quarters"),
        (r"(?<![\w.,-])(?:(?:1|a)\s+)?half(?:\s+an)?\s+(?:uurtje|uur|hour)(?!\w)", "half"),
        (rf"(?<![\w.,:])(?:{NUM})\s*{HOUR}(?!\w)", "hours"),
        (rf"(?<![\w.,:])(-?\d{{1,9}})\s*{MIN}(?!\w)", "minutes"),
        (rf"^\s*{NUM}(?=\s|$)(?!{_NOT_A_DURATION})", "hours"),
    )
)


def _clock_minutes(half: str | None, hour: str | None, minute: str | None) -> int:
    if half is not None:
        return int(half) * 60 - 30
    assert hour is not None
    if int(hour) > 24 or (minute is not None and int(minute) >= 60):
        raise HoursNotUnderstood(text=f"{hour}:{minute or '00'}")
    return int(hour) * 60 + int(minute or 0)


def _range_minutes(m: re.Match[str]) -> int | None:
    """The duration of a clock range, or None when the match is not a range (a date such as 14-11)."""
    start = _clock_minutes(m[2], m[3], m[4])
    end = _clock_minutes(m[6], m[7], m[8])
    dash = m[5] == "-"
    written_as_clock = bool(m[2] or m[4] or m[6] or m[8])
    if dash and not (m[1] or m[9] or written_as_clock):
        return None
    if end <= start and end <= 12 * 60:
        end += 12 * 60
    duration = end - start
    if not 0 < duration <= 12 * 60:
        raise HoursNotUnderstood(text=m[0].strip())
    if dash and m[9] and not (m[1] or written_as_clock) and int(m[7]) <= 8:
        # "2-3 uur": an estimate (2 or 3 hours) as likely as a range (1 hour).
        raise HoursAmbiguous(options=sorted({int(m[3]) * 60, int(m[7]) * 60, duration}))
    return duration


def _to_minutes(kind: str, m: re.Match[str]) -> int:
    try:
        if kind == "h_quarters":
            return int(m[1]) * 60 + int(m[2] or 1) * 15
        if kind == "h_half":
            return (60 if m[1] in ("a", "an") else int(m[1]) * 60) + 30
        if kind == "h_m":
            if int(m[2]) >= 60:
                raise HoursNotUnderstood(text=m[0])
            return int(m[1]) * 60 + int(m[2])
        if kind == "h_plus_half":
            return int(m[1]) * 60 + 30
        if kind == "quarters":
            return int(m[1] or 1) * 15
        if kind == "half":
            return 30
        if kind == "minutes":
            return int(m[1])
        value = Decimal(m[1].replace(",", ".")) * 60
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        raise HoursNotUnderstood(text=m[0]) from None


def _blank_amounts(s: str) -> str:
    for pattern, _ in _AMOUNT_RULES[:-1]:
        while m := pattern.search(s):
            s = blank(s, m)
    return s


def find_amount(s: str) -> tuple[int, str]:
    """Minutes found in machine form ``s`` and ``s`` with that part blanked.

    An ``HoursAmbiguous`` raised here carries ``rest`` (the text without the amount) so the caller can
    still read the day and label.
    """
    if m := _VAGUE.search(s):
        vague = HoursVague(options=list(VAGUE_PRESETS))
        vague.rest = _blank_amounts(blank(s, m))  # type: ignore[attr-defined]
        raise vague
    for m in _RANGE.finditer(s):
        try:
            minutes = _range_minutes(m)
        except HoursAmbiguous as exc:
            exc.rest = blank(s, m)  # type: ignore[attr-defined]
            raise
        if minutes is not None:
            return minutes, blank(s, m)
    for pattern, kind in _AMOUNT_RULES:
        if m := pattern.search(s):
            return _to_minutes(kind, m), blank(s, m)
    raise HoursNotUnderstood(text=s.strip()[:40])
