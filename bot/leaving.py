"""A member leaves: removed by a coordinator (/verwijder) or erased at their own request (/vergeetmij).

Either way others may rely on what they hold: places on activities ahead, keys, a buddy, money asked
from the wijkbudget. Before the confirm button both paths list those *holdings*; on confirm ONE
transaction hands every one of them on (places back to the waitlist as a give-back would, keys to the
key box, the buddy told), removes or erases the member, and queues every notice (organisers, the buddy,
the coordinators). Each feature contributes a ``LeaveStep``, passed in at bootstrap (bot/core.py), and
declares how its holdings read (notice kinds ``holding.<kind>``): this module knows no feature.

After a removal the notices name the person (the coordinator may have to fetch a physical key). After an
erasure they do not: being forgotten must not leave new copies of the name, so others read "oud-lid".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.members.service import Member, Members
from bot.notices import Notice, Notices, Reader, Rendered, notice_kind
from bot.privacy import Privacy
from storage.db import Database

MEMBER_LEFT = "member_left"


@dataclass(frozen=True)
class Holding:
    """Something a leaving member holds that others rely on; ``kind`` is key, task, budget or buddy."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Departure:
    member_id: int
    name: str
    erased: bool  # True: /vergeetmij; False: removed by a coordinator
    actor_id: int  # who confirmed: the coordinator, or the member themselves
    at: datetime


@dataclass(frozen=True)
class LeaveStep:
    """One feature's part: what the member holds, and handing it on inside the leaving transaction."""

    holdings: Callable[[int], Awaitable[list[Holding]]]
    release_in: Callable[[aiosqlite.Connection, Departure], Awaitable[None]]


@dataclass(frozen=True)
class Left:
    member: Member
    holdings: tuple[Holding, ...]


class Leaving:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: Members,
        privacy: Privacy,
        notices: Notices,
        steps: Sequence[LeaveStep],
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._privacy = privacy
        self._notices = notices
        self._steps = tuple(steps)

    async def holdings(self, member_id: int) -> list[Holding]:
        """What to show before the confirm button (and what the coordinators are told about)."""
        found: list[Holding] = []
        for step in self._steps:
            found.extend(await step.holdings(member_id))
        return found

    def describe(self, lang: str, holdings: Sequence[Holding]) -> list[str]:
        """One line per holding, in ``lang``."""
        return [self._notices.text_for(lang, Notice(f"holding.{h.kind}", h.data)).text for h in holdings]

    async def remove_member(self, actor: Member, target_id: int) -> Left:
        """A coordinator removes a member; what they held is handed on in the same transaction."""
        target = await self._members.check_removable(actor, target_id)

        async def mark(conn: aiosqlite.Connection, now: datetime) -> bool:
            await self._members.mark_removed_in(conn, actor, target, now)
            return True

        return await self._leave(target, actor.id, erased=False, mark=mark)

    async def erase_member(self, member: Member) -> Left:
        """The member asked to be forgotten; what they held is handed on first, in the same transaction.
        Idempotent: a member already erased stays erased and nothing is told twice."""

        async def mark(conn: aiosqlite.Connection, now: datetime) -> bool:
            return await self._privacy.erase_in(conn, member.id, now)

        left = await self._leave(member, member.id, erased=True, mark=mark)
        await self._db.checkpoint()  # the write-ahead log would keep the erased name and id until later
        return left

    async def _leave(
        self,
        member: Member,
        actor_id: int,
        *,
        erased: bool,
        mark: Callable[[aiosqlite.Connection, datetime], Awaitable[bool]],
    ) -> Left:
        holdings = await self.holdings(member.id) if member.is_active else []
        coordinators = [c for c in await self._members.coordinator_ids() if c not in (member.id, actor_id)]
        now = self._clock.now()
        shown = "" if erased else member.name  # renderers read "" as "oud-lid"
        departure = Departure(member.id, shown, erased, actor_id, now)
        async with self._db.transaction() as conn:
            if member.is_active:
                for step in self._steps:
                    await step.release_in(conn, departure)
            if await mark(conn, now):
                data = {
                    "name": shown,
                    "erased": erased,
                    "holdings": [{"kind": h.kind, "data": dict(h.data)} for h in holdings],
                }
                key = f"left:{member.id}:{'erased' if erased else 'removed'}"
                await self._notices.tell_all_in(conn, coordinators, Notice(MEMBER_LEFT, data), key=key)
        self._notices.wake()
        return Left(await self._members.get(member.id), tuple(holdings))


@notice_kind(MEMBER_LEFT)
def _member_left(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the coordinators: who left, and what went where."""
    lines = [
        r.t("leaving.coordinator_erased" if d["erased"] else "leaving.coordinator_removed", name=d["name"])
    ]
    for holding in d["holdings"]:
        line = Notice(f"holding.{holding['kind']}", holding["data"])
        lines.append(r.render(line).text)
    lines += [r.t(key) for key in handled_keys([h["kind"] for h in d["holdings"]])]
    return Rendered("\n".join(lines))


def handled_keys(kinds: Sequence[str]) -> list[str]:
    """The text keys that say what happened to what a leaving member held: the places went back (to the
    waitlist first), the key or keys went to the sleutelkast. Buddies and budget requests have their own."""
    keys = kinds.count("key")
    return [
        *(["leaving.handled_places"] if "task" in kinds else []),
        *(["leaving.handled_key" if keys == 1 else "leaving.handled_keys"] if keys else []),
    ]
