"""SQL for the huiskamer keys: the register, its history, requests and who brings a key to an activity."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

KEY_COLUMNS = (
    "id, room, label, holder_id, pending_to_id, pending_by_id, pending_event_id, pending_since,"
    " reminded_at, created_at"
)


async def all_keys(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(f"SELECT {KEY_COLUMNS} FROM keys ORDER BY room, label COLLATE NOCASE, id")


async def by_id(db: Database, key_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {KEY_COLUMNS} FROM keys WHERE id = ?", (key_id,))


async def insert_key(conn: aiosqlite.Connection, room: str, label: str, now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO keys (room, label, created_at) VALUES (?, ?, ?)", (room, label, utc_text(now))
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def record_event(
    conn: aiosqlite.Connection,
    key_id: int,
    kind: str,
    now: datetime,
    *,
    from_id: int | None = None,
    to_id: int | None = None,
    actor_id: int | None = None,
) -> int:
    cursor = await conn.execute(
        "INSERT INTO key_events (key_id, kind, from_id, to_id, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)",
        (key_id, kind, from_id, to_id, actor_id, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def set_pending(
    conn: aiosqlite.Connection, key_id: int, to_id: int, by_id: int, event_id: int, now: datetime
) -> bool:
    """Start a hand-over, only when none is underway (a concurrent offer loses)."""
    cursor = await conn.execute(
        "UPDATE keys SET pending_to_id = ?, pending_by_id = ?, pending_event_id = ?, pending_since = ?,"
        " reminded_at = NULL WHERE id = ? AND pending_to_id IS NULL",
        (to_id, by_id, event_id, utc_text(now), key_id),
    )
    return cursor.rowcount == 1


async def confirm_pending(conn: aiosqlite.Connection, key_id: int, to_id: int, event_id: int) -> bool:
    cursor = await conn.execute(
        "UPDATE keys SET holder_id = pending_to_id, pending_to_id = NULL, pending_by_id = NULL,"
        " pending_event_id = NULL, pending_since = NULL, reminded_at = NULL"
        " WHERE id = ? AND pending_to_id = ? AND pending_event_id = ?",
        (key_id, to_id, event_id),
    )
    return cursor.rowcount == 1


async def clear_pending(conn: aiosqlite.Connection, key_id: int, to_id: int, event_id: int) -> bool:
    cursor = await conn.execute(
        "UPDATE keys SET pending_to_id = NULL, pending_by_id = NULL, pending_event_id = NULL,"
        " pending_since = NULL, reminded_at = NULL"
        " WHERE id = ? AND pending_to_id = ? AND pending_event_id = ?",
        (key_id, to_id, event_id),
    )
    return cursor.rowcount == 1


async def correct_holder(conn: aiosqlite.Connection, key_id: int, holder_id: int | None) -> None:
    """A coordinator's correction: the holder as given, any hand-over underway forgotten."""
    await conn.execute(
        "UPDATE keys SET holder_id = ?, pending_to_id = NULL, pending_by_id = NULL, pending_event_id = NULL,"
        " pending_since = NULL, reminded_at = NULL WHERE id = ?",
        (holder_id, key_id),
    )


async def history(db: Database, key_id: int, limit: int = 10) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT id, kind, from_id, to_id, actor_id, at FROM key_events WHERE key_id = ?"
        " ORDER BY id DESC LIMIT ?",
        (key_id, limit),
    )


async def overdue_handovers(db: Database, before: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {KEY_COLUMNS} FROM keys WHERE pending_since IS NOT NULL AND pending_since <= ?"
        " AND reminded_at IS NULL ORDER BY id",
        (utc_text(before),),
    )


async def mark_reminded(conn: aiosqlite.Connection, key_id: int, event_id: int, now: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE keys SET reminded_at = ? WHERE id = ? AND pending_event_id = ? AND reminded_at IS NULL",
        (utc_text(now), key_id, event_id),
    )
    return cursor.rowcount == 1


async def insert_request(
    conn: aiosqlite.Connection, key_id: int, member_id: int, activity_id: int | None, note: str, now: datetime
) -> int:
    cursor = await conn.execute(
        "INSERT INTO key_requests (key_id, member_id, activity_id, note, created_at) VALUES (?, ?, ?, ?, ?)",
        (key_id, member_id, activity_id, note, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def latest_request_activity(
    conn: aiosqlite.Connection, key_id: int, member_id: int, now: datetime
) -> int | None:
    """The activity of the member's newest request for this key, if that activity is still to come."""
    cursor = await conn.execute(
        "SELECT r.activity_id FROM key_requests r JOIN activities a ON a.id = r.activity_id"
        " WHERE r.key_id = ? AND r.member_id = ? AND a.starts_at > ? AND a.status = 'planned'"
        " ORDER BY r.id DESC LIMIT 1",
        (key_id, member_id, utc_text(now)),
    )
    row = await cursor.fetchone()
    return None if row is None else row[0]


async def holder_of(conn: aiosqlite.Connection, key_id: int) -> int | None:
    cursor = await conn.execute("SELECT holder_id FROM keys WHERE id = ?", (key_id,))
    row = await cursor.fetchone()
    return None if row is None else row[0]


async def activity_organiser(db: Database, activity_id: int) -> int | None:
    return await db.fetch_optional_int("SELECT organiser_id FROM activities WHERE id = ?", (activity_id,))


async def key_bringer(db: Database, activity_id: int) -> int | None:
    return await db.fetch_optional_int(
        "SELECT member_id FROM activity_key_bringers WHERE activity_id = ?", (activity_id,)
    )


async def set_key_bringer(
    conn: aiosqlite.Connection, activity_id: int, member_id: int | None, now: datetime
) -> None:
    if member_id is None:
        await conn.execute("DELETE FROM activity_key_bringers WHERE activity_id = ?", (activity_id,))
        return
    await conn.execute(
        "INSERT INTO activity_key_bringers (activity_id, member_id, set_at) VALUES (?, ?, ?)"
        " ON CONFLICT (activity_id) DO UPDATE SET member_id = excluded.member_id, set_at = excluded.set_at",
        (activity_id, member_id, utc_text(now)),
    )


async def held_by_in(conn: aiosqlite.Connection, member_id: int) -> list[sqlite3.Row]:
    async with conn.execute(
        f"SELECT {KEY_COLUMNS} FROM keys WHERE holder_id = ? ORDER BY room, label COLLATE NOCASE, id",
        (member_id,),
    ) as cursor:
        return list(await cursor.fetchall())


async def held_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {KEY_COLUMNS} FROM keys WHERE holder_id = ? ORDER BY room, label COLLATE NOCASE, id",
        (member_id,),
    )


async def cancel_hand_overs_of(conn: aiosqlite.Connection, member_id: int) -> None:
    """Hand-overs to or by the member are off: the key stays where it is."""
    await conn.execute(
        "UPDATE keys SET pending_to_id = NULL, pending_by_id = NULL, pending_event_id = NULL,"
        " pending_since = NULL, reminded_at = NULL WHERE ? IN (pending_to_id, pending_by_id)",
        (member_id,),
    )


async def offered_by_in(conn: aiosqlite.Connection, key_id: int) -> int | None:
    """Who started the hand-over underway (the holder, or a coordinator)."""
    cursor = await conn.execute("SELECT pending_by_id FROM keys WHERE id = ?", (key_id,))
    row = await cursor.fetchone()
    return None if row is None else row[0]
