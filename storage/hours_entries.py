"""SQL for the hours CSV with one row per entry (the month totals are in storage/hours.py)."""

from __future__ import annotations

import sqlite3

from storage.db import Database


async def entries_of_month(db: Database, month: str) -> list[sqlite3.Row]:
    """Every entry of the month with its member's name (NULL once erased) and activity title."""
    return await db.fetch_all(
        "SELECT e.day, e.minutes, e.category, e.label, m.display_name AS name, m.status AS member_status,"
        " a.title AS activity FROM hours_entries e JOIN members m ON m.id = e.member_id"
        " LEFT JOIN activities a ON a.id = e.activity_id"
        " WHERE e.month = ? ORDER BY e.day, m.display_name COLLATE NOCASE, e.id",
        (month,),
    )
