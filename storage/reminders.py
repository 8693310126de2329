"""SQL for reminders: the once-only ledger and each member's on/off switches per kind."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text


async def add_to_ledger(
    conn: aiosqlite.Connection, key: str, member_id: int, kind: str, now: datetime
) -> bool:
    """True when the key is new (the reminder may go); False when it went before."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO reminder_ledger (key, member_id, kind, queued_at) VALUES (?, ?, ?, ?)",
        (key, member_id, kind, utc_text(now)),
    )
    return cursor.rowcount == 1


async def known_keys(db: Database, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = await db.fetch_all(f"SELECT key FROM reminder_ledger WHERE key IN ({marks})", chunk)
        found.update(row["key"] for row in rows)
    return found


async def prefs(db: Database, member_id: int) -> dict[str, bool]:
    rows = await db.fetch_all("SELECT kind, enabled FROM reminder_prefs WHERE member_id = ?", (member_id,))
    return {row["kind"]: bool(row["enabled"]) for row in rows}


async def all_prefs(db: Database) -> dict[tuple[int, str], bool]:
    rows = await db.fetch_all("SELECT member_id, kind, enabled FROM reminder_prefs")
    return {(row["member_id"], row["kind"]): bool(row["enabled"]) for row in rows}


async def set_pref(conn: aiosqlite.Connection, member_id: int, kind: str, enabled: bool) -> None:
    await conn.execute(
        "INSERT INTO reminder_prefs (member_id, kind, enabled) VALUES (?, ?, ?)"
        " ON CONFLICT (member_id, kind) DO UPDATE SET enabled = excluded.enabled",
        (member_id, kind, int(enabled)),
    )
