"""SQL for privacy rights: the member's own rows, erasure, and which tables point at a member."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

# Columns that hold a member id even where no FOREIGN KEY says so.
MEMBER_COLUMN_NAMES = ("member_id", "organiser_id", "actor_id")


async def member_row(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT telegram_id, display_name, language, status, is_coordinator, joined_at, removed_at"
        " FROM members WHERE id = ?",
        (member_id,),
    )


async def member_events(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT kind, at, actor_id FROM member_events WHERE member_id = ? ORDER BY at, id", (member_id,)
    )


async def mark_erased(conn: aiosqlite.Connection, member_id: int, now: datetime) -> bool:
    """Claim the erasure: False when the member is already erased (or does not exist)."""
    cursor = await conn.execute(
        "UPDATE members SET status = 'erased', removed_at = COALESCE(removed_at, ?)"
        " WHERE id = ? AND status != 'erased'",
        (utc_text(now), member_id),
    )
    return cursor.rowcount == 1


async def erase_member_details(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute(
        "UPDATE members SET telegram_id = NULL, display_name = NULL, is_coordinator = 0 WHERE id = ?",
        (member_id,),
    )


async def record_erased(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO member_events (member_id, kind, at) VALUES (?, 'erased', ?)", (member_id, utc_text(now))
    )


async def tables_referencing_members(db: Database) -> dict[str, list[str]]:
    """Every table with a column that holds a member id: by foreign key or by name (``*_member_id``...)."""
    tables = [
        row[0]
        for row in await db.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    found: dict[str, list[str]] = {}
    for table in tables:
        columns: set[str] = set()
        for fk in await db.fetch_all("SELECT * FROM pragma_foreign_key_list(?)", (table,)):
            if fk["table"] == "members":
                columns.add(fk["from"])
        for column in await db.fetch_all("SELECT name FROM pragma_table_info(?)", (table,)):
            name = column["name"]
            if name in MEMBER_COLUMN_NAMES or name.endswith("_member_id"):
                columns.add(name)
        if table == "members":
            columns.add("id")
        if columns:
            found[table] = sorted(columns)
    return found
