"""SQL for the private calendar feed tokens."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def insert(conn: aiosqlite.Connection, token: str, member_id: int, scope: str, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO calendar_feeds (token, member_id, scope, created_at) VALUES (?, ?, ?, ?)",
        (token, member_id, scope, utc_text(now)),
    )


async def live(db: Database, token: str) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT f.token, f.member_id, f.scope FROM calendar_feeds f JOIN members m ON m.id = f.member_id"
        " WHERE f.token = ? AND f.revoked_at IS NULL AND (m.status = 'active' OR f.scope = 'public')",
        (token,),
    )


async def live_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT token, scope FROM calendar_feeds WHERE member_id = ? AND revoked_at IS NULL"
        " ORDER BY created_at",
        (member_id,),
    )


async def revoke_all(conn: aiosqlite.Connection, member_id: int, now: datetime) -> int:
    cursor = await conn.execute(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL",
        (utc_text(now), member_id),
    )
    return cursor.rowcount


async def export_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT scope, created_at, revoked_at FROM calendar_feeds WHERE member_id = ? ORDER BY created_at",
        (member_id,),
    )


async def erase(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM calendar_feeds WHERE member_id = ?", (member_id,))
