"""The conversation a member is in: which multi-step flow, the step, and its draft, kept in SQLite.

Every flow that waits for typed input or builds something over several messages (/nieuw, an activity
edit, hours, keys, the wijkbudget, /omroep) keeps its state here, one row per member and flow, at most
one of them current, so a restart loses nothing, a draft paused in one flow survives starting another,
and one read per update (together with the member, see ``member_and_conversation``) tells every
handler where the member is. Use cases that finish a flow clear it with ``clear_in`` inside their own
transaction, so a crash between the business write and the clear cannot send a request twice.

A paused conversation was left for another command: its draft stays resumable through the flow's own
command until ``RESUMABLE_FOR`` has passed; a typed message is only read as an answer within
``ANSWER_WINDOW`` of the question, so text typed the next day is never mistaken for one (a flow may
choose other limits, see ``handlers.conversation.Flow``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.members.service import Member, member_from_row
from storage import conversations as sql
from storage.db import Database, parse_utc

RESUMABLE_FOR = timedelta(hours=24)
ANSWER_WINDOW = timedelta(hours=2)


@dataclass(frozen=True)
class Conversation:
    member_id: int
    flow: str
    step: str
    draft: dict[str, Any] = field(default_factory=dict)
    paused: bool = False
    updated_at: datetime | None = None

    def older_than(self, age: timedelta | None, now: datetime) -> bool:
        """Last changed longer than ``age`` ago (never, for ``None``)."""
        return age is not None and (self.updated_at is None or now - self.updated_at > age)


def _conversation(member_id: int, row: sqlite3.Row, now: datetime) -> Conversation | None:
    if row["flow"] is None:
        return None
    updated = parse_utc(row["conv_updated_at"])
    return Conversation(
        member_id, row["flow"], row["step"], json.loads(row["draft"]), bool(row["paused"]), updated
    )


@dataclass(frozen=True)
class Whereabouts:
    """Who is talking, the conversation they are in (or left last), and their other paused drafts."""

    member: Member | None
    current: Conversation | None
    paused: dict[str, Conversation]


class Conversations:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def member_and_conversation(self, telegram_id: int) -> Whereabouts:
        """Who is talking and where they are, in one read (the access gate, every update)."""
        rows = await sql.member_with_conversations(self._db, telegram_id)
        if not rows:
            return Whereabouts(None, None, {})
        member = member_from_row(rows[0])
        now = self._clock.now()
        found = [c for c in (_conversation(member.id, row, now) for row in rows) if c is not None]
        current = found[0] if found else None
        return Whereabouts(member, current, {c.flow: c for c in found[1:]})

    async def of(self, member_id: int, flow: str | None = None) -> Conversation | None:
        """A member's conversation in ``flow`` (or the current one), however old; None when there is none."""
        row = await sql.of(self._db, member_id, flow)
        return None if row is None else _conversation(member_id, row, self._clock.now())

    async def put(
        self, member_id: int, flow: str, step: str, draft: dict[str, Any] | None = None
    ) -> Conversation:
        """Make ``step`` of ``flow`` the member's current one (any other conversation ends)."""
        async with self._db.transaction() as conn:
            return await self.put_in(conn, member_id, flow, step, draft)

    async def put_in(
        self,
        conn: aiosqlite.Connection,
        member_id: int,
        flow: str,
        step: str,
        draft: dict[str, Any] | None = None,
    ) -> Conversation:
        """``put`` inside the caller's transaction."""
        return await put_in(conn, member_id, flow, step, draft, self._clock.now())

    async def pause(self, member_id: int) -> None:
        """The member left for another command: keep the drafts for their flows' commands to resume."""
        async with self._db.transaction() as conn:
            await sql.pause(conn, member_id)

    async def clear(self, member_id: int, flow: str | None = None) -> None:
        async with self._db.transaction() as conn:
            await self.clear_in(conn, member_id, flow)

    async def clear_in(self, conn: aiosqlite.Connection, member_id: int, flow: str | None = None) -> bool:
        return await clear_in(conn, member_id, flow)


async def put_in(
    conn: aiosqlite.Connection,
    member_id: int,
    flow: str,
    step: str,
    draft: dict[str, Any] | None,
    now: datetime,
) -> Conversation:
    """Make ``step`` of ``flow`` the member's current one inside the caller's transaction (a use case
    that opens or advances a flow does it next to its own write)."""
    await sql.put(conn, member_id, flow, step, json.dumps(draft or {}), now)
    return Conversation(member_id, flow, step, dict(draft or {}), False, now)


async def clear_in(conn: aiosqlite.Connection, member_id: int, flow: str | None = None) -> bool:
    """End the member's conversation (of ``flow`` only, when given) inside the caller's transaction: a use
    case that finishes a flow calls this next to its business write, so a retry finds no step to repeat."""
    return await sql.clear(conn, member_id, flow)
