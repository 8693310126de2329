"""SQL for the one conversation a member is in (flow, step, draft as JSON)."""

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
)


async def member_with_conversation(db: Database, telegram_id: int) -> sqlite3.Row | None:
    """The member and their conversation (NULLs when none) in one read: the gate runs it every update."""
    return await db.fetch_one(MEMBER_WITH_CONVERSATION, (telegram_id,))


async def of(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        f"SELECT {COLUMNS}, updated_at AS conv_updated_at FROM conversations WHERE member_id = ?",
        (member_id,),
    )


async def put(
    conn: aiosqlite.Connection, member_id: int, flow: str, step: str, draft: str, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO conversations (member_id, flow, step, draft, paused, updated_at)"
        " VALUES (?, ?, ?, ?, 0, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,"
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
