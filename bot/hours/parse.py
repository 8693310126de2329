"""Understanding a volunteer-hours entry: "2,5 gisteren koffieochtend", "1u45 vandaag", "90 min".

Hours are logged afterwards, so days are read backwards: a weekday is the most recent such day (today
included) and a date without a year is the most recent one. Durations are kept in whole minutes.

Decisions: ``1.30`` and ``1,30`` are decimal hours (1.3 h = 78 min); write ``1:30`` or ``1u30`` for
an hour and a half. A bare number at the start is hours. Whatever words are left become the label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from bot.text_errors import (
    DateInFuture,
    DateTooOld,
    HoursNotPositive,
    HoursNotUnderstood,
    HoursTooMany,
    TimeNotUnderstood,
)
from bot.timeparse.rules import MONTHS, NUMBER_WORDS, WEEKDAYS, extract_day
from bot.words import dutch_word

__all__ = [
    "DateInFuture",
    "DateTooOld",
    "HoursDraft",
    "HoursNotPositive",
    "HoursNotUnderstood",
    "HoursTooMany",
    "parse_hours_amount",
    "parse_hours_entry",
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_HOURS = 16
MAX_DAYS_BACK = 45
MAX_TEXT = 300


@dataclass(frozen=True)
class HoursDraft:
    """An understood but not yet stored hours entry."""

    minutes: int
    day: date
    label: str | None = None

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_MIN = r"(?:minuten|minuut|minutes|minute|mins|min|m)"
_HOUR = r"(?:uren|uur|hours|hour|hrs|hr|u|h)"
_NUM = r"(-?\d{1,9}(?:[.,]\d{1,6})?)"
_MONTH_AHEAD = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# (pattern, how to turn the match into minutes); the first pattern that matches wins.
_AMOUNT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (r"(?<![\w.,:-])(\d{1,2})(?:uur|u|h)(\d{1,2})(?:\s*" + _MIN + r")?(?![\w.,:])", "h_m"),
        (rf"(?<![\w.,:-])(\d{{1,2}})\s*{_HOUR}\s+(?:en\s+|and\s+)?(\d{{1,2}})\s*{_MIN}(?!\w)", "h_m"),
        (r"(?<![\w.,:-])(\d{1,2}):(\d{2})(?![\w:])", "h_m"),
        (rf"(?<![\w.,-])(\d{{1,2}})\s+(?:en|and)\s+(?:1\s+|a\s+)?half\s+{_HOUR}(?!\w)", "h_half"),
        (r"(?<![\w.,-])(?:(\d{1,2})\s*)?kwartier(?!\w)", "quarters"),
        (r"(?<![\w.,-])(?:(?:1|a)\s+)?half(?:\s+an)?\s+(?:uur|hour)(?!\w)", "half"),
        (rf"(?<![\w.,:])(?:{_NUM})\s*{_HOUR}(?!\w)", "hours"),
        (rf"(?<![\w.,:])(-?\d{{1,9}})\s*{_MIN}(?!\w)", "minutes"),
        (rf"^\s*{_NUM}(?=\s|$)(?!\s+(?:{_MONTH_AHEAD})\b)", "hours"),
    )
)
_COMPOUND_DAY = re.compile(rf"^(gister|gisteren|van|{_WD})(avond|middag|ochtend|morgen|nacht)$")
_LABEL_EDGE_FILLERS = frozenset({"op", "on", "voor", "for", "om", "-", ":", "bij", "at", "/", ","})


def _token_form(token: str) -> str:
    """Lower-case one token and make day compounds and number words machine-friendly."""
    word = dutch_word(token)  # "saat", "godziny", "вчора", "ساعة": the member's language, read as Dutch
    if word == "anderhalf":
        return "1,5"
    if word in NUMBER_WORDS:
        return str(NUMBER_WORDS[word])
    if m := _COMPOUND_DAY.match(word):
        return {"gister": "gisteren", "van": "vandaag"}.get(m[1], m[1])
    return word


def _to_minutes(kind: str, m: re.Match[str]) -> int:
    try:
        if kind == "h_m":
            if int(m[2]) >= 60:
                raise HoursNotUnderstood(text=m[0])
            return int(m[1]) * 60 + int(m[2])
        if kind == "h_half":
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


def _check_minutes(minutes: int) -> int:
    if minutes <= 0:
        raise HoursNotPositive()
    if minutes > MAX_HOURS * 60:
        raise HoursTooMany(max_hours=MAX_HOURS)
    return minutes


def _prepare(text: str) -> tuple[list[str], str, list[tuple[int, int]]]:
    """Tokens of the original, the joined machine form, and each token's span in that form."""
    clean = "".join(ch if ch.isprintable() else " " for ch in unicodedata.normalize("NFKC", text))
    tokens = clean.split()
    spans: list[tuple[int, int]] = []
    forms: list[str] = []
    pos = 0
    for token in tokens:
        form = _token_form(token)
        forms.append(form)
        spans.append((pos, pos + len(form)))
        pos += len(form) + 1
    return tokens, " ".join(forms), spans


def _find_amount(s: str) -> tuple[int, str]:
    for pattern, kind in _AMOUNT_RULES:
        if m := pattern.search(s):
            return _to_minutes(kind, m), s[: m.start()] + " " * (m.end() - m.start()) + s[m.end() :]
    raise HoursNotUnderstood(text=s[:40])


def parse_hours_amount(text: str) -> int:
    """Minutes in a text that holds only a duration ("2,5", "1u45", "anderhalf uur", "90 min")."""
    if len(text) > MAX_TEXT:
        raise HoursNotUnderstood(text=text[:40])
    _, s, _ = _prepare(text)
    minutes, rest = _find_amount(s)
    if rest.strip():
        raise HoursNotUnderstood(text=text.strip()[:40])
    return _check_minutes(minutes)


def parse_hours_entry(
    text: str,
    now: datetime,
    *,
    tz: ZoneInfo = AMSTERDAM,
    lang: str = "nl",
    max_days_back: int = MAX_DAYS_BACK,
) -> HoursDraft:
    """Duration, day (default today in ``tz``) and label of one hours entry."""
    if len(text) > MAX_TEXT:
        raise HoursNotUnderstood(text=text[:40])
    today = now.astimezone(tz).date()
    tokens, s, spans = _prepare(text)
    minutes, rest = _find_amount(s)
    _check_minutes(minutes)
    try:
        found = extract_day(rest, today, past=True)
    except TimeNotUnderstood:  # e.g. a weekday that does not match the date
        raise HoursNotUnderstood(text=text.strip()[:40]) from None
    day = found.day or today
    if day > today:
        raise DateInFuture(day=day.isoformat())
    if (today - day).days > max_days_back:
        raise DateTooOld(day=day.isoformat(), max_days_back=max_days_back)
    # Tokens that neither the duration nor the day touched form the label, in the user's spelling.
    kept = [tok for tok, (a, b) in zip(tokens, spans, strict=True) if found.rest[a:b] == s[a:b]]
    while kept and kept[0].lower() in _LABEL_EDGE_FILLERS:
        kept.pop(0)
    while kept and kept[-1].lower() in _LABEL_EDGE_FILLERS:
        kept.pop()
    return HoursDraft(minutes=minutes, day=day, label=" ".join(kept) or None)
