"""SQL for the outbox: one row per message to one chat, with its delivery state."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Database, utc_text

PENDING = "('queued', 'sending')"


async def insert(conn: aiosqlite.Connection, row: dict[str, Any], now: datetime) -> int | None:
    """Add a message unless its dedupe key was used before; the new row's id, or None."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO outbox (chat_id, member_id, kind, batch, dedupe_key, text, buttons, photo,"
        " edit_of, pin, priority, not_before, created_at, updated_at)"
        " VALUES (:chat_id, :member_id, :kind, :batch, :dedupe_key, :text, :buttons, :photo, :edit_of,"
        " :pin, :priority, :not_before, :now, :now)",
        {"not_before": None, **row, "now": utc_text(now)},
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


async def id_by_key(conn: aiosqlite.Connection, dedupe_key: str) -> int | None:
    async with conn.execute("SELECT id FROM outbox WHERE dedupe_key = ?", (dedupe_key,)) as cursor:
        row = await cursor.fetchone()
    return None if row is None else int(row[0])


async def upsert_edit(conn: aiosqlite.Connection, row: dict[str, Any], now: datetime) -> None:
    """One pending edit per key: later changes overwrite the text of an edit not yet sent (batching)."""
    await conn.execute(
        "INSERT INTO outbox (chat_id, member_id, kind, batch, dedupe_key, text, buttons, photo, edit_of,"
        " pin, priority, created_at, updated_at)"
        " VALUES (:chat_id, :member_id, :kind, :batch, :dedupe_key, :text, :buttons, :photo, :edit_of,"
        " 0, :priority, :now, :now)"
        " ON CONFLICT (dedupe_key) DO UPDATE SET text = excluded.text, buttons = excluded.buttons,"
        " status = 'queued', attempts = 0, next_attempt_at = NULL, updated_at = excluded.updated_at",
        {**row, "now": utc_text(now)},
    )


async def candidates(db: Database, limit: int, now: datetime) -> list[sqlite3.Row]:
    """Queued rows in sending order (not those kept for the morning), with the message id an edit row
    must change."""
    return await db.fetch_all(
        "SELECT o.*, target.sent_message_id AS target_message_id, target.status AS target_status"
        " FROM outbox o LEFT JOIN outbox target ON target.id = o.edit_of"
        " WHERE o.status = 'queued' AND (o.not_before IS NULL OR o.not_before <= ?)"
        " ORDER BY o.priority, o.id LIMIT ?",
        (utc_text(now), limit),
    )


async def mark_sending(conn: aiosqlite.Connection, outbox_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?"
        " WHERE id = ? AND status = 'queued'",
        (utc_text(now), outbox_id),
    )
    return cursor.rowcount == 1


async def blank_text(conn: aiosqlite.Connection, outbox_id: int) -> None:
    await conn.execute("UPDATE outbox SET text = '', buttons = NULL WHERE id = ?", (outbox_id,))


async def delete(conn: aiosqlite.Connection, outbox_id: int) -> None:
    await conn.execute("DELETE FROM outbox WHERE id = ?", (outbox_id,))


async def mark_sent(
    conn: aiosqlite.Connection, outbox_id: int, message_id: int | None, now: datetime
) -> None:
    # Only a row still 'sending': an edit whose text changed meanwhile was re-queued and goes again.
    await conn.execute(
        "UPDATE outbox SET status = 'sent', sent_message_id = COALESCE(?, sent_message_id),"
        " last_error = NULL, updated_at = ? WHERE id = ? AND status = 'sending'",
        (message_id, utc_text(now), outbox_id),
    )


async def mark_final(
    conn: aiosqlite.Connection, outbox_id: int, status: str, error: str, now: datetime
) -> None:
    await conn.execute(
        "UPDATE outbox SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'",
        (status, error[:500], utc_text(now), outbox_id),
    )


async def requeue(
    conn: aiosqlite.Connection,
    outbox_id: int,
    next_attempt_at: datetime,
    error: str,
    now: datetime,
    *,
    count_attempt: bool = True,
) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ?,"
        " attempts = attempts - ? WHERE id = ? AND status = 'sending'",
        (utc_text(next_attempt_at), error[:500], utc_text(now), 0 if count_attempt else 1, outbox_id),
    )


async def recover(conn: aiosqlite.Connection, now: datetime) -> int:
    """After a crash: what was in flight goes again (it may have been delivered: at most once twice)."""
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'queued', updated_at = ? WHERE status = 'sending'", (utc_text(now),)
    )
    return cursor.rowcount


async def pending_count(db: Database, batch: str | None = None, *, due_by: datetime | None = None) -> int:
    """Rows not yet delivered; with ``due_by``: only those that may go by then (not kept for later)."""
    if due_by is not None:
        return await db.fetch_int(
            f"SELECT count(*) FROM outbox WHERE status IN {PENDING}"
            " AND (not_before IS NULL OR not_before <= ?)",
            (utc_text(due_by),),
        )
    if batch is None:
        return await db.fetch_int(f"SELECT count(*) FROM outbox WHERE status IN {PENDING}")
    return await db.fetch_int(
        f"SELECT count(*) FROM outbox WHERE batch = ? AND status IN {PENDING}", (batch,)
    )


async def batch_status_counts(db: Database, batch: str, kind: str) -> dict[str, int]:
    rows = await db.fetch_all(
        "SELECT status, count(*) AS n FROM outbox WHERE batch = ? AND kind = ? GROUP BY status",
        (batch, kind),
    )
    return {row["status"]: row["n"] for row in rows}


async def batch_members(db: Database, batch: str, kind: str, status: str) -> list[int]:
    rows = await db.fetch_all(
        "SELECT member_id FROM outbox WHERE batch = ? AND kind = ? AND status = ? AND member_id IS NOT NULL"
        " ORDER BY id",
        (batch, kind, status),
    )
    return [row["member_id"] for row in rows]


async def by_key(db: Database, dedupe_key: str) -> sqlite3.Row | None:
    return await db.fetch_one("SELECT * FROM outbox WHERE dedupe_key = ?", (dedupe_key,))
