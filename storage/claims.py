"""SQL for claims on tasks and the waitlist: the one atomic claim step lives here."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

CLAIM_SUMMARY = (
    "SELECT c.id AS claim_id, t.id AS task_id, t.title AS task_title, a.id AS activity_id,"
    " a.title AS activity_title, a.starts_at, a.ends_at, a.place, c.member_id"
    " FROM claims c JOIN tasks t ON t.id = c.task_id JOIN activities a ON a.id = t.activity_id"
)


async def try_claim(conn: aiosqlite.Connection, task_id: int, member_id: int, now: datetime) -> bool:
    """Claim a place in ONE statement: only when the activity is planned, ahead, and a place is free.

    Places held for someone else's open waitlist offer count as taken; the member's own offer does not.
    The UNIQUE (task_id, member_id) makes a second press a no-op.
    """
    stamp = utc_text(now)
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO claims (task_id, member_id, claimed_at)"
        " SELECT t.id, ?, ? FROM tasks t JOIN activities a ON a.id = t.activity_id"
        " WHERE t.id = ? AND a.status = 'planned' AND a.starts_at > ?"
        " AND (SELECT count(*) FROM claims c WHERE c.task_id = t.id)"
        "   + (SELECT count(*) FROM waitlist w WHERE w.task_id = t.id AND w.status = 'offered'"
        "      AND w.offer_expires_at > ? AND w.member_id != ?) < t.places",
        (member_id, stamp, task_id, stamp, stamp, member_id),
    )
    return cursor.rowcount == 1


async def claim_state(conn: aiosqlite.Connection, task_id: int, member_id: int) -> sqlite3.Row | None:
    """Why a claim did not happen: the activity's status and start, and whether this member has it."""
    async with conn.execute(
        "SELECT a.status, a.starts_at,"
        " EXISTS (SELECT 1 FROM claims c WHERE c.task_id = t.id AND c.member_id = ?) AS mine"
        " FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE t.id = ?",
        (member_id, task_id),
    ) as cursor:
        return await cursor.fetchone()


async def claim_by_id(conn: aiosqlite.Connection, claim_id: int) -> sqlite3.Row | None:
    async with conn.execute(f"{CLAIM_SUMMARY} WHERE c.id = ?", (claim_id,)) as cursor:
        return await cursor.fetchone()


async def delete_claim(conn: aiosqlite.Connection, claim_id: int) -> None:
    await conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))


async def upcoming_for_member(db: Database, member_id: int, now: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"{CLAIM_SUMMARY} WHERE c.member_id = ? AND a.status = 'planned' AND a.ends_at > ?"
        " ORDER BY a.starts_at, t.position",
        (member_id, utc_text(now)),
    )


async def all_for_member(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"{CLAIM_SUMMARY} WHERE c.member_id = ? AND a.status = 'planned' ORDER BY a.starts_at",
        (member_id,),
    )


async def ending_between(db: Database, start: datetime, end: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"{CLAIM_SUMMARY} WHERE a.status = 'planned' AND a.ends_at >= ? AND a.ends_at < ?"
        " ORDER BY a.ends_at, c.id",
        (utc_text(start), utc_text(end)),
    )


async def member_ids_on(db: Database, activity_id: int) -> list[int]:
    rows = await db.fetch_all(
        "SELECT DISTINCT c.member_id FROM claims c JOIN tasks t ON t.id = c.task_id"
        " WHERE t.activity_id = ? ORDER BY c.member_id",
        (activity_id,),
    )
    return [row[0] for row in rows]


# --- waitlist --------------------------------------------------------------------------------------


async def join_waitlist(conn: aiosqlite.Connection, task_id: int, member_id: int, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO waitlist (task_id, member_id, joined_at) VALUES (?, ?, ?)"
        " ON CONFLICT (task_id, member_id) DO UPDATE SET status = 'waiting', joined_at = excluded.joined_at,"
        " offered_at = NULL, offer_expires_at = NULL WHERE waitlist.status IN ('expired', 'declined')",
        (task_id, member_id, utc_text(now)),
    )


