"""SQL for the welcome story, buddies and what a member is about to type."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import aiosqlite

from storage import conversations
from storage.db import Database, utc_text

# --- welcome progress -------------------------------------------------------------------------------


async def welcome_progress(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT member_id, round, step, state, finished_at FROM welcome_progress WHERE member_id = ?",
        (member_id,),
    )


async def save_welcome(
    conn: aiosqlite.Connection, member_id: int, round_: int, step: int, state: str, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO welcome_progress (member_id, round, step, state, started_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET round = excluded.round, step = excluded.step,"
        " state = excluded.state, updated_at = excluded.updated_at",
        (member_id, round_, step, state, utc_text(now), utc_text(now)),
    )


async def mark_welcome_finished(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE welcome_progress SET finished_at = COALESCE(finished_at, ?) WHERE member_id = ?",
        (utc_text(now), member_id),
    )


# --- pending input ----------------------------------------------------------------------------------


# The member's conversation (storage/conversations.py) in flow 'wegwijs': the step is the kind of text
# expected ('welcome', 'faq_question', 'answer'), the draft holds ref and text.


async def pending(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT step AS kind, json_extract(draft, '$.ref') AS ref, json_extract(draft, '$.text') AS text"
        " FROM conversations WHERE member_id = ? AND flow = 'wegwijs'",
        (member_id,),
    )


async def set_pending(
    conn: aiosqlite.Connection, member_id: int, kind: str, ref: int | None, text: str | None, now: datetime
) -> None:
    await conversations.put(conn, member_id, "wegwijs", kind, json.dumps({"ref": ref, "text": text}), now)


async def forget_pending_text(conn: aiosqlite.Connection, member_id: int) -> None:
    """The typed question was forwarded: keep the step, drop the text (a second press finds nothing)."""
    await conn.execute(
        "UPDATE conversations SET draft = json_set(draft, '$.text', NULL)"
        " WHERE member_id = ? AND flow = 'wegwijs'",
        (member_id,),
    )


async def clear_pending(conn: aiosqlite.Connection, member_id: int, kind: str | None = None) -> None:
    if kind is None:
        await conn.execute("DELETE FROM conversations WHERE member_id = ? AND flow = 'wegwijs'", (member_id,))
    else:
        await conn.execute(
            "DELETE FROM conversations WHERE member_id = ? AND flow = 'wegwijs' AND step = ?",
            (member_id, kind),
        )


# --- newcomers overview -----------------------------------------------------------------------------


async def newcomers_since(db: Database, since: datetime) -> list[sqlite3.Row]:
    """Active members who joined since ``since``, with their welcome and buddy state."""
    return await db.fetch_all(
        "SELECT m.id, m.display_name, m.joined_at, w.finished_at AS welcome_finished_at,"
        " b.status AS buddy_status, buddy.display_name AS buddy_name"
        " FROM members m"
        " LEFT JOIN welcome_progress w ON w.member_id = m.id"
        " LEFT JOIN buddy_requests b ON b.newcomer_id = m.id AND b.status IN ('open', 'paired')"
        " LEFT JOIN members buddy ON buddy.id = b.buddy_id"
        " WHERE m.status = 'active' AND m.joined_at >= ?"
        " ORDER BY m.joined_at DESC, m.id",
        (utc_text(since),),
    )
