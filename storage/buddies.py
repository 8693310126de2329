"""SQL for buddy requests and pairs."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

COLUMNS = "id, newcomer_id, buddy_id, status, requested_at, paired_at, first_claim_told_at"


async def by_id(db: Database, request_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {COLUMNS} FROM buddy_requests WHERE id = ?", (request_id,))


async def current_for_newcomer(db: Database, newcomer_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        f"SELECT {COLUMNS} FROM buddy_requests WHERE newcomer_id = ? AND status IN ('open', 'paired')",
        (newcomer_id,),
    )


async def current_for_newcomer_in(conn: aiosqlite.Connection, newcomer_id: int) -> sqlite3.Row | None:
    async with conn.execute(
        f"SELECT {COLUMNS} FROM buddy_requests WHERE newcomer_id = ? AND status IN ('open', 'paired')",
        (newcomer_id,),
    ) as cursor:
        return await cursor.fetchone()


async def pairs_of_in(conn: aiosqlite.Connection, member_id: int) -> list[sqlite3.Row]:
    """Open or paired requests where the member is the newcomer or the buddy."""
    async with conn.execute(
        f"SELECT {COLUMNS} FROM buddy_requests WHERE (newcomer_id = ? OR buddy_id = ?)"
        " AND status IN ('open', 'paired') ORDER BY id",
        (member_id, member_id),
    ) as cursor:
        return list(await cursor.fetchall())


async def display_name_in(conn: aiosqlite.Connection, member_id: int) -> str:
    async with conn.execute("SELECT display_name FROM members WHERE id = ?", (member_id,)) as cursor:
        row = await cursor.fetchone()
    return "" if row is None else str(row[0] or "")


async def open_requests(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {COLUMNS} FROM buddy_requests WHERE status = 'open' ORDER BY requested_at, id"
    )


async def paired_with_buddy(db: Database, buddy_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {COLUMNS} FROM buddy_requests WHERE buddy_id = ? AND status = 'paired' ORDER BY paired_at",
        (buddy_id,),
    )


async def insert_request(conn: aiosqlite.Connection, newcomer_id: int, now: datetime) -> int | None:
    """The new request's id; None when the newcomer already has an open or paired request."""
    cursor = await conn.execute(
        "INSERT INTO buddy_requests (newcomer_id, status, requested_at) VALUES (?, 'open', ?)"
        " ON CONFLICT DO NOTHING",
        (newcomer_id, utc_text(now)),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


async def pair(
    conn: aiosqlite.Connection, request_id: int, buddy_id: int, actor_id: int, now: datetime
) -> bool:
    """Pair an open request; False when it was no longer open (someone else was quicker)."""
    cursor = await conn.execute(
        "UPDATE buddy_requests SET status = 'paired', buddy_id = ?, paired_by = ?, paired_at = ?"
        " WHERE id = ? AND status = 'open'",
        (buddy_id, actor_id, utc_text(now), request_id),
    )
    return cursor.rowcount == 1


async def mark_first_claim_told(conn: aiosqlite.Connection, request_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE buddy_requests SET first_claim_told_at = ?"
        " WHERE id = ? AND status = 'paired' AND first_claim_told_at IS NULL",
        (utc_text(now), request_id),
    )
    return cursor.rowcount == 1


async def reopen(conn: aiosqlite.Connection, request_id: int) -> None:
    """The buddy left: the newcomer's request is open again, for someone else to take."""
    await conn.execute(
        "UPDATE buddy_requests SET status = 'open', buddy_id = NULL, paired_by = NULL, paired_at = NULL,"
        " first_claim_told_at = NULL WHERE id = ? AND status = 'paired'",
        (request_id,),
    )


async def pairs_with_names(db: Database, member_id: int) -> list[sqlite3.Row]:
    """The member's current pairs, with which side they are and the other one's name."""
    return await db.fetch_all(
        "SELECT CASE WHEN b.newcomer_id = ? THEN 'newcomer' ELSE 'buddy' END AS was,"
        " m.display_name AS other_name FROM buddy_requests b"
        " JOIN members m ON m.id = CASE WHEN b.newcomer_id = ? THEN b.buddy_id ELSE b.newcomer_id END"
        " WHERE (b.newcomer_id = ? OR b.buddy_id = ?) AND b.status = 'paired' ORDER BY b.id",
        (member_id, member_id, member_id, member_id),
    )
