"""A key goes back into the key box ("terug in de sleutelkast")."""

from __future__ import annotations

from typing import Protocol

from bot.clock import Clock
from bot.keys.service import Key, Keys, KeyUnderway, NotYourKey
from bot.members.service import Member, Members, Role
from storage import keys as sql
from storage.db import Database


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    clock: Clock
    db: Database
    keys: Keys
    members: Members


async def return_to_box(core: Core, member: Member, key_id: int) -> Key:
    """The holder (or a coordinator) puts the key back in the box; not while a hand-over is underway.

    Recorded as a 'corrected' event to nobody by the holder (key_events' kinds are fixed by its CHECK).
    """
    key = await core.keys.get(key_id)
    if key.holder_id != member.id and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotYourKey()
    if key.underway:
        raise KeyUnderway(name="")
    async with core.db.transaction() as conn:
        await sql.correct_holder(conn, key.id, None)
        await sql.record_event(
            conn, key.id, "corrected", core.clock.now(), from_id=key.holder_id, to_id=None, actor_id=member.id
        )
    return await core.keys.get(key.id)