async def waitlist_position(conn: aiosqlite.Connection, task_id: int, member_id: int) -> int:
    async with conn.execute(
        "SELECT count(*) FROM waitlist w WHERE w.task_id = ? AND w.status = 'waiting'"
        " AND w.joined_at <= (SELECT joined_at FROM waitlist WHERE task_id = ? AND member_id = ?)",
        (task_id, task_id, member_id),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def free_places(conn: aiosqlite.Connection, task_id: int, now: datetime) -> int:
    async with conn.execute(
        "SELECT t.places - (SELECT count(*) FROM claims c WHERE c.task_id = t.id)"
        " - (SELECT count(*) FROM waitlist w WHERE w.task_id = t.id AND w.status = 'offered'"
        "    AND w.offer_expires_at > ?) FROM tasks t WHERE t.id = ?",
        (utc_text(now), task_id),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def first_waiting(conn: aiosqlite.Connection, task_id: int) -> sqlite3.Row | None:
    async with conn.execute(
        "SELECT id, member_id FROM waitlist WHERE task_id = ? AND status = 'waiting'"
        " ORDER BY joined_at, id LIMIT 1",
        (task_id,),
    ) as cursor:
        return await cursor.fetchone()


async def mark_offered(conn: aiosqlite.Connection, entry_id: int, now: datetime, expires: datetime) -> None:
    await conn.execute(
        "UPDATE waitlist SET status = 'offered', offered_at = ?, offer_expires_at = ? WHERE id = ?",
        (utc_text(now), utc_text(expires), entry_id),
    )


async def open_offer(
    conn: aiosqlite.Connection, task_id: int, member_id: int, now: datetime
) -> sqlite3.Row | None:
    async with conn.execute(
        "SELECT id FROM waitlist WHERE task_id = ? AND member_id = ? AND status = 'offered'"
        " AND offer_expires_at > ?",
        (task_id, member_id, utc_text(now)),
    ) as cursor:
        return await cursor.fetchone()


async def remove_entry(conn: aiosqlite.Connection, entry_id: int) -> None:
    await conn.execute("DELETE FROM waitlist WHERE id = ?", (entry_id,))


async def set_entry_status(conn: aiosqlite.Connection, entry_id: int, status: str) -> None:
    await conn.execute("UPDATE waitlist SET status = ? WHERE id = ?", (status, entry_id))


async def expired_offers(conn: aiosqlite.Connection, now: datetime) -> list[sqlite3.Row]:
    async with conn.execute(
        "SELECT id, task_id, member_id FROM waitlist WHERE status = 'offered' AND offer_expires_at <= ?",
        (utc_text(now),),
    ) as cursor:
        return list(await cursor.fetchall())


async def task_start(conn: aiosqlite.Connection, task_id: int) -> sqlite3.Row | None:
    async with conn.execute(
        "SELECT a.starts_at, a.status FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE t.id = ?",
        (task_id,),
    ) as cursor:
        return await cursor.fetchone()


async def leave_waitlist(conn: aiosqlite.Connection, task_id: int, member_id: int) -> None:
    await conn.execute("DELETE FROM waitlist WHERE task_id = ? AND member_id = ?", (task_id, member_id))


async def task_summary_in(conn: aiosqlite.Connection, task_id: int) -> sqlite3.Row | None:
    """What a notice about a place on this task needs to say, read inside the caller's transaction."""
    async with conn.execute(
        "SELECT t.id AS task_id, t.title AS task_title, a.id AS activity_id, a.title AS activity_title,"
        " a.starts_at, a.ends_at, a.organiser_id"
        " FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE t.id = ?",
        (task_id,),
    ) as cursor:
        return await cursor.fetchone()


async def upcoming_claims_in(conn: aiosqlite.Connection, member_id: int, now: datetime) -> list[sqlite3.Row]:
    """The member's places on planned activities that have not started yet (a leaver gives these back)."""
    async with conn.execute(
        f"{CLAIM_SUMMARY} WHERE c.member_id = ? AND a.status = 'planned' AND a.starts_at > ?"
        " ORDER BY a.starts_at, t.position",
        (member_id, utc_text(now)),
    ) as cursor:
        return list(await cursor.fetchall())


async def organiser_of_in(conn: aiosqlite.Connection, activity_id: int) -> int | None:
    async with conn.execute("SELECT organiser_id FROM activities WHERE id = ?", (activity_id,)) as cursor:
        row = await cursor.fetchone()
    return None if row is None else int(row[0])


async def leave_all_waitlists(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM waitlist WHERE member_id = ?", (member_id,))
