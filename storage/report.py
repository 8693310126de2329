"""SQL for the report to the funders (verantwoording): visitor counts and the figures of a period.

Days are local 'YYYY-MM-DD' for hours and budget; activity times are UTC text, compared as such.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def has_visitors(db: Database, activity_id: int) -> bool:
    row = await db.fetch_one("SELECT 1 FROM activity_visitors WHERE activity_id = ?", (activity_id,))
    return row is not None


async def set_visitors(
    conn: aiosqlite.Connection, activity_id: int, low: int, high: int, by: int, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO activity_visitors (activity_id, low, high, reported_by, reported_at)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (activity_id) DO UPDATE SET low = excluded.low, high = excluded.high,"
        " reported_by = excluded.reported_by, reported_at = excluded.reported_at",
        (activity_id, low, high, by, utc_text(now)),
    )


async def activities_in(db: Database, start: datetime, end: datetime) -> list[sqlite3.Row]:
    """Planned activities starting in [start, end) with their visitors and distinct volunteers."""
    return await db.fetch_all(
        "SELECT a.id, a.title, a.starts_at, v.low, v.high,"
        " (SELECT COUNT(DISTINCT c.member_id) FROM claims c JOIN tasks t ON t.id = c.task_id"
        "  WHERE t.activity_id = a.id) AS volunteers"
        " FROM activities a LEFT JOIN activity_visitors v ON v.activity_id = a.id"
        " WHERE a.status = 'planned' AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id",
        (utc_text(start), utc_text(end)),
    )


async def volunteers_in(db: Database, start: datetime, end: datetime) -> int:
    return int(
        await db.fetch_value(
            "SELECT COUNT(DISTINCT c.member_id) FROM claims c JOIN tasks t ON t.id = c.task_id"
            " JOIN activities a ON a.id = t.activity_id"
            " WHERE a.status = 'planned' AND a.starts_at >= ? AND a.starts_at < ?",
            (utc_text(start), utc_text(end)),
        )
    )


async def hours_per_month(db: Database, first_day: str, last_day: str) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT month, SUM(minutes) AS minutes, COUNT(DISTINCT member_id) AS people FROM hours_entries"
        " WHERE day >= ? AND day <= ? GROUP BY month ORDER BY month",
        (first_day, last_day),
    )


async def hours_per_activity(db: Database, first_day: str, last_day: str) -> dict[int, int]:
    rows = await db.fetch_all(
        "SELECT activity_id, SUM(minutes) AS minutes FROM hours_entries"
        " WHERE activity_id IS NOT NULL AND day >= ? AND day <= ? GROUP BY activity_id",
        (first_day, last_day),
    )
    return {row["activity_id"]: row["minutes"] for row in rows}


async def minutes_per_member_month(db: Database, first_day: str, last_day: str) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT member_id, month, SUM(minutes) AS minutes FROM hours_entries"
        " WHERE day >= ? AND day <= ? GROUP BY member_id, month",
        (first_day, last_day),
    )


async def targets(db: Database) -> dict[int, int]:
    rows = await db.fetch_all("SELECT member_id, minutes FROM hours_targets")
    return {row["member_id"]: row["minutes"] for row in rows}


async def joined_in(db: Database, start: datetime, end: datetime) -> int:
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM members WHERE status != 'joining' AND joined_at >= ? AND joined_at < ?",
            (utc_text(start), utc_text(end)),
        )
    )


async def budget_granted(db: Database, years: list[int]) -> int:
    marks = ", ".join("?" for _ in years)
    return int(
        await db.fetch_value(
            f"SELECT COALESCE(SUM(amount_cents), 0) FROM budget_years WHERE year IN ({marks})", tuple(years)
        )
    )


async def budget_requests(db: Database, first_day: str, last_day: str) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT b.id, b.purpose, b.for_date, b.amount_cents, b.status, b.spent_cents,"
        " (SELECT COUNT(*) FROM budget_receipts r WHERE r.request_id = b.id) AS receipts"
        " FROM budget_requests b WHERE b.for_date >= ? AND b.for_date <= ? ORDER BY b.for_date, b.id",
        (first_day, last_day),
    )


# Privacy.


async def reported_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT activity_id, low, high, reported_at FROM activity_visitors WHERE reported_by = ?",
        (member_id,),
    )


async def forget_reporter(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("UPDATE activity_visitors SET reported_by = NULL WHERE reported_by = ?", (member_id,))
