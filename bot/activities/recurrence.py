"""Recurring activities: weekly, every two weeks, or monthly on the nth weekday, until a date or a count.

Occurrences are computed on the wall clock in Europe/Amsterdam, so "every Thursday 19:30" stays 19:30
across daylight-saving changes; each occurrence is then stored as its own activity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput

RULES = ("weekly", "biweekly", "monthly_nth")
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
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise RepeatInvalid(max=MAX_OCCURRENCES)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The nth (1-5) given weekday of a month; None when that month has no such day (a 5th Monday)."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def occurrences(
    start: datetime, end: datetime, repeat: Repeat | None, tz: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC of every occurrence; without ``repeat`` just the one."""
    if repeat is None:
        return [(start.astimezone(UTC), end.astimezone(UTC))]
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    duration = local_end.replace(tzinfo=None) - local_start.replace(tzinfo=None)
    wall = local_start.replace(tzinfo=None)
    days: list[date] = []
    first_day = wall.date()
    n = (first_day.day - 1) // 7 + 1
    index = 0
    while len(days) < MAX_OCCURRENCES:
        if repeat.rule == "monthly_nth":
            month_index = first_day.month - 1 + index
            candidate = nth_weekday(
                first_day.year + month_index // 12, month_index % 12 + 1, first_day.weekday(), n
            )
        else:
            step = 7 if repeat.rule == "weekly" else 14
            candidate = first_day + timedelta(days=step * index)
        index += 1
        if candidate is None:
            continue
        if repeat.until is not None and candidate > repeat.until:
            break
        days.append(candidate)
        if repeat.count is not None and len(days) >= repeat.count:
            break
    result = []
    for day in days:
        begin = datetime.combine(day, wall.time()).replace(tzinfo=tz)
        finish = (datetime.combine(day, wall.time()) + duration).replace(tzinfo=tz)
        result.append((begin.astimezone(UTC), finish.astimezone(UTC)))
    return result
