"""SQL for announcements (/omroep) and who pressed "gelezen"."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def insert_draft(
    conn: aiosqlite.Connection, author_id: int, text: str, photo: str | None, now: datetime
) -> int:
    # One draft per coordinator: starting again replaces an unfinished one.
    await conn.execute(
        "UPDATE announcements SET status = 'cancelled' WHERE author_id = ? AND status = 'draft'", (author_id,)
    )
    cursor = await conn.execute(
        "INSERT INTO announcements (author_id, text, photo, created_at) VALUES (?, ?, ?, ?)",
        (author_id, text, photo, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def by_id(db: Database, announcement_id: int) -> sqlite3.Row | None:
    return await db.fetch_one("SELECT * FROM announcements WHERE id = ?", (announcement_id,))


async def still_sending(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all("SELECT id FROM announcements WHERE status = 'sending'")


async def update_draft(conn: aiosqlite.Connection, announcement_id: int, **values: object) -> bool:
    allowed = {"audience", "activity_id", "read_button", "to_group", "pin"}
    assert set(values) <= allowed, values
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    cursor = await conn.execute(
        f"UPDATE announcements SET {assignments} WHERE id = :id AND status = 'draft'",
        {**values, "id": announcement_id},
    )
    return cursor.rowcount == 1


async def set_status(
    conn: aiosqlite.Connection, announcement_id: int, old: str, new: str, now: datetime, recipients: int = 0
) -> bool:
    column = {"sending": "sent_at", "done": "reported_at", "cancelled": "sent_at"}[new]
    cursor = await conn.execute(
        f"UPDATE announcements SET status = ?, {column} = ?, recipients = max(recipients, ?)"
        " WHERE id = ? AND status = ?",
        (new, utc_text(now), recipients, announcement_id, old),
    )
    return cursor.rowcount == 1


async def add_read(
    conn: aiosqlite.Connection, announcement_id: int, member_id: int, now: datetime, batch: str, kind: str
) -> bool:
    """Count a read once, and only from someone the announcement was sent to (buttons can be forged)."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO announcement_reads (announcement_id, member_id, read_at)"
        " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM outbox WHERE batch = ? AND kind = ? AND member_id = ?)",
        (announcement_id, member_id, utc_text(now), batch, kind, member_id),
    )
    return cursor.rowcount == 1


async def read_count(db: Database, announcement_id: int) -> int:
    return await db.fetch_int(
        "SELECT count(*) FROM announcement_reads WHERE announcement_id = ?", (announcement_id,)
    )
