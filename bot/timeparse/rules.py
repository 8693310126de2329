"""Own rules for Dutch and English day words: normalisation and finding the day in a text.

Shared by ``timeparse`` (future-oriented: planning activities) and ``hoursparse`` (past-oriented:
hours are logged afterwards). Matched parts are blanked with spaces of the same length, so positions
of what remains stay meaningful for the time rules.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text_errors import DateDoesNotExist, TimeNotUnderstood, WeekdayMismatch
from bot.words import dutch_words

_WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("maandag", "ma", "monday", "mon"),
    ("dinsdag", "di", "tuesday", "tues", "tue"),
    ("woensdag", "wo", "wednesday", "wed"),
    ("donderdag", "do", "thursday", "thurs", "thur", "thu"),
    ("vrijdag", "vrij", "vr", "friday", "fri"),
    ("zaterdag", "zat", "za", "saturday", "sat"),
    ("zondag", "zon", "zo", "sunday", "sun"),
)
WEEKDAYS: dict[str, int] = {name: i for i, names in enumerate(_WEEKDAY_NAMES) for name in names}

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("januari", "january", "jan"),
    ("februari", "february", "febr", "feb"),
    ("maart", "march", "mrt", "mar"),
    ("april", "apr"),
    ("mei", "may"),
    ("juni", "june", "jun"),
    ("juli", "july", "jul"),
    ("augustus", "august", "aug"),
    ("september", "sept", "sep"),
    ("oktober", "october", "okt", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS: dict[str, int] = {name: i for i, names in enumerate(_MONTH_NAMES, 1) for name in names}

NUMBER_WORDS: dict[str, int] = {
    "nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip

# Day words with their offset from today.
DAY_OFFSETS: dict[str, int] = {
    "eergisteren": -2, "gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2,
    "day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "day after tomorrow": 2,
}  # fmt: skip

# Period-of-day tokens the normaliser produces; chosen so they never collide with real words.
AM, PM, EVENING, NIGHT = "qam", "qpm", "qeve", "qnight"
PERIOD_TOKENS = (AM, PM, EVENING, NIGHT)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WD = _alternation(WEEKDAYS)
_MON = _alternation(MONTHS)
_DAYWORD = "vandaag|overmorgen|morgen|gisteren|eergisteren|today|tomorrow|yesterday"
_PERIOD_NOUNS = {
    "ochtend": AM, "morgen": AM, "morning": AM, "middag": PM, "afternoon": PM,
    "avond": EVENING, "evening": EVENING, "nacht": NIGHT, "night": NIGHT,
}  # fmt: skip
_PERIOD_NOUN = _alternation(_PERIOD_NOUNS)

_PERIOD_WORDS = {
    "ochtends": AM, "morgens": AM, "middags": PM, "avonds": EVENING, "nachts": NIGHT,
    "am": AM, "pm": PM,
}  # fmt: skip
_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"[’‘`´′]", "'"),
        (r"[–—−]", "-"),
        (r"[,;!?()\[\]\"]", " "),
        # Days the flat plans around (the Christmas dinner, Sinterklaas, New Year) by their names.
        (r"\b(?:kerstavond|christmas eve)\b", " 24 december "),
        (r"\b(?:tweede|2e|2de) kerstdag\b|\bboxing day\b", " 26 december "),
        (r"\b(?:eerste|1e|1ste) kerstdag\b", " 25 december "),
        (r"\b(?:eerste kerstdag|kerstdag|kerstmis|kerst|christmas day|christmas)\b", " 25 december "),
        (r"\b(?:oudejaarsavond|oudjaarsavond|oudejaarsdag|oudjaar|new year's eve)\b", " 31 december "),
        (r"\b(?:nieuwjaarsdag|nieuwjaar|new year's day)\b", " 1 januari "),
        (r"\b(?:pakjesavond|sinterklaasavond|sinterklaas)\b", " 5 december "),
        (r"\b(?:koningsdag|king's day)\b", " 27 april "),
        (r"\ba\.s\.?(?=\s|$)", "aanstaande"),
        (r"\bo'?clock\b", " uur "),
        (r"\bvanmorgen\b", "vandaag ochtend"),
        (r"\bgister(avond|middag|ochtend|morgen|nacht)\b", r"gisteren \1"),
        (r"\bvan(avond|middag|ochtend|nacht)\b", r"vandaag \1"),
        (r"\btonight\b", "today evening"),
        (r"\bthis (morning|afternoon|evening)\b", r"today \1"),
        (rf"\b({_WD}|{_DAYWORD})(avond|middag|ochtend|morgen|nacht)\b", r"\1 \2"),
        # "morgen middag" is tomorrow afternoon, so mark periods before "middag" can become noon
        (rf"\b({_WD}|{_DAYWORD}) ({_PERIOD_NOUN})\b", lambda m: f"{m[1]} {_PERIOD_NOUNS[m[2]]}"),
        (rf"\b(?:in de|in the|at|'s) ({_PERIOD_NOUN})\b", lambda m: f" {_PERIOD_NOUNS[m[1]]} "),
        (
            r"(?:'\s?s\s?|\bs\s?|\b)(ochtends|morgens|middags|avonds|nachts)\b",
            lambda m: f" {_PERIOD_WORDS[m[1]]} ",
        ),
        (r"(?<=\d)\s*([ap])\.?m\.?(?=[\s/-]|$)", lambda m: f" {_PERIOD_WORDS[m[1] + 'm']} "),
        (r"\b(noon|midday|middag)\b", " 12:00 "),
        (r"\b(midnight|middernacht)\b", " 0:00 "),
        # "de 12e" without a month is a day of the month; "12e december" is just a date.
        (rf"\b(\d{{1,2}})(?:ste|de|st|nd|rd|th|e)\b(?!\s*(?:{_MON})\b)", r"qdom\1"),
        (r"(?<=\d)(?:ste|de|st|nd|rd|th|e)\b", ""),
        (r"(?<=[a-z])\.", " "),
        (rf"\b({_alternation(NUMBER_WORDS)})\b", lambda m: str(NUMBER_WORDS[m[1]])),
    )
)


_FULL_NAMES = tuple(
    dict.fromkeys(n for names in (*_WEEKDAY_NAMES, *_MONTH_NAMES) for n in names if len(n) >= 5)
)


def fix_name_typo(word: str) -> str:
    """A misspelt weekday or month ("wonsdag", "zatredag") when one name is clearly closest.

    Optimal string alignment counts a swap of two letters as one slip. Up to one slip for words under
    eight letters, two from eight; the runner-up must be further away, or the word stays as it is.
    """
    if len(word) < 5 or not word.isalpha() or word in WEEKDAYS or word in MONTHS:
        return word
    limit = 1 if len(word) < 8 else 2
    found = process.extract(word, _FULL_NAMES, scorer=OSA.distance, score_cutoff=limit + 1, limit=2)
    if not found or found[0][1] > limit or (len(found) > 1 and found[1][1] == found[0][1]):
        return word
    return found[0][0]


def normalize(text: str) -> str:
    """Lower-case, unify quotes and dashes, turn number words into digits and periods into tokens."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = dutch_words("".join(ch if ch.isprintable() else " " for ch in s))  # "perşembe" -> "donderdag"
    s = re.sub(r"[^\W\d_]{5,}", lambda m: fix_name_typo(m[0]), s)
    for pattern, repl in _RULES:
        s = pattern.sub(repl, s)
    return re.sub(r"\s+", " ", s).strip()


