"""SQL for volunteer hours: entries, drafts, targets, away months, closed months, audit and prompts."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Database, Params, utc_text

ENTRY_COLUMNS = "id, member_id, day, month, minutes, category, label, activity_id, claim_id, created_at"
DRAFT_COLUMNS = ", ".join(
    (
        "id, member_id, entry_id, minutes, day, category, label",
        "activity_id, claim_id, created_at, used_at",
    )
)


async def _one(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> sqlite3.Row | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()


# --- entries ---------------------------------------------------------------------------------------


async def insert_entry(conn: aiosqlite.Connection, values: dict[str, Any], now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO hours_entries (member_id, day, month, minutes, category, label, activity_id, claim_id,"
        " created_at) VALUES (:member_id, :day, :month, :minutes, :category, :label, :activity_id,"
        " :claim_id, :now)",
        {**values, "now": utc_text(now)},
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def update_entry(
    conn: aiosqlite.Connection, entry_id: int, values: dict[str, Any], now: datetime
) -> None:
    await conn.execute(
        "UPDATE hours_entries SET day = :day, month = :month, minutes = :minutes, category = :category,"
        " label = :label, updated_at = :now WHERE id = :id",
        {**values, "id": entry_id, "now": utc_text(now)},
    )


async def delete_entry(conn: aiosqlite.Connection, entry_id: int) -> None:
    await conn.execute("DELETE FROM hours_entries WHERE id = ?", (entry_id,))


async def entry(conn: aiosqlite.Connection, entry_id: int) -> sqlite3.Row | None:
    return await _one(conn, f"SELECT {ENTRY_COLUMNS} FROM hours_entries WHERE id = ?", (entry_id,))


async def entry_read(db: Database, entry_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {ENTRY_COLUMNS} FROM hours_entries WHERE id = ?", (entry_id,))


async def day_total(conn: aiosqlite.Connection, member_id: int, day: str, except_id: int | None) -> int:
    row = await _one(
        conn,
        "SELECT COALESCE(SUM(minutes), 0) FROM hours_entries WHERE member_id = ? AND day = ? AND id != ?",
        (member_id, day, except_id or 0),
    )
    return int(row[0]) if row else 0


async def entries_of_month(db: Database, member_id: int, month: str) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {ENTRY_COLUMNS} FROM hours_entries WHERE member_id = ? AND month = ? ORDER BY day, id",
        (member_id, month),
    )


async def month_totals_of(db: Database, member_id: int, first: str, last: str) -> dict[str, int]:
    rows = await db.fetch_all(
        "SELECT month, SUM(minutes) FROM hours_entries WHERE member_id = ? AND month BETWEEN ? AND ?"
        " GROUP BY month",
        (member_id, first, last),
    )
    return {row[0]: int(row[1]) for row in rows}


async def totals_of_month(db: Database, month: str) -> dict[int, tuple[int, int]]:
    """member id -> (minutes, number of entries) in ``month``."""
    rows = await db.fetch_all(
        "SELECT member_id, SUM(minutes), COUNT(*) FROM hours_entries WHERE month = ? GROUP BY member_id",
        (month,),
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}


async def members_with_entries_since(db: Database, first_month: str) -> set[int]:
    """Members with an entry in ``first_month`` ('YYYY-MM') or later.

    Grouped by month so SQLite reads only those months from hours_entries_month_member; a plain
    DISTINCT member_id makes it skip-scan an index once per member who ever logged.
    """
    rows = await db.fetch_all(
        "SELECT member_id FROM hours_entries WHERE month >= ? GROUP BY month, member_id", (first_month,)
    )
    return {row[0] for row in rows}


# --- drafts ----------------------------------------------------------------------------------------


async def insert_draft(conn: aiosqlite.Connection, values: dict[str, Any], now: datetime) -> int:
    columns = ["member_id", "entry_id", "minutes", "day", "category", "label", "activity_id", "claim_id"]
    cursor = await conn.execute(
        f"INSERT INTO hours_drafts ({', '.join(columns)}, created_at)"
        f" VALUES ({', '.join(':' + c for c in columns)}, :now)",
        {**{c: values.get(c) for c in columns}, "now": utc_text(now)},
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def draft(db: Database, draft_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {DRAFT_COLUMNS} FROM hours_drafts WHERE id = ?", (draft_id,))


async def draft_in(conn: aiosqlite.Connection, draft_id: int) -> sqlite3.Row | None:
    return await _one(conn, f"SELECT {DRAFT_COLUMNS} FROM hours_drafts WHERE id = ?", (draft_id,))


DRAFT_FIELDS = frozenset({"minutes", "day", "category"})


async def set_draft_field(conn: aiosqlite.Connection, draft_id: int, name: str, value: Any) -> bool:
    if name not in DRAFT_FIELDS:
        raise ValueError(name)
    cursor = await conn.execute(
        f"UPDATE hours_drafts SET {name} = ? WHERE id = ? AND used_at IS NULL", (value, draft_id)
    )
    return cursor.rowcount == 1


async def use_draft(conn: aiosqlite.Connection, draft_id: int, now: datetime) -> bool:
    """Mark the draft used; False when it already was (a double press)."""
    cursor = await conn.execute(
        "UPDATE hours_drafts SET used_at = ? WHERE id = ? AND used_at IS NULL",
        (utc_text(now), draft_id),
    )
    return cursor.rowcount == 1


async def delete_old_drafts(conn: aiosqlite.Connection, before: datetime) -> None:
    await conn.execute("DELETE FROM hours_drafts WHERE created_at < ?", (utc_text(before),))


# --- targets and away months -----------------------------------------------------------------------


async def target_minutes(db: Database, member_id: int) -> int | None:
    value = await db.fetch_value("SELECT minutes FROM hours_targets WHERE member_id = ?", (member_id,))
    return None if value is None else int(value)


async def all_target_minutes(db: Database) -> dict[int, int]:
    return {row[0]: int(row[1]) for row in await db.fetch_all("SELECT member_id, minutes FROM hours_targets")}


async def set_target(
    conn: aiosqlite.Connection, member_id: int, minutes: int | None, actor_id: int, now: datetime
) -> None:
    if minutes is None:
        await conn.execute("DELETE FROM hours_targets WHERE member_id = ?", (member_id,))
        return
    await conn.execute(
        "INSERT INTO hours_targets (member_id, minutes, set_by, set_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET minutes = excluded.minutes, set_by = excluded.set_by,"
        " set_at = excluded.set_at",
        (member_id, minutes, actor_id, utc_text(now)),
    )


async def is_away(db: Database, member_id: int, month: str) -> bool:
    return bool(
        await db.fetch_value("SELECT 1 FROM hours_away WHERE member_id = ? AND month = ?", (member_id, month))
    )


async def away_members(db: Database, month: str) -> set[int]:
    return {
        row[0] for row in await db.fetch_all("SELECT member_id FROM hours_away WHERE month = ?", (month,))
    }


async def away_months_of(db: Database, member_id: int) -> set[str]:
    rows = await db.fetch_all("SELECT month FROM hours_away WHERE member_id = ?", (member_id,))
    return {row[0] for row in rows}


async def set_away(conn: aiosqlite.Connection, member_id: int, month: str, away: bool, now: datetime) -> None:
    if away:
        await conn.execute(
            "INSERT OR IGNORE INTO hours_away (member_id, month, set_at) VALUES (?, ?, ?)",
            (member_id, month, utc_text(now)),
        )
    else:
        await conn.execute("DELETE FROM hours_away WHERE member_id = ? AND month = ?", (member_id, month))


# --- closed months and the audit trail -------------------------------------------------------------


async def is_closed(conn: aiosqlite.Connection, month: str) -> bool:
    return await _one(conn, "SELECT 1 FROM hours_closed_months WHERE month = ?", (month,)) is not None


async def is_closed_read(db: Database, month: str) -> bool:
    return bool(await db.fetch_value("SELECT 1 FROM hours_closed_months WHERE month = ?", (month,)))


async def close_month(conn: aiosqlite.Connection, month: str, actor_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO hours_closed_months (month, closed_by, closed_at) VALUES (?, ?, ?)",
        (month, actor_id, utc_text(now)),
    )
    return cursor.rowcount == 1


async def add_audit(
    conn: aiosqlite.Connection,
    *,
    month: str,
    actor_id: int,
    action: str,
    now: datetime,
    member_id: int | None = None,
    entry_id: int | None = None,
    before: str | None = None,
    after: str | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO hours_audit (month, actor_id, member_id, entry_id, action, before, after, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (month, actor_id, member_id, entry_id, action, before, after, utc_text(now)),
    )


async def audit_of_month(db: Database, month: str) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT month, actor_id, member_id, entry_id, action, before, after, at FROM hours_audit"
        " WHERE month = ? ORDER BY id",
        (month,),
    )


# --- prompts after a claimed task ------------------------------------------------------------------


async def insert_prompt(conn: aiosqlite.Connection, values: dict[str, Any], now: datetime) -> bool:
    """Record the question for this claim; False when it was asked before."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO hours_prompts"
        " (claim_id, member_id, activity_id, title, day, minutes, asked_at)"
        " VALUES (:claim_id, :member_id, :activity_id, :title, :day, :minutes, :now)",
        {**values, "now": utc_text(now)},
    )
    return cursor.rowcount == 1


async def prompt(db: Database, claim_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT claim_id, member_id, activity_id, title, day, minutes FROM hours_prompts WHERE claim_id = ?",
        (claim_id,),
    )


async def logged_claims(db: Database, claim_ids: list[int]) -> set[int]:
    if not claim_ids:
        return set()
    marks = ",".join("?" * len(claim_ids))
    rows = await db.fetch_all(
        f"SELECT claim_id FROM hours_prompts WHERE claim_id IN ({marks})"
        f" UNION SELECT claim_id FROM hours_entries WHERE claim_id IN ({marks})",
        (*claim_ids, *claim_ids),
    )
    return {row[0] for row in rows}


async def claim_logged(conn: aiosqlite.Connection, claim_id: int) -> bool:
    return await _one(conn, "SELECT 1 FROM hours_entries WHERE claim_id = ?", (claim_id,)) is not None
