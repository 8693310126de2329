"""The one rule for "who brings the key to this activity?", used by the key reminder, /ruimtes and /open.

Whoever said "ik breng de sleutel" brings it; otherwise someone on the activity who holds a key to its
room; otherwise nobody yet (then the organiser is reminded and the coordinator sees it in /open).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.rooms import rooms_of


class KeyLike(Protocol):
    @property
    def room(self) -> str: ...
    @property
    def holder_id(self) -> int | None: ...


class KeyRegister(Protocol):
    async def key_bringer(self, activity_id: int) -> int | None: ...
    async def all(self) -> Sequence[KeyLike]: ...


class PeopleOn(Protocol):
    async def people_on(self, activity_id: int) -> Sequence[int]: ...


class ActivityLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def room(self) -> str | None: ...


async def who_brings(keys: KeyRegister, activities: PeopleOn, activity: ActivityLike) -> int | None:
    """The member who brings the key, or None when nobody does yet."""
    declared = await keys.key_bringer(activity.id)
    if declared is not None:
        return int(declared)
    rooms = rooms_of(activity.room)  # both huiskamers: a holder of either key
    holders = [k.holder_id for k in await keys.all() if k.room in rooms and k.holder_id]
    if not holders:
        return None
    on_it = set(await activities.people_on(activity.id))
    return next((holder for holder in holders if holder in on_it), None)


async def key_is_covered(keys: KeyRegister, activities: PeopleOn, activity: ActivityLike) -> bool:
    return await who_brings(keys, activities, activity) is not None
