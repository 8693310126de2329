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
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from bot.hours.amounts import find_amount
from bot.hours.days import UNSURE_DAY_WORDS, day_token_form, find_day, glue_phrases
from bot.text_errors import (
    DateInFuture,
    DateTooOld,
    DayUnclear,
    HoursAmbiguous,
    HoursNotPositive,
    HoursNotUnderstood,
    HoursTooMany,
    TimeNotUnderstood,
)
from bot.timeparse.rules import NUMBER_WORDS, WEEKDAYS
from bot.words import dutch_word

__all__ = [
    "DateInFuture",
    "DateTooOld",
    "DayUnclear",
    "HoursAmbiguous",
    "HoursDraft",
    "HoursNotPositive",
    "HoursNotUnderstood",
    "HoursTooMany",
    "parse_hours_amount",
    "parse_hours_entry",
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
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


_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_HALF_GLYPH = re.compile(r"(\d)\s*(?:½|1\s*[⁄/]\s*2(?=\s*(?:uur|u\b|h\b|hours?)))")
_LONE_HALF = re.compile(r"(?<![\d/⁄])(?:½|1\s*[⁄/]\s*2(?=\s*(?:uur|u\b|h\b|hours?)))")
_WORD_AND_HALF = re.compile(r"^(.+?)(?:ën|en)half$")  # "drieënhalf", "drieenhalf"
_COMPOUND_DAY = re.compile(rf"^(gister|gisteren|van|{_WD})(avond|middag|ochtend|morgen|nacht)$")
_LABEL_EDGE_FILLERS = frozenset(
    {
        "op",
        "on",
        "voor",
        "for",
        "om",
        "-",
        ":",
        "bij",
        "at",
        "/",
        ",",
        "een",
        "a",
        "an",
        "1",
        "van",
        "de",
        "the",
        "in",
        "het",
    }
)


def _token_form(token: str) -> str:
    """Lower-case one token and make day compounds and number words machine-friendly."""
    word = dutch_word(token)  # "saat", "godziny", "вчора", "ساعة": the member's language, read as Dutch
    if word == "anderhalf":
        return "1,5"
    if word in NUMBER_WORDS:
        return str(NUMBER_WORDS[word])
    if (m := _WORD_AND_HALF.match(word)) and m[1] in NUMBER_WORDS:
        return f"{NUMBER_WORDS[m[1]]},5"
    if m := _COMPOUND_DAY.match(word):
        return {"gister": "gisteren", "van": "vandaag"}.get(m[1], m[1])
    return day_token_form(word) or word


def _check_minutes(minutes: int, max_hours: int | None) -> int:
    if minutes <= 0:
        raise HoursNotPositive()
    if max_hours is not None and minutes > max_hours * 60:
        raise HoursTooMany(max_hours=max_hours)
    return minutes


def _prepare(text: str) -> tuple[list[str], str, list[tuple[int, int]]]:
    """Tokens of the original, the joined machine form, and each token's span in that form."""
    text = glue_phrases(_LONE_HALF.sub("0,5", _HALF_GLYPH.sub(r"\1,5", text)))
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


def parse_hours_amount(text: str, *, max_hours: int | None = None) -> int:
    """Minutes in a text that holds only a duration ("2,5", "1u45", "anderhalf uur", "90 min").

    ``max_hours`` is the group's ``max_hours_per_entry``; None leaves the cap to the hours rules.
    """
    if len(text) > MAX_TEXT:
        raise HoursNotUnderstood(text=text[:40])
    _, s, _ = _prepare(text)
    minutes, rest = find_amount(s)
    if rest.strip(" ,."):
        raise HoursNotUnderstood(text=text.strip()[:40])
    return _check_minutes(minutes, max_hours)


def parse_hours_entry(
    text: str,
    now: datetime,
    *,
    tz: ZoneInfo = AMSTERDAM,
    lang: str = "nl",
    max_days_back: int = MAX_DAYS_BACK,
    max_hours: int | None = None,
) -> HoursDraft:
    """Duration, day (default today in ``tz``) and label of one hours entry.

    ``HoursAmbiguous``/``HoursVague`` carry the candidate minutes plus the day (ISO) and label that
    were understood, so the question can keep them.
    """
    if len(text) > MAX_TEXT:
        raise HoursNotUnderstood(text=text[:40])
    today = now.astimezone(tz).date()
    tokens, s, spans = _prepare(text)
    try:
        minutes, rest = find_amount(s)
    except HoursAmbiguous as exc:
        rest = getattr(exc, "rest", " " * len(s))
        day, label = _day_and_label(tokens, s, spans, rest, today, max_days_back, text)
        raise type(exc)(options=exc.params["options"], day=day.isoformat(), label=label) from None
    _check_minutes(minutes, max_hours)
    try:
        day, label = _day_and_label(tokens, s, spans, rest, today, max_days_back, text)
    except DayUnclear:
        raise DayUnclear(minutes=minutes, label=_label(tokens, s, spans, rest)) from None
    return HoursDraft(minutes=minutes, day=day, label=label)


def _day_and_label(
    tokens: list[str],
    s: str,
    spans: list[tuple[int, int]],
    rest: str,
    today: date,
    max_days_back: int,
    text: str,
) -> tuple[date, str | None]:
    try:
        found = find_day(rest, today)
    except DayUnclear:
        raise
    except TimeNotUnderstood:  # e.g. a weekday that does not match the date
        raise HoursNotUnderstood(text=text.strip()[:40]) from None
    day = found.day or today
    if day > today:
        raise DateInFuture(day=day.isoformat())
    if (today - day).days > max_days_back:
        raise DateTooOld(day=day.isoformat(), max_days_back=max_days_back)
    return day, _label(tokens, s, spans, found.rest)


def _label(tokens: list[str], s: str, spans: list[tuple[int, int]], rest: str) -> str | None:
    """Tokens that neither the duration nor the day touched, in the user's spelling; day words that
    pinned nothing down ("vorige week") are left out too."""
    kept = [
        tok
        for tok, (a, b) in zip(tokens, spans, strict=True)
        if rest[a:b] == s[a:b] and tok.lower().strip(",.") not in UNSURE_DAY_WORDS
    ]
    while kept and kept[0].lower() in _LABEL_EDGE_FILLERS:
        kept.pop(0)
    while kept and kept[-1].lower() in _LABEL_EDGE_FILLERS:
        kept.pop()
    return " ".join(kept) or None
