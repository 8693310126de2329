"""The two huiskamers: the one place a room id becomes a name, their week and their practical facts.

Activities and keys store a room by its id (``huiskamer6``); people always read its name from the room
content (``bot/content/<lang>/rooms.toml``) through ``Rooms``. A place that is not a huiskamer is shown as
it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.onboarding.content import Content, RoomInfo

if TYPE_CHECKING:
    from bot.activities.service import Activities
    from bot.keys.service import Keys


@dataclass(frozen=True)
class Room:
    """A huiskamer: ``id`` as activities and keys store it, ``content_id`` its entry in rooms.toml."""

    id: str
    content_id: str


ROOMS = (Room("huiskamer6", "portiek-6"), Room("huiskamer7", "portiek-7"))
ROOM_IDS = tuple(room.id for room in ROOMS)


def is_room(place: str) -> bool:
    return place in ROOM_IDS


def other_room(room_id: str) -> str:
    """The other huiskamer (offered when one is taken)."""
    return ROOM_IDS[1] if room_id == ROOM_IDS[0] else ROOM_IDS[0]


class Rooms:
    """Room names and facts per language; a language without room content falls back to the default one."""

    def __init__(self, content: Content, default_language: str) -> None:
        self._content = content
        self._default = default_language

    def facts(self, lang: str) -> dict[str, RoomInfo]:
        """The practical facts per room id (``huiskamer6``)."""
        infos = self._content.rooms.get(lang) or self._content.rooms.get(self._default) or ()
        by_content_id = {info.id: info for info in infos}
        return {room.id: by_content_id[room.content_id] for room in ROOMS if room.content_id in by_content_id}

    def name(self, room_id: str, lang: str) -> str:
        info = self.facts(lang).get(room_id)
        if info is None:
            raise KeyError(f"no room content for {room_id!r}")
        return info.name

    def place_name(self, place: str, lang: str) -> str:
        """What people read for an activity's place: a huiskamer by its name, any other place as typed."""
        return self.name(place, lang) if is_room(place) else place


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
        if summary.room not in per_room or summary.cancelled:
            continue
        bringer = await keys.key_bringer(summary.id)
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
    return Week(monday=monday, rooms=rooms)
