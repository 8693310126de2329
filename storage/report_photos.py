"""SQL for the photos of activities (verantwoording): stored, counted per period, erased per uploader."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def photo_count(conn: aiosqlite.Connection, activity_id: int) -> int:
    cursor = await conn.execute("SELECT COUNT(*) FROM activity_photos WHERE activity_id = ?", (activity_id,))
    row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def insert_photo(
    conn: aiosqlite.Connection,
    activity_id: int,
    file_name: str,
    size: int,
    shareable: bool,
    by: int,
    now: datetime,
) -> None:
    await conn.execute(
        "INSERT INTO activity_photos (activity_id, file_name, size, shareable, uploaded_by, uploaded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (activity_id, file_name, size, int(shareable), by, utc_text(now)),
    )


async def photos_between(db: Database, start: datetime, end: datetime) -> list[sqlite3.Row]:
    """Photos of planned activities starting in [start, end), oldest activity first."""
    return await db.fetch_all(
        "SELECT p.id, p.file_name, p.shareable, a.title, a.starts_at FROM activity_photos p"
        " JOIN activities a ON a.id = p.activity_id"
        " WHERE a.status = 'planned' AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, p.id",
        (utc_text(start), utc_text(end)),
    )


async def uploaded_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT activity_id, file_name, shareable, uploaded_at FROM activity_photos WHERE uploaded_by = ?",
        (member_id,),
    )


async def delete_uploaded_by(conn: aiosqlite.Connection, member_id: int) -> list[str]:
    """Delete the member's photo rows; returns their file names (the caller removes the files)."""
    cursor = await conn.execute("SELECT file_name FROM activity_photos WHERE uploaded_by = ?", (member_id,))
    names = [row[0] for row in await cursor.fetchall()]
    await conn.execute("DELETE FROM activity_photos WHERE uploaded_by = ?", (member_id,))
    return names


async def database_folder(conn: aiosqlite.Connection) -> str:
    """The folder of the main database file (where the photo folder lives)."""
    cursor = await conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'")
    row = await cursor.fetchone()
    return str(row[0]) if row else ""