def blank(s: str, m: re.Match[str]) -> str:
    """Replace a match by spaces of the same length."""
    return s[: m.start()] + " " * (m.end() - m.start()) + s[m.end() :]


def make_date(year: int, month: int, day: int, *, year_given: bool = True) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= day <= 31:
            raise DateDoesNotExist(day=day, month=month, year=year if year_given else None) from None
        raise TimeNotUnderstood(text=f"{day}-{month}") from None


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DayMatch:
    """The day found in a text. ``bare_weekday``: a weekday without any modifier was given."""

    day: date | None
    rest: str
    bare_weekday: bool = False


_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY_RE = re.compile(r"(?<![\d:.])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d:])")
_D_MONTH_RE = re.compile(rf"\b(?:qdom)?(\d{{1,2}})\s*({_MON})\b(?:\s+(\d{{4}})\b)?")
_DOM_RE = re.compile(r"\bqdom(\d{1,2})\b")
_MONTH_D_RE = re.compile(rf"\b({_MON})\s+(\d{{1,2}})\b(?![:.u]\d|\s*-|\s*uur|\s*[ap]m\b)(?:\s+(\d{{4}})\b)?")
_DM_SLASH_RE = re.compile(r"(?<![\d:.])(\d{1,2})/(\d{1,2})(?![\d/])")
_DM_DASH_RE = re.compile(r"(?<![\d:.])(\d{1,2})-(\d{1,2})(?![\d:.]|\s*(?:uur|u|h)\b|\s*[ap]m\b)")
_DAYWORD_RE = re.compile(rf"\b(?:the )?({_alternation(DAY_OFFSETS)})\b")
_REL_RE = re.compile(
    r"\b(?:over|in|binnen)\s+(\d{1,3}|a|an)\s+(dagen|dag|days|day|weken|week|weeks|maanden|maand|months|month)\b"
)
_WEEK_RE = re.compile(r"\b(volgende|komende|next|deze|this|vorige|afgelopen|last|previous) (week)\b")
_WD_MOD_RE = re.compile(
    rf"\b(?:(volgende|komende|aanstaande|next|coming|deze|this|vorige|afgelopen|last|previous) )?({_WD})\b"
    r"(?: (aanstaande))?"
)
_BACKWARD = ("vorige", "afgelopen", "last", "previous")


def _pick_year(month: int, day: int, today: date, past: bool) -> date:
    year = today.year
    if month == 2 and day == 29:  # the nearest leap year in the wanted direction
        step = -1 if past else 1
        while not calendar.isleap(year):
            year += step
    candidate = make_date(year, month, day, year_given=False)
    if not past and candidate < today:
        return _pick_year_fixed(year + 1, month, day)
    if past and candidate > today:
        return _pick_year_fixed(year - 1, month, day)
    return candidate


