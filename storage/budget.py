"""SQL for the wijkbudget: the year's budget, requests, decisions and receipts."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

REQUEST_COLUMNS = (
    "r.id, r.member_id, r.purpose, r.activity_id, r.amount_cents, r.for_date, r.status, r.decided_by,"
    " r.decided_at, r.decline_reason, r.spent_cents, r.created_at, r.pay_way,"
    " (SELECT COUNT(*) FROM budget_receipts b WHERE b.request_id = r.id) AS receipts"
)


async def year_budget(db: Database, year: int) -> int | None:
    return await db.fetch_optional_int("SELECT amount_cents FROM budget_years WHERE year = ?", (year,))


async def set_year_budget(conn: aiosqlite.Connection, year: int, cents: int, by: int, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO budget_years (year, amount_cents, set_by, set_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (year) DO UPDATE SET amount_cents = excluded.amount_cents, set_by = excluded.set_by,"
        " set_at = excluded.set_at",
        (year, cents, by, utc_text(now)),
    )


async def same_waiting_request(
    conn: aiosqlite.Connection, member_id: int, purpose: str, cents: int, for_date: str
) -> int | None:
    """A request exactly like this one that still waits for a decision (a retry, not a new request)."""
    async with conn.execute(
        "SELECT id FROM budget_requests WHERE member_id = ? AND purpose = ? AND amount_cents = ?"
        " AND for_date = ? AND status = 'requested' ORDER BY id LIMIT 1",
        (member_id, purpose, cents, for_date),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else int(row[0])


async def open_requests_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    """Requests still in play: waiting for a decision, or approved and waiting for the receipt."""
    return await db.fetch_all(
        "SELECT id, purpose, amount_cents, status FROM budget_requests"
        " WHERE member_id = ? AND status IN ('requested', 'approved') ORDER BY id",
        (member_id,),
    )


async def insert_request(
    conn: aiosqlite.Connection,
    member_id: int,
    purpose: str,
    activity_id: int | None,
    cents: int,
    for_date: str,
    now: datetime,
) -> int:
    cursor = await conn.execute(
        "INSERT INTO budget_requests (member_id, purpose, activity_id, amount_cents, for_date, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (member_id, purpose, activity_id, cents, for_date, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def by_id(db: Database, request_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        f"SELECT {REQUEST_COLUMNS} FROM budget_requests r WHERE r.id = ?", (request_id,)
    )


async def of_member(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {REQUEST_COLUMNS} FROM budget_requests r WHERE r.member_id = ?"
        " ORDER BY r.for_date DESC, r.id",
        (member_id,),
    )


async def of_year(db: Database, year: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {REQUEST_COLUMNS} FROM budget_requests r WHERE r.for_date >= ? AND r.for_date < ?"
        " ORDER BY r.for_date, r.id",
        (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"),
    )


async def decide(
    conn: aiosqlite.Connection,
    request_id: int,
    status: str,
    by: int,
    reason: str | None,
    now: datetime,
    pay_way: str | None = None,
) -> bool:
    """Only a request still waiting can be decided: approving twice changes nothing."""
    cursor = await conn.execute(
        "UPDATE budget_requests SET status = ?, decided_by = ?, decided_at = ?, decline_reason = ?,"
        " pay_way = ? WHERE id = ? AND status = 'requested'",
        (status, by, utc_text(now), reason, pay_way, request_id),
    )
    return cursor.rowcount == 1


async def settle(conn: aiosqlite.Connection, request_id: int, spent_cents: int) -> bool:
    cursor = await conn.execute(
        "UPDATE budget_requests SET spent_cents = ?, status = 'settled'"
        " WHERE id = ? AND status IN ('approved', 'settled')",
        (spent_cents, request_id),
    )
    return cursor.rowcount == 1


async def receipt_count(conn: aiosqlite.Connection, request_id: int) -> int:
    async with conn.execute(
        "SELECT COUNT(*) FROM budget_receipts WHERE request_id = ?", (request_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def insert_receipt(
    conn: aiosqlite.Connection, request_id: int, file_name: str, size: int, by: int, now: datetime
) -> int:
    cursor = await conn.execute(
        "INSERT INTO budget_receipts (request_id, file_name, size_bytes, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (request_id, file_name, size, by, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def receipts_of_year(db: Database, year: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT b.request_id, b.file_name FROM budget_receipts b"
        " JOIN budget_requests r ON r.id = b.request_id"
        " WHERE r.for_date >= ? AND r.for_date < ? ORDER BY b.request_id, b.id",
        (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"),
    )


async def export_rows(db: Database, year: int) -> list[sqlite3.Row]:
    """Every request of the year with the names of who asked and who decided, for the yearly account."""
    return await db.fetch_all(
        "SELECT r.id, r.for_date, r.purpose, r.amount_cents, r.status, r.spent_cents, r.decline_reason,"
        " m.display_name AS requester, d.display_name AS decider"
        " FROM budget_requests r JOIN members m ON m.id = r.member_id"
        " LEFT JOIN members d ON d.id = r.decided_by"
        " WHERE r.for_date >= ? AND r.for_date < ? ORDER BY r.for_date, r.id",
        (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"),
    )
