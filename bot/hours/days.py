"""The day of an hours entry, read backwards from today, and the words that make it unsure.

Hours are logged afterwards: a weekday is the most recent such day, "afgelopen zaterdag" the last one
before today, "3 dagen geleden" three days back. Words that speak of a day but do not pin one down
("vorige week", "in het weekend", "vorige maand") raise ``DayUnclear``: the bot asks the day with buttons
instead of booking on today.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.text_errors import DayUnclear
from bot.timeparse.rules import WEEKDAYS, DayMatch, extract_day, fix_name_typo

_ORDINAL = re.compile(r"^(\d{1,2})(?:ste|de|e|st|nd|rd|th)$")
_HOLIDAY_TOKENS = {"kerstavond": "24 december", "kerstdag": "25 december", "kerstmis": "25 december",
                   "2ekerstdag": "26 december", "oudjaar": "31 december", "oudejaarsdag": "31 december",
                   "nieuwjaarsdag": "1 januari"}  # fmt: skip
# "eerste kerstdag" is one day; glued so that the ordinal is not read as a day of the month
_HOLIDAY_PHRASES = (
    (re.compile(r"\b(?:eerste|1e|1ste)\s+kerstdag\b", re.IGNORECASE), "kerstdag"),
    (re.compile(r"\b(?:tweede|2e|2de)\s+kerstdag\b", re.IGNORECASE), "2ekerstdag"),
)
_WEEK_ONLY = re.compile(r"\b(?:vorige|afgelopen|last|previous|deze|this) week\b")
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})\b")
_AGO = re.compile(r"\b(\d{1,2})\s+(?:dagen|dag|days|day)\s+(?:geleden|terug|ago)\b")
UNSURE_DAY_WORDS = frozenset(
    {"week", "weekend", "weekeinde", "maand", "month", "geleden", "ago", "terug", "vorige", "afgelopen",
     "last", "previous", "dag", "dagen", "days", "laatst", "onlangs", "recently"}
)  # fmt: skip


def glue_phrases(text: str) -> str:
    for pattern, glued in _HOLIDAY_PHRASES:
        text = pattern.sub(glued, text)
    return text


def day_token_form(word: str) -> str | None:
    """The machine form of one lower-cased token when it is a day word, else None."""
    if word in ("gister", "gistern"):
        return "gisteren"
    if word == "eergister":
        return "eergisteren"
    if word in _HOLIDAY_TOKENS:
        return _HOLIDAY_TOKENS[word]
    if m := _ORDINAL.match(word):
        return f"qdom{m[1]}"
    fixed = fix_name_typo(word)
    return fixed if fixed != word else None


def find_day(rest: str, today: date) -> DayMatch:
    """The day in the machine form ``rest`` (amount already blanked); ``DayUnclear`` when unsure."""
    ago: int | None = None
    if m := _AGO.search(rest):
        ago, rest = int(m[1]), rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    if _WEEK_ONLY.search(rest) and not _WEEKDAY.search(rest):
        raise DayUnclear()  # "vorige week": which day of it?
    found = extract_day(rest, today, past=True)
    if ago is not None:
        if found.day is not None:
            raise DayUnclear()
        found = DayMatch(day=today - timedelta(days=ago), rest=found.rest)
    leftover = set(found.rest.split())
    if leftover & UNSURE_DAY_WORDS or any(w.startswith("qdom") for w in leftover):
        raise DayUnclear()
    return found
