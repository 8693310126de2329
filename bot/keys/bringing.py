"""The one rule for "is the key to this activity sorted?", used by the key reminder and by /open."""

from __future__ import annotations

from typing import Any


async def key_is_covered(keys: Any, activities: Any, activity: Any) -> bool:
    """Someone said they bring the key, or someone on the activity holds a key to that room."""
    if keys is None:
        return False
    if await keys.key_bringer(activity.id) is not None:
        return True
    holders = {k.holder_id for k in await keys.all() if k.room == activity.room and k.holder_id}
    return bool(holders & set(await activities.people_on(activity.id)))