def _pick_year_fixed(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateDoesNotExist(day=day, month=month, year=None) from None


def _day_of_month(day: int, today: date, past: bool) -> date:
    """ "de 12e": the next (or, for hours, the last) month that has that day, this month included."""
    if not 1 <= day <= 31:
        raise TimeNotUnderstood(text=f"{day}e")
    for step in range(13):
        month = add_months(today.replace(day=1), -step if past else step)
        if day > calendar.monthrange(month.year, month.month)[1]:
            continue
        candidate = month.replace(day=day)
        if (candidate <= today) if past else (candidate >= today):
            return candidate
    raise TimeNotUnderstood(text=f"{day}e")


def extract_day(s: str, today: date, *, past: bool = False, dash_dates: bool = True) -> DayMatch:
    """Find and remove the day in normalised text ``s``.

    ``past`` resolves year-less dates and weekdays backwards (hours logging). A bare weekday in the
    future direction is the next such day strictly after today; the caller may move it to today.
    """
    explicit: date | None = None
    offset: int | None = None
    for pattern, order in ((_ISO_RE, "ymd"), (_DMY_RE, "dmy")):
        if (m := pattern.search(s)) and explicit is None:
            vals = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            year = vals["y"] + 2000 if vals["y"] < 100 else vals["y"]
            explicit, s = make_date(year, vals["m"], vals["d"]), blank(s, m)
    for pattern, day_group, month_group in ((_D_MONTH_RE, 1, 2), (_MONTH_D_RE, 2, 1)):
        if explicit is None and (m := pattern.search(s)):
            day_num, month = int(m[day_group]), MONTHS[m[month_group]]
            if m[3]:
                explicit = make_date(int(m[3]), month, day_num)
            else:
                make_date(2024, month, day_num, year_given=False)  # 2024: leap, so only real errors
                explicit = _pick_year(month, day_num, today, past)
            s = blank(s, m)
    if explicit is None and (m := _DOM_RE.search(s)):
        explicit, s = _day_of_month(int(m[1]), today, past), blank(s, m)
    dash_patterns = (_DM_SLASH_RE, _DM_DASH_RE) if dash_dates else (_DM_SLASH_RE,)
    for pattern in dash_patterns:
        if explicit is None and (m := pattern.search(s)) and 1 <= int(m[2]) <= 12:
            make_date(2024, int(m[2]), int(m[1]), year_given=False)
            explicit, s = _pick_year(int(m[2]), int(m[1]), today, past), blank(s, m)
    while m := _DAYWORD_RE.search(s):
        new = DAY_OFFSETS[m[1]]
        if offset is not None and offset != new:
            raise TimeNotUnderstood(text=m[0])
        offset, s = new, blank(s, m)
    rel = timedelta()
    rel_months = 0
    if m := _REL_RE.search(s):
        n = 1 if m[1] in ("a", "an") else int(m[1])
        unit = m[2]
        if unit.startswith(("maand", "month")):
            rel_months = n
        else:
            rel = timedelta(days=n * (7 if unit.startswith("we") else 1))
        s = blank(s, m)
    week_shift: int | None = None
    if m := _WEEK_RE.search(s):
        shift = -1 if m[1] in _BACKWARD else 0 if m[1] in ("deze", "this") else 1
        week_shift, s = shift, blank(s, m)
    weekday: int | None = None
    modifier: str | None = None
    if m := _WD_MOD_RE.search(s):
        weekday, modifier, s = WEEKDAYS[m[2]], m[1] or m[3], blank(s, m)
        if _WD_MOD_RE.search(s):
            raise TimeNotUnderstood(text=m[0])

    bare = False
    base: date | None = explicit
    if offset is not None:
        by_offset = today + timedelta(days=offset)
        if base is not None and base != by_offset:
            raise TimeNotUnderstood(text="conflicting days")
        base = by_offset
    if base is not None:
        if weekday is not None and base.weekday() != weekday:
            raise WeekdayMismatch(weekday=weekday, date=base.isoformat())
        base = add_months(base, rel_months) + rel
    elif weekday is not None:
        if week_shift is not None:
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week_shift)
            base = monday + timedelta(days=weekday)
        elif modifier in _BACKWARD:  # the most recent such day before today
            base = today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
        elif past:
            base = today - timedelta(days=(today.weekday() - weekday) % 7)
        else:
            ahead = (weekday - today.weekday()) % 7
            if modifier in ("deze", "this"):
                base = today + timedelta(days=ahead)
            else:
                base = today + timedelta(days=ahead or 7)
                bare = modifier is None and not rel and not rel_months
        base = add_months(base, rel_months) + rel
    elif rel or rel_months:
        base = add_months(today, rel_months) + (-rel if past else rel)
    elif week_shift is not None:
        base = today + timedelta(weeks=week_shift)
    return DayMatch(day=base, rest=s, bare_weekday=bare)
