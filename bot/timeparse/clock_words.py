"""Clock times inside a normalised text: "half 8", "kwart over zeven", "19u30", "7 pm", "14-16 uur".

Each time found becomes a mention; a mention's candidates are the minutes after midnight it may mean.
The reading rules (which hours are guessed as afternoon, which are ambiguous) are documented in
``bot.timeparse``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.text_errors import TimeNotUnderstood
from bot.timeparse.rules import AM, EVENING, NIGHT, PERIOD_TOKENS, PM, blank


@dataclass
class Mention:
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
PERIOD_RE = re.compile(rf"\b({'|'.join(PERIOD_TOKENS)})\b")
FILLERS = frozenset(
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


def _spoken(pos: int, hour: int, offset: int) -> Mention:
    """A time said relative to a full hour; the hour is on a 12-hour dial, so 0 means 12."""
    total = hour * 60 + offset
    h, m = divmod(total, 60)
    if hour <= 12 and h == 0:
        h = 12
    return Mention(pos, h, m, clock=False)


def _count(word: str) -> int:
    n = _MINUTE_WORDS.get(word) or int(word)
    if not 1 <= n <= 30:
        raise TimeNotUnderstood(text=word)
    return n


def find_mentions(s: str) -> tuple[list[Mention], str]:
    found: list[Mention] = []
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
                found.append(Mention(m.start(), int(m[1]), int(m[2]), clock=True))
            else:
                hour = int(m[1])
                found.append(Mention(m.start(), hour, 0, clock=m[1].startswith("0") or hour >= 13))
            s = blank(s, m)
    for mention in found:
        if not (0 <= mention.hour <= 24 and 0 <= mention.minute <= 59) or (
            mention.hour == 24 and mention.minute
        ):
            raise TimeNotUnderstood(text=f"{mention.hour}:{mention.minute:02d}")
    found.sort(key=lambda x: x.pos)
    return found, s


def assign_periods(mentions: list[Mention], s: str) -> str:
    leading: str | None = None
    while m := PERIOD_RE.search(s):
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


def _candidates(m: Mention) -> list[int]:
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


def range_options(mentions: list[Mention]) -> list[tuple[int, int | None]]:
    if len(mentions) == 1:
        return [(c, None) for c in _candidates(mentions[0])]
    first, second = (_candidates(m) for m in mentions)
    pairs: list[tuple[int, int | None]] = [(s, e) for s in first for e in second if 0 < e - s <= 12 * 60]
    if not pairs and len(first) == len(second) == 1 and second[0] <= first[0]:
        pairs = [(first[0], second[0] + 24 * 60)]  # 22:00-01:00 runs past midnight
    if not pairs:
        raise TimeNotUnderstood(text="range")
    return pairs
