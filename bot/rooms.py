"""The two huiskamers: their week (what is planned, which days are free) and their practical facts.

Activities are another feature; when ``core.activities`` exists its ``activities_between(start, end)``
gives what is planned, otherwise every day shows as free and ``RoomWeek.activities_known`` is False.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.keys.bringing import who_brings
from bot.onboarding.content import Content, RoomInfo, load_content

# Room ids as activities store them, and the entry in bot/content/<lang>/rooms.toml for each.
ROOM_CONTENT_IDS = {"huiskamer6": "portiek-6", "huiskamer7": "portiek-7"}
ROOM_IDS = tuple(ROOM_CONTENT_IDS)
CANCELLED = {"cancelled", "canceled", "geannuleerd"}


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
    activities_known: bool


_CONTENT: Content | None = None


def room_facts(lang: str) -> dict[str, RoomInfo]:
    """The practical facts per room id (``huiskamer6``), from the content files."""
    global _CONTENT
    if _CONTENT is None:
        _CONTENT = load_content()
    by_content_id = {room.id: room for room in _CONTENT.rooms[lang]}
    return {rid: by_content_id[cid] for rid, cid in ROOM_CONTENT_IDS.items() if cid in by_content_id}


def week_start(today: date, offset_weeks: int = 0) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(weeks=offset_weeks)


async def room_week(core: Any, offset_weeks: int = 0) -> Week:
    """Monday to Sunday of this week (plus ``offset_weeks``) for both rooms, in the community's time zone."""
    tz: ZoneInfo = core.tz
    monday = week_start(core.local_now().date(), offset_weeks)
    start = datetime.combine(monday, time(0), tz)
    end = datetime.combine(monday + timedelta(days=7), time(0), tz)
    activities = getattr(core, "activities", None)
    summaries: list[Any] = []
    if activities is not None:
        result = activities.activities_between(start, end)
        summaries = list(await result if inspect.isawaitable(result) else result)
    keys = getattr(core, "keys", None)
    per_room: dict[str, dict[date, list[PlannedItem]]] = {r: {} for r in ROOM_IDS}
    for summary in sorted(summaries, key=lambda s: s.starts_at):
        if summary.room not in per_room or str(summary.status).lower() in CANCELLED:
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
        per_room[summary.room].setdefault(summary.starts_at.astimezone(tz).date(), []).append(item)
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
    return Week(monday=monday, rooms=rooms, activities_known=activities is not None)
