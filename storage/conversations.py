"""SQL for a member's conversations: one row per flow (step, draft as JSON), at most one current."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text
from storage.members import MEMBER_COLUMNS

COLUMNS = "flow, step, draft, paused, updated_at"
MEMBER_WITH_CONVERSATION = (
    "SELECT "
    + ", ".join(f"m.{name.strip()}" for name in MEMBER_COLUMNS.split(","))
    + ", c.flow, c.step, c.draft, c.paused, c.updated_at AS conv_updated_at"
    " FROM members m LEFT JOIN conversations c ON c.member_id = m.id WHERE m.telegram_id = ?"
    " ORDER BY c.paused, c.updated_at DESC"
)


async def member_with_conversations(db: Database, telegram_id: int) -> list[sqlite3.Row]:
    """The member with each of their conversations, the current (or latest) first; one row with NULLs
    when there is none, none for a stranger. One read: the gate runs it every update."""
    return await db.fetch_all(MEMBER_WITH_CONVERSATION, (telegram_id,))


async def of(db: Database, member_id: int, flow: str | None = None) -> sqlite3.Row | None:
    """The member's conversation in ``flow``, or (None) the current or latest one."""
    return await db.fetch_one(
        f"SELECT {COLUMNS}, updated_at AS conv_updated_at FROM conversations"
        " WHERE member_id = ? AND (? IS NULL OR flow = ?) ORDER BY paused, updated_at DESC LIMIT 1",
        (member_id, flow, flow),
    )


async def put(
    conn: aiosqlite.Connection, member_id: int, flow: str, step: str, draft: str, now: datetime
) -> None:
    """Make this the member's current conversation; one of another flow that was current is paused."""
    await conn.execute(
        "UPDATE conversations SET paused = 1 WHERE member_id = ? AND flow != ? AND paused = 0",
        (member_id, flow),
    )
    await conn.execute(
        "INSERT INTO conversations (member_id, flow, step, draft, paused, updated_at)"
        " VALUES (?, ?, ?, ?, 0, ?)"
        " ON CONFLICT (member_id, flow) DO UPDATE SET step = excluded.step,"
        " draft = excluded.draft, paused = 0, updated_at = excluded.updated_at",
        (member_id, flow, step, draft, utc_text(now)),
    )


async def pause(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("UPDATE conversations SET paused = 1 WHERE member_id = ?", (member_id,))


async def clear(conn: aiosqlite.Connection, member_id: int, flow: str | None = None) -> bool:
    if flow is None:
        cursor = await conn.execute("DELETE FROM conversations WHERE member_id = ?", (member_id,))
    else:
        cursor = await conn.execute(
            "DELETE FROM conversations WHERE member_id = ? AND flow = ?", (member_id, flow)
        )
    return cursor.rowcount > 0


async def export(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT flow, step, draft, updated_at FROM conversations WHERE member_id = ?", (member_id,)
    )
