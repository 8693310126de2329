"""SQL for replies to announcements and the coordinator's answers to them."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

COLUMNS = (
    "r.id, r.announcement_id, r.member_id, r.status, r.text, r.started_at, r.sent_at, r.answer,"
    " r.answered_by, r.answered_at, a.text AS announcement_text, a.author_id"
)
FROM = "announcement_replies r JOIN announcements a ON a.id = r.announcement_id"


async def was_sent_to(db: Database, batch: str, kind: str, member_id: int) -> bool:
    """Only someone who got the announcement can reply to it (buttons can be forged)."""
    row = await db.fetch_one(
        "SELECT 1 FROM outbox WHERE batch = ? AND kind = ? AND member_id = ?", (batch, kind, member_id)
    )
    return row is not None


async def start(conn: aiosqlite.Connection, announcement_id: int, member_id: int, now: datetime) -> int:
    """A new reply waiting for its text; an older one still waiting is dropped (one at a time)."""
    await conn.execute(
        "DELETE FROM announcement_replies WHERE member_id = ? AND status = 'typing'", (member_id,)
    )
    cursor = await conn.execute(
        "INSERT INTO announcement_replies (announcement_id, member_id, status, started_at)"
        " VALUES (?, ?, 'typing', ?)",
        (announcement_id, member_id, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def typing_of(db: Database, member_id: int, since: datetime) -> sqlite3.Row | None:
    return await db.fetch_one(
        f"SELECT {COLUMNS} FROM {FROM} WHERE r.member_id = ? AND r.status = 'typing' AND r.started_at >= ?"
        " ORDER BY r.id DESC LIMIT 1",
        (member_id, utc_text(since)),
    )


async def has_typing(db: Database, member_id: int) -> bool:
    row = await db.fetch_one(
        "SELECT 1 FROM announcement_replies WHERE member_id = ? AND status = 'typing'", (member_id,)
    )
    return row is not None


async def drop_typing(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute(
        "DELETE FROM announcement_replies WHERE member_id = ? AND status = 'typing'", (member_id,)
    )


async def send(conn: aiosqlite.Connection, reply_id: int, text: str, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE announcement_replies SET status = 'open', text = ?, sent_at = ?"
        " WHERE id = ? AND status = 'typing'",
        (text, utc_text(now), reply_id),
    )
    return cursor.rowcount == 1


async def by_id(db: Database, reply_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {COLUMNS} FROM {FROM} WHERE r.id = ?", (reply_id,))


async def open_replies(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {COLUMNS}, m.display_name AS name FROM {FROM} JOIN members m ON m.id = r.member_id"
        " WHERE r.status = 'open' AND m.status = 'active' ORDER BY r.sent_at, r.id"
    )


async def thread(db: Database, announcement_id: int, member_id: int) -> list[sqlite3.Row]:
    """Everything this member and the coordinators said about one announcement, oldest first."""
    return await db.fetch_all(
        f"SELECT {COLUMNS} FROM {FROM} WHERE r.announcement_id = ? AND r.member_id = ?"
        " AND r.status != 'typing' ORDER BY r.sent_at, r.id",
        (announcement_id, member_id),
    )


async def answer(conn: aiosqlite.Connection, reply_id: int, text: str, by: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE announcement_replies SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?"
        " WHERE id = ? AND status = 'open'",
        (text, by, utc_text(now), reply_id),
    )
    return cursor.rowcount == 1


async def start_answering(
    conn: aiosqlite.Connection, coordinator_id: int, reply_id: int, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO reply_answering (coordinator_id, reply_id, since) VALUES (?, ?, ?)"
        " ON CONFLICT (coordinator_id) DO UPDATE SET reply_id = excluded.reply_id, since = excluded.since",
        (coordinator_id, reply_id, utc_text(now)),
    )


async def answering(db: Database, coordinator_id: int, since: datetime) -> int | None:
    value = await db.fetch_value(
        "SELECT reply_id FROM reply_answering WHERE coordinator_id = ? AND since >= ?",
        (coordinator_id, utc_text(since)),
    )
    return None if value is None else int(value)


async def has_answering(db: Database, coordinator_id: int) -> bool:
    row = await db.fetch_one("SELECT 1 FROM reply_answering WHERE coordinator_id = ?", (coordinator_id,))
    return row is not None


async def stop_answering(conn: aiosqlite.Connection, coordinator_id: int) -> None:
    await conn.execute("DELETE FROM reply_answering WHERE coordinator_id = ?", (coordinator_id,))


# Privacy: a member's replies and the answers they gave.


async def export_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT announcement_id, status, text, sent_at, answer, answered_at FROM announcement_replies"
        " WHERE member_id = ? ORDER BY id",
        (member_id,),
    )


async def answers_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT announcement_id, answer, answered_at FROM announcement_replies WHERE answered_by = ?"
        " ORDER BY id",
        (member_id,),
    )


async def erase(conn: aiosqlite.Connection, member_id: int) -> None:
    """Their replies (free text) go; answers they gave stay with the other member, without their name."""
    await conn.execute(
        "DELETE FROM reply_answering WHERE coordinator_id = ?"
        " OR reply_id IN (SELECT id FROM announcement_replies WHERE member_id = ?)",
        (member_id, member_id),
    )
    await conn.execute("DELETE FROM announcement_replies WHERE member_id = ?", (member_id,))
    await conn.execute(
        "UPDATE announcement_replies SET answered_by = NULL WHERE answered_by = ?", (member_id,)
    )
