"""SQL for activities, their series and their tasks."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

ACTIVITY_COLUMNS = (
    "a.id, a.title, a.description, a.place, a.starts_at, a.ends_at, a.audience, a.needs_key,"
    " a.organiser_id, a.status, a.series_id, a.occurrence, a.group_message_id, a.cancel_reason"
)


async def insert_series(conn: aiosqlite.Connection, rule: str, created_by: int, now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO activity_series (rule, created_by, created_at) VALUES (?, ?, ?)",
        (rule, created_by, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def insert_activity(
    conn: aiosqlite.Connection,
    *,
    title: str,
    description: str,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    audience: str,
    needs_key: bool,
    organiser_id: int,
    series_id: int | None,
    occurrence: int | None,
    now: datetime,
) -> int:
    cursor = await conn.execute(
        "INSERT INTO activities (title, description, place, starts_at, ends_at, audience, needs_key,"
        " organiser_id, series_id, occurrence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            description,
            place,
            utc_text(starts_at),
            utc_text(ends_at),
            audience,
            int(needs_key),
            organiser_id,
            series_id,
            occurrence,
            utc_text(now),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def insert_task(
    conn: aiosqlite.Connection, activity_id: int, title: str, places: int, position: int
) -> int:
    cursor = await conn.execute(
        "INSERT INTO tasks (activity_id, title, places, position) VALUES (?, ?, ?, ?)",
        (activity_id, title, places, position),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def by_id(db: Database, activity_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {ACTIVITY_COLUMNS} FROM activities a WHERE a.id = ?", (activity_id,))


async def starting_between(db: Database, start: datetime, end: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        f"SELECT {ACTIVITY_COLUMNS} FROM activities a WHERE a.starts_at >= ? AND a.starts_at < ?"
        " ORDER BY a.starts_at, a.id",
        (utc_text(start), utc_text(end)),
    )


async def all_activities(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(f"SELECT {ACTIVITY_COLUMNS} FROM activities a ORDER BY a.starts_at, a.id")


async def overlapping_in_room(
    conn: aiosqlite.Connection,
    places: tuple[str, ...],
    start: datetime,
    end: datetime,
    exclude_id: int | None,
) -> sqlite3.Row | None:
    """The first planned activity at one of ``places`` (the rooms wanted, and "both rooms") whose time
    overlaps [start, end)."""
    marks = ", ".join("?" for _ in places)
    async with conn.execute(
        f"SELECT {ACTIVITY_COLUMNS} FROM activities a WHERE a.place IN ({marks}) AND a.status = 'planned'"
        " AND a.starts_at < ? AND a.ends_at > ? AND a.id != ? ORDER BY a.starts_at LIMIT 1",
        (*places, utc_text(end), utc_text(start), exclude_id or 0),
    ) as cursor:
        return await cursor.fetchone()


async def tasks_of(db: Database, activity_id: int, now: datetime) -> list[sqlite3.Row]:
    """Tasks with ``taken``: claims plus places held for a waitlist offer that has not expired."""
    return await db.fetch_all(
        "SELECT t.id, t.activity_id, t.title, t.places,"
        " (SELECT count(*) FROM claims c WHERE c.task_id = t.id)"
        " + (SELECT count(*) FROM waitlist w WHERE w.task_id = t.id AND w.status = 'offered'"
        "    AND w.offer_expires_at > ?) AS taken"
        " FROM tasks t WHERE t.activity_id = ? ORDER BY t.position, t.id",
        (utc_text(now), activity_id),
    )


async def task_by_id(db: Database, task_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT id, activity_id, title, places FROM tasks WHERE id = ?",
        (task_id,),
    )


async def claimers_of(db: Database, activity_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT c.id AS claim_id, c.task_id, c.member_id,"
        " CASE WHEN m.status = 'active' THEN m.display_name END AS display_name FROM claims c"
        " JOIN tasks t ON t.id = c.task_id JOIN members m ON m.id = c.member_id"
        " WHERE t.activity_id = ? ORDER BY c.claimed_at, c.id",
        (activity_id,),
    )


async def open_tasks(db: Database, start: datetime, end: datetime, now: datetime) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT * FROM (SELECT t.id AS task_id, t.title AS task_title, a.id AS activity_id,"
        " a.title AS activity_title, a.starts_at, a.ends_at, a.place,"
        " t.places - (SELECT count(*) FROM claims c WHERE c.task_id = t.id)"
        " - (SELECT count(*) FROM waitlist w WHERE w.task_id = t.id AND w.status = 'offered'"
        "    AND w.offer_expires_at > ?) AS places_left"
        " FROM tasks t JOIN activities a ON a.id = t.activity_id"
        " WHERE a.status = 'planned' AND a.starts_at >= ? AND a.starts_at < ?)"
        " WHERE places_left > 0 ORDER BY starts_at, task_id",
        (utc_text(now), utc_text(start), utc_text(end)),
    )


async def cancel(conn: aiosqlite.Connection, activity_id: int, now: datetime, reason: str = "") -> bool:
    cursor = await conn.execute(
        "UPDATE activities SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?"
        " WHERE id = ? AND status = 'planned'",
        (utc_text(now), reason, activity_id),
    )
    return cursor.rowcount == 1


async def move(conn: aiosqlite.Connection, activity_id: int, start: datetime, end: datetime) -> None:
    await conn.execute(
        "UPDATE activities SET starts_at = ?, ends_at = ? WHERE id = ?",
        (utc_text(start), utc_text(end), activity_id),
    )


async def set_place(conn: aiosqlite.Connection, activity_id: int, place: str, needs_key: bool) -> None:
    await conn.execute(
        "UPDATE activities SET place = ?, needs_key = ? WHERE id = ?", (place, int(needs_key), activity_id)
    )


async def set_title(conn: aiosqlite.Connection, activity_id: int, title: str) -> None:
    await conn.execute("UPDATE activities SET title = ? WHERE id = ?", (title, activity_id))


async def set_description(conn: aiosqlite.Connection, activity_id: int, description: str) -> None:
    await conn.execute("UPDATE activities SET description = ? WHERE id = ?", (description, activity_id))


async def set_task_places(conn: aiosqlite.Connection, task_id: int, places: int) -> None:
    await conn.execute("UPDATE tasks SET places = ? WHERE id = ?", (places, task_id))


async def delete_task(conn: aiosqlite.Connection, task_id: int) -> None:
    """A task nobody holds; old waitlist rows (expired, declined) go with it."""
    await conn.execute("DELETE FROM waitlist WHERE task_id = ?", (task_id,))
    await conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))


async def next_task_position(conn: aiosqlite.Connection, activity_id: int) -> int:
    async with conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE activity_id = ?", (activity_id,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def told_of_change_in(
    conn: aiosqlite.Connection, activity_id: int
) -> tuple[sqlite3.Row | None, list[int]]:
    """The activity as it is now inside the caller's transaction, and who is on it (organiser first)."""
    async with conn.execute(
        "SELECT title, starts_at, ends_at, place, organiser_id FROM activities WHERE id = ?", (activity_id,)
    ) as cursor:
        activity = await cursor.fetchone()
    async with conn.execute(
        "SELECT DISTINCT c.member_id FROM claims c JOIN tasks t ON t.id = c.task_id"
        " WHERE t.activity_id = ? ORDER BY c.member_id",
        (activity_id,),
    ) as cursor:
        claimers = [int(row[0]) for row in await cursor.fetchall()]
    return activity, claimers


async def created_since(db: Database, organiser_id: int, since: datetime) -> int:
    """Activities this member made since then; a series counts once."""
    return await db.fetch_int(
        "SELECT count(DISTINCT coalesce('s' || series_id, 'a' || id)) FROM activities"
        " WHERE organiser_id = ? AND created_at >= ?",
        (organiser_id, utc_text(since)),
    )
