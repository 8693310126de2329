"""SQL for the hours part of a member's data: entries, drafts, target, away months, prompts, audit."""

from __future__ import annotations

import sqlite3

import aiosqlite

from storage.db import Database


async def entries_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    # activity_id is a plain integer (no foreign key): the title is looked up when the activity exists.
    return await db.fetch_all(
        "SELECT e.day, e.month, e.minutes, e.category, e.label, a.title AS activity, e.created_at,"
        " e.updated_at FROM hours_entries e LEFT JOIN activities a ON a.id = e.activity_id"
        " WHERE e.member_id = ? ORDER BY e.day, e.id",
        (member_id,),
    )


async def drafts_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT day, minutes, category, label, created_at, used_at FROM hours_drafts"
        " WHERE member_id = ? ORDER BY id",
        (member_id,),
    )


async def target_of(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT minutes, set_at, set_by IS NOT NULL AND set_by != member_id AS by_coordinator"
        " FROM hours_targets WHERE member_id = ?",
        (member_id,),
    )


async def away_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT month, set_at FROM hours_away WHERE member_id = ? ORDER BY month", (member_id,)
    )


async def prompts_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT title AS activity, day, minutes, asked_at FROM hours_prompts WHERE member_id = ?"
        " ORDER BY asked_at, claim_id",
        (member_id,),
    )


async def audit_about(db: Database, member_id: int) -> list[sqlite3.Row]:
    """Changes to the member's entries in closed months (without who made them: that is someone else)."""
    return await db.fetch_all(
        "SELECT month, action, before, after, at, actor_id = member_id AS by_you FROM hours_audit"
        " WHERE member_id = ? ORDER BY id",
        (member_id,),
    )


async def acts_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    """What the member did as a coordinator: months closed, targets set, entries changed for others."""
    return await db.fetch_all(
        "SELECT month, action, at FROM hours_audit WHERE actor_id = ?"
        " AND (member_id IS NULL OR member_id != actor_id) ORDER BY id",
        (member_id,),
    )


async def targets_set_by(db: Database, member_id: int) -> int:
    return int(
        await db.fetch_value(
            "SELECT count(*) FROM hours_targets WHERE set_by = ? AND member_id != ?", (member_id, member_id)
        )
        or 0
    )


async def drop_entry_labels(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("UPDATE hours_entries SET label = NULL WHERE member_id = ?", (member_id,))


async def delete_drafts(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM hours_drafts WHERE member_id = ?", (member_id,))


async def delete_target_and_away(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM hours_targets WHERE member_id = ?", (member_id,))
    await conn.execute("UPDATE hours_targets SET set_by = NULL WHERE set_by = ?", (member_id,))
    await conn.execute("DELETE FROM hours_away WHERE member_id = ?", (member_id,))


async def delete_prompts(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM hours_prompts WHERE member_id = ?", (member_id,))


async def drop_audit_labels(conn: aiosqlite.Connection, member_id: int) -> None:
    """The audit keeps minutes and days of the member's entries, not the free-text labels."""
    for column in ("before", "after"):
        await conn.execute(
            f"UPDATE hours_audit SET {column} = json_remove({column}, '$.label')"
            f" WHERE member_id = ? AND json_valid({column})",
            (member_id,),
        )
