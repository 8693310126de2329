"""SQL for members and their membership events."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

MEMBER_COLUMNS = "id, telegram_id, display_name, language, status, is_coordinator, joined_at, removed_at"


async def by_telegram_id(db: Database, telegram_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {MEMBER_COLUMNS} FROM members WHERE telegram_id = ?", (telegram_id,))


async def by_id(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?", (member_id,))


async def recipient_in(conn: aiosqlite.Connection, member_id: int) -> sqlite3.Row | None:
    """Where and how to tell a member something, read inside the caller's transaction."""
    async with conn.execute(
        "SELECT id, telegram_id, language, status FROM members WHERE id = ?", (member_id,)
    ) as cursor:
        return await cursor.fetchone()


async def active(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {MEMBER_COLUMNS} FROM members WHERE status = 'active'"
        " ORDER BY display_name COLLATE NOCASE, id"
    )


async def insert_joining(conn: aiosqlite.Connection, telegram_id: int, language: str, now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO members (telegram_id, language, status, joined_at) VALUES (?, ?, 'joining', ?)",
        (telegram_id, language, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def names_in_use(conn: aiosqlite.Connection, *, except_id: int) -> list[str]:
    """The names of everyone in the group (joining, active or removed; not erased), but one."""
    rows = await conn.execute_fetchall(
        "SELECT display_name FROM members WHERE id != ? AND status != 'erased' AND display_name != ''",
        (except_id,),
    )
    return [row[0] for row in rows]


async def set_name(conn: aiosqlite.Connection, member_id: int, name: str) -> None:
    await conn.execute("UPDATE members SET display_name = ? WHERE id = ?", (name, member_id))


async def set_language(conn: aiosqlite.Connection, member_id: int, language: str) -> None:
    await conn.execute("UPDATE members SET language = ? WHERE id = ?", (language, member_id))


async def activate(conn: aiosqlite.Connection, member_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE members SET status = 'active', joined_at = ? WHERE id = ? AND status = 'joining'",
        (utc_text(now), member_id),
    )
    return cursor.rowcount == 1


async def set_coordinator(conn: aiosqlite.Connection, member_id: int, value: bool) -> bool:
    cursor = await conn.execute(
        "UPDATE members SET is_coordinator = ? WHERE id = ? AND status = 'active' AND is_coordinator != ?",
        (int(value), member_id, int(value)),
    )
    return cursor.rowcount == 1


async def mark_removed(conn: aiosqlite.Connection, member_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE members SET status = 'removed', removed_at = ?, is_coordinator = 0"
        " WHERE id = ? AND status = 'active'",
        (utc_text(now), member_id),
    )
    return cursor.rowcount == 1


async def record_event(
    conn: aiosqlite.Connection, member_id: int, kind: str, now: datetime, actor_id: int | None = None
) -> None:
    await conn.execute(
        "INSERT INTO member_events (member_id, actor_id, kind, at) VALUES (?, ?, ?, ?)",
        (member_id, actor_id, kind, utc_text(now)),
    )


async def backdate_join(conn: aiosqlite.Connection, member_id: int, joined: datetime) -> None:
    """For seeding example data: a member who joined earlier."""
    await conn.execute("UPDATE members SET joined_at = ? WHERE id = ?", (utc_text(joined), member_id))
