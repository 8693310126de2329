"""SQL for /open, the coordinator's inbox: every open item of the other features, read in one place."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import aiosqlite

from storage.db import Database, utc_text


async def handled_refs(db: Database) -> set[tuple[str, str]]:
    rows = await db.fetch_all("SELECT kind, ref FROM inbox_handled")
    return {(row["kind"], row["ref"]) for row in rows}


async def mark_handled(conn: aiosqlite.Connection, kind: str, ref: str, now: datetime) -> bool:
    """False when it was already handled (a second press, or another coordinator)."""
    cursor = await conn.execute(
        "INSERT INTO inbox_handled (kind, ref, handled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (kind, ref, utc_text(now)),
    )
    return cursor.rowcount == 1


async def open_questions(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT q.id, q.text, q.asked_at AS since, m.display_name AS name FROM questions q"
        " JOIN members m ON m.id = q.asker_id"
        " WHERE q.answered_at IS NULL AND m.status = 'active' ORDER BY q.asked_at, q.id"
    )


async def open_buddy_requests(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT b.id, b.requested_at AS since, m.display_name AS name FROM buddy_requests b"
        " JOIN members m ON m.id = b.newcomer_id"
        " WHERE b.status = 'open' AND m.status = 'active' ORDER BY b.requested_at, b.id"
    )


async def open_key_requests(db: Database, since: datetime) -> list[sqlite3.Row]:
    """The newest request per key and member since ``since`` that the member still waits for: they
    neither hold that key nor is it underway to them."""
    return await db.fetch_all(
        "SELECT r.id, r.key_id, r.member_id, r.note, r.created_at AS since, k.label,"
        " m.display_name AS name FROM key_requests r"
        " JOIN keys k ON k.id = r.key_id JOIN members m ON m.id = r.member_id"
        " WHERE r.created_at >= ? AND m.status = 'active'"
        " AND k.holder_id IS NOT r.member_id AND k.pending_to_id IS NOT r.member_id"
        " AND r.id = (SELECT MAX(r2.id) FROM key_requests r2"
        "             WHERE r2.key_id = r.key_id AND r2.member_id = r.member_id)"
        " ORDER BY r.created_at, r.id",
        (utc_text(since),),
    )


async def undecided_budget_requests(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT b.id, b.purpose, b.amount_cents, b.for_date, b.created_at AS since,"
        " m.display_name AS name FROM budget_requests b JOIN members m ON m.id = b.member_id"
        " WHERE b.status = 'requested' ORDER BY b.created_at, b.id"
    )


async def receipts_missing(db: Database, before_day: date) -> list[sqlite3.Row]:
    """Approved requests whose date has passed without a receipt."""
    return await db.fetch_all(
        "SELECT b.id, b.member_id, b.purpose, b.amount_cents, b.for_date, b.decided_at AS since,"
        " m.display_name AS name FROM budget_requests b JOIN members m ON m.id = b.member_id"
        " WHERE b.status = 'approved' AND b.for_date < ?"
        " AND NOT EXISTS (SELECT 1 FROM budget_receipts r WHERE r.request_id = b.id)"
        " ORDER BY b.for_date, b.id",
        (before_day.isoformat(),),
    )


async def quiet_members(
    db: Database, joined_before: datetime, since_day: date, months: tuple[str, ...]
) -> list[sqlite3.Row]:
    """Active members (not coordinators) who joined before ``joined_before``, logged no hours on or
    after ``since_day`` and did not say they were away in any of ``months``."""
    marks = ", ".join("?" for _ in months)
    return await db.fetch_all(
        "SELECT m.id, m.telegram_id, m.display_name AS name, m.joined_at,"
        " (SELECT MAX(e.day) FROM hours_entries e WHERE e.member_id = m.id) AS last_day"
        " FROM members m WHERE m.status = 'active' AND m.is_coordinator = 0 AND m.joined_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM hours_entries e WHERE e.member_id = m.id AND e.day >= ?)"
        f" AND NOT EXISTS (SELECT 1 FROM hours_away a WHERE a.member_id = m.id AND a.month IN ({marks}))"
        " ORDER BY m.display_name COLLATE NOCASE, m.id",
        (utc_text(joined_before), since_day.isoformat(), *months),
    )


async def new_members(db: Database, joined_since: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT m.id, m.display_name AS name, m.joined_at AS since,"
        " (SELECT b.status FROM buddy_requests b WHERE b.newcomer_id = m.id"
        "  AND b.status IN ('open', 'paired')) AS buddy_status"
        " FROM members m WHERE m.status = 'active' AND m.joined_at >= ? ORDER BY m.joined_at, m.id",
        (utc_text(joined_since),),
    )
