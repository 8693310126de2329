"""A huiskamer's week for /ruimtes: what is planned on each day, which days are free, who brings the key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.activities.service import Activities
from bot.keys.bringing import who_brings
from bot.keys.service import Keys
from bot.rooms import ROOM_IDS, rooms_of


@dataclass(frozen=True)
class PlannedItem:
    activity_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    needs_key: bool
    key_bringer_id: int | None


@dataclass(frozen=True)
class RoomDay:
    day: date
    items: tuple[PlannedItem, ...]

    @property
    def free(self) -> bool:
        return not self.items


@dataclass(frozen=True)
class RoomWeek:
    room: str
    days: tuple[RoomDay, ...]


@dataclass(frozen=True)
class Week:
    monday: date
    rooms: tuple[RoomWeek, ...]


def week_start(today: date, offset_weeks: int = 0) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(weeks=offset_weeks)


async def room_week(
    activities: Activities, keys: Keys, today: date, tz: ZoneInfo, offset_weeks: int = 0
) -> Week:
    """Monday to Sunday of the week of ``today`` (plus ``offset_weeks``) for both rooms, in ``tz``."""
    monday = week_start(today, offset_weeks)
    start = datetime.combine(monday, time(0), tz)
    end = datetime.combine(monday + timedelta(days=7), time(0), tz)
    summaries = await activities.activities_between(start, end)
    per_room: dict[str, dict[date, list[PlannedItem]]] = {r: {} for r in ROOM_IDS}
    for summary in sorted(summaries, key=lambda s: s.starts_at):
        if not rooms_of(summary.place) or summary.cancelled:
            continue
        bringer = await who_brings(keys, activities, summary) if summary.needs_key else None
        item = PlannedItem(
            activity_id=summary.id,
            title=summary.title,
            starts_at=summary.starts_at,
            ends_at=summary.ends_at,
            needs_key=bool(summary.needs_key),
            key_bringer_id=bringer,
        )
        for room in rooms_of(summary.place):  # both huiskamers: the activity is in each room's week
            per_room[room].setdefault(summary.starts_at.astimezone(tz).date(), []).append(item)
    rooms = tuple(
        RoomWeek(
            room,
            tuple(
                RoomDay(monday + timedelta(days=i), tuple(per_room[room].get(monday + timedelta(days=i), [])))
                for i in range(7)
            ),
        )
        for room in ROOM_IDS
    )
    return Week(monday=monday, rooms=rooms)
