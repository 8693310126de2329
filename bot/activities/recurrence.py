"""Recurring activities: weekly, every two weeks, or monthly on the nth weekday, until a date or a count.

The dates come from ``dateutil.rrule`` (RFC 5545 rules, the same the .ics files speak).

Occurrences are computed on the wall clock in Europe/Amsterdam, so "every Thursday 19:30" stays 19:30
across daylight-saving changes; each occurrence is then stored as its own activity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from bot.errors import InvalidInput

RULES = ("weekly", "biweekly", "monthly_nth")
MIN_OCCURRENCES = 2  # a series of one is a single activity
MAX_OCCURRENCES = 52


class RepeatInvalid(InvalidInput):
    """params: max."""

    text_key = "activity.repeat_invalid"


@dataclass(frozen=True)
class Repeat:
    rule: str
    count: int | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES or (self.count is None) == (self.until is None):
            raise RepeatInvalid(max=MAX_OCCURRENCES)
        if self.count is not None and not MIN_OCCURRENCES <= self.count <= MAX_OCCURRENCES:
            raise RepeatInvalid(max=MAX_OCCURRENCES)


def _rule(repeat: Repeat, first: datetime) -> rrule:
    """The dateutil rule for the wall-clock start times (naive, in the community's zone)."""
    until = datetime.combine(repeat.until, time.max) if repeat.until is not None else None
    count = repeat.count if repeat.count is not None else None
    if repeat.rule == "monthly_nth":
        nth = (first.day - 1) // 7 + 1  # the 2nd Thursday stays the 2nd Thursday; a missing 5th is skipped
        by = weekday(first.weekday())(nth)
        return rrule(MONTHLY, dtstart=first, byweekday=by, count=count, until=until)
    interval = 1 if repeat.rule == "weekly" else 2
    return rrule(WEEKLY, dtstart=first, interval=interval, count=count, until=until)


def occurrences(
    start: datetime, end: datetime, repeat: Repeat | None, tz: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC of every occurrence; without ``repeat`` just the one (at most MAX_OCCURRENCES)."""
    if repeat is None:
        return [(start.astimezone(UTC), end.astimezone(UTC))]
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    duration = local_end.replace(tzinfo=None) - local_start.replace(tzinfo=None)
    wall = local_start.replace(tzinfo=None)
    result = []
    for begin in islice(_rule(repeat, wall), MAX_OCCURRENCES):
        # On the wall clock, then placed in the zone: 19:30 stays 19:30 across daylight-saving changes.
        finish = begin + duration
        result.append((begin.replace(tzinfo=tz).astimezone(UTC), finish.replace(tzinfo=tz).astimezone(UTC)))
    return result
