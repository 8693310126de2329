"""Answers to the /nieuw "when" questions, read in the context of the conversation.

The parsers (``bot.timeparse``) read one message; a conversation knows more: the day typed in an earlier
answer ("12 december", then "17:00" is the 12th, not today), and the two readings it just offered
("ochtend of avond?", then "'s avonds" or "20:00" picks one).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.errors import DomainError
from bot.text_errors import TimeInPast
from bot.timeparse.parse import When, parse_when
from bot.timeparse.rules import AM, EVENING, NIGHT, PM, extract_day, normalize

# Period words as an answer on their own (the normaliser only knows them in the "'s avonds" forms).
SPOKEN_PERIODS = (
    ("avond", EVENING),
    ("evening", EVENING),
    ("nacht", NIGHT),
    ("night", NIGHT),
    ("middag", PM),
    ("afternoon", PM),
    ("ochtend", AM),
    ("morgens", AM),
    ("morning", AM),
)


# How each period is said again when a later answer gives only the clock time ("half acht").
PERIOD_PHRASES = {AM: "'s ochtends", PM: "'s middags", EVENING: "'s avonds", NIGHT: "'s nachts"}


def _spoken_tokens(text: str) -> list[str]:
    spoken = normalize(text)
    for word, token in SPOKEN_PERIODS:
        spoken = spoken.replace(word, f" {token} ")
    return spoken.split()


def spoken_period(text: str) -> str | None:
    """The period a text names ("'s avonds", "avond", "in the evening" -> EVENING), or None."""
    return next((w for w in _spoken_tokens(text) if w in PERIOD_PHRASES), None)


def names_a_day(text: str, today: date) -> bool:
    """Does the text say which day (a date, a weekday, "morgen", ...)?"""
    return extract_day(normalize(text), today).day is not None


def understand_when(text: str, now: datetime, tz: ZoneInfo, lang: str, day: date | None = None) -> When:
    """A typed "when"; ``day`` (kept from an earlier answer) is used when the text names no day itself."""
    if day is None or names_a_day(text, now.astimezone(tz).date()):
        return parse_when(text, now, tz=tz, lang=lang)
    when = parse_when(text, datetime.combine(day, time(0), tzinfo=tz), tz=tz, lang=lang, allow_past=True)
    if when.has_time and when.start < now:
        raise TimeInPast(when=when.start.isoformat())
    return when


def pick_option(text: str, options: list[str]) -> str | None:
    """Which of the offered "HH:MM" readings a typed answer means: by a period word ("'s avonds",
    "ochtend", "evening") or by the time itself ("20:00", "20"); None when it says neither."""
    words = _spoken_tokens(text)
    typed = text.strip().replace(".", ":")
    for option in options:
        if typed in (option, option.lstrip("0"), option.split(":")[0], option.split(":")[0].lstrip("0")):
            return option
    if any(w in (PM, EVENING, NIGHT) for w in words):
        return next((o for o in options if int(o[:2]) >= 12), None)
    if AM in words:
        return next((o for o in options if int(o[:2]) < 12), None)
    return None


def period_words(option: str) -> str:
    """The Dutch period that makes ``option`` ("20:00") unambiguous when added to the original text."""
    hour = int(option[:2])
    return "'s ochtends" if hour < 12 else "'s middags" if hour < 18 else "'s avonds"


def resolve_option(
    original: str, option: str, now: datetime, tz: ZoneInfo, lang: str, day: date | None = None
) -> When:
    """The original text read with the chosen reading: "donderdag om 8" + 20:00 is Thursday 20:00 (a
    range keeps its end: "om 8 tot 10" + 20:00 is 20:00-22:00)."""
    try:
        when = understand_when(f"{original} {period_words(option)}", now, tz, lang, day)
        if when.has_time and when.start.astimezone(tz).strftime("%H:%M") == option:
            return when
    except DomainError:
        pass  # not readable with the period added: read the chosen time on the day instead
    found = extract_day(normalize(original), now.astimezone(tz).date()).day or day
    return understand_when(option, now, tz, lang, found)
