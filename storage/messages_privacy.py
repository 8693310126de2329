"""SQL for the messages part of a member's data: the outbox, announcements, read receipts, reminders."""

from __future__ import annotations

import sqlite3

import aiosqlite

from storage.db import Database

UNSENT = ("queued", "sending")


async def outbox_to(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT kind, status, text, created_at, updated_at FROM outbox WHERE member_id = ? ORDER BY id",
        (member_id,),
    )


async def announcements_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT text, audience, status, recipients, created_at, sent_at FROM announcements"
        " WHERE author_id = ? ORDER BY id",
        (member_id,),
    )


async def reads_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT r.read_at, substr(a.text, 1, 80) AS announcement FROM announcement_reads r"
        " JOIN announcements a ON a.id = r.announcement_id WHERE r.member_id = ? ORDER BY r.read_at",
        (member_id,),
    )


async def reminders_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT kind, queued_at FROM reminder_ledger WHERE member_id = ? ORDER BY queued_at", (member_id,)
    )


async def prefs_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT kind, enabled FROM reminder_prefs WHERE member_id = ? ORDER BY kind", (member_id,)
    )


async def erase_outbox(conn: aiosqlite.Connection, member_id: int) -> None:
    """Unsent messages to the member are dropped; sent ones keep only kind, status and times (for the
    delivery counts of announcements), without text, buttons, photo, error or the chat (= Telegram id)."""
    mine = "SELECT id FROM outbox WHERE member_id = ?"
    await conn.execute(
        f"UPDATE outbox SET edit_of = NULL WHERE edit_of IN ({mine} AND status IN ('queued', 'sending'))",
        (member_id,),
    )
    await conn.execute(
        "DELETE FROM outbox WHERE member_id = ? AND status IN ('queued', 'sending')", (member_id,)
    )
    await conn.execute(
        "UPDATE outbox SET text = '', buttons = NULL, photo = NULL, last_error = NULL, chat_id = 0"
        " WHERE member_id = ?",
        (member_id,),
    )


async def erase_announcements(conn: aiosqlite.Connection, member_id: int) -> None:
    # Drafts and cancelled drafts were never sent: they have no reads and no outbox rows.
    await conn.execute(
        "DELETE FROM announcements WHERE author_id = ? AND status IN ('draft', 'cancelled')"
        " AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = announcements.id)",
        (member_id,),
    )
    await conn.execute("DELETE FROM announcement_reads WHERE member_id = ?", (member_id,))


async def erase_reminders(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM reminder_ledger WHERE member_id = ?", (member_id,))
    await conn.execute("DELETE FROM reminder_prefs WHERE member_id = ?", (member_id,))
