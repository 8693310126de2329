"""The two huiskamers: the one place a room id becomes a name, and their practical facts.

Activities and keys store a room by its id (``huiskamer6``); people always read its name from the room
content (``bot/content/<lang>/rooms.toml``) through ``Rooms``. A place that is not a huiskamer is shown as
it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content_loader import Content, RoomInfo


@dataclass(frozen=True)
class Room:
    """A huiskamer: ``id`` as activities and keys store it, ``content_id`` its entry in rooms.toml."""

    id: str
    content_id: str


ROOMS = (Room("huiskamer6", "portiek-6"), Room("huiskamer7", "portiek-7"))
ROOM_IDS = tuple(room.id for room in ROOMS)
#: An activity in both huiskamers at once (the Christmas dinner): one place that occupies both rooms.
BOTH_ROOMS = "huiskamers"


def rooms_of(place: str | None) -> tuple[str, ...]:
    """The huiskamers a place occupies: both, one, or none (a place outside)."""
    if place == BOTH_ROOMS:
        return ROOM_IDS
    return (place,) if place in ROOM_IDS else ()


def is_room(place: str | None) -> bool:
    """A place in one huiskamer or both: it can be double-booked and needs a key."""
    return bool(rooms_of(place))


def places_using(rooms: tuple[str, ...]) -> tuple[str, ...]:
    """The stored places that occupy any of ``rooms`` (a room itself, or both rooms)."""
    return (*rooms, BOTH_ROOMS)


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
        if room_id == BOTH_ROOMS:
            return " + ".join(self.name(room, lang) for room in ROOM_IDS)
        info = self.facts(lang).get(room_id)
        if info is None:
            raise KeyError(f"no room content for {room_id!r}")
        return info.name

    def place_name(self, place: str, lang: str) -> str:
        """What people read for an activity's place: a huiskamer by its name, any other place as typed."""
        return self.name(place, lang) if is_room(place) else place
