"""The messages part of /mijngegevens and /vergeetmij: outbox, announcements, read receipts, reminders.

Erasing drops what only concerns the person: messages still waiting to be sent to them, the texts of
messages sent to them, their read receipts, reminder history and reminder settings, and announcement
drafts they never sent. Announcements they sent stay: they were the group's messages, now from an
anonymous coordinator (``announcements.author_id`` is NOT NULL and points at the anonymous row).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import messages_privacy as sql
from storage.db import Database


async def export_messages(db: Database, member_id: int) -> dict[str, Any]:
    return {
        "messages_to_you": [dict(row) for row in await sql.outbox_to(db, member_id)],
        "announcements_written": [dict(row) for row in await sql.announcements_by(db, member_id)],
        "announcements_read": [dict(row) for row in await sql.reads_of(db, member_id)],
        "reminders_sent": [dict(row) for row in await sql.reminders_of(db, member_id)],
        "reminder_settings": {row["kind"]: bool(row["enabled"]) for row in await sql.prefs_of(db, member_id)},
    }


async def erase_messages(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    # Sent outbox rows stay without text or chat id: announcements' delivery counts keep adding up.
    await sql.erase_outbox(conn, member_id)
    await sql.erase_announcements(conn, member_id)
    await sql.erase_reminders(conn, member_id)


SECTION = PrivacySection(
    "messages",
    export_messages,
    erase_messages,
    tables=("outbox", "announcements", "announcement_reads", "reminder_ledger", "reminder_prefs"),
)
