"""SQL for the activities part of a member's data: claims, waitlist places, activities and series."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def claims_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT a.title AS activity, t.title AS task, a.starts_at, a.ends_at, a.place, a.status,"
        " c.claimed_at FROM claims c JOIN tasks t ON t.id = c.task_id"
        " JOIN activities a ON a.id = t.activity_id WHERE c.member_id = ? ORDER BY a.starts_at, c.id",
        (member_id,),
    )


async def waitlist_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT a.title AS activity, t.title AS task, a.starts_at, w.joined_at, w.status, w.offered_at,"
        " w.offer_expires_at FROM waitlist w JOIN tasks t ON t.id = w.task_id"
        " JOIN activities a ON a.id = t.activity_id WHERE w.member_id = ? ORDER BY w.joined_at, w.id",
        (member_id,),
    )


async def organised_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT title, place, starts_at, ends_at, status, created_at, cancelled_at FROM activities"
        " WHERE organiser_id = ? ORDER BY starts_at, id",
        (member_id,),
    )


async def series_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT s.rule, s.created_at, (SELECT a.title FROM activities a WHERE a.series_id = s.id"
        " ORDER BY a.starts_at LIMIT 1) AS title FROM activity_series s WHERE s.created_by = ? ORDER BY s.id",
        (member_id,),
    )


async def delete_upcoming_claims(conn: aiosqlite.Connection, member_id: int, now: datetime) -> list[int]:
    """Give back every claim on an activity that has not started; returns the freed tasks' ids."""
    async with conn.execute(
        "DELETE FROM claims WHERE member_id = ? AND task_id IN"
        " (SELECT t.id FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE a.starts_at > ?)"
        " RETURNING task_id",
        (member_id, utc_text(now)),
    ) as cursor:
        return sorted({row[0] for row in await cursor.fetchall()})


async def delete_waitlist_of(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM waitlist WHERE member_id = ?", (member_id,))
