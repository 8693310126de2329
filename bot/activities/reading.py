"""What the activity use cases read in common: an activity, its detail, who is on it, and whether a
huiskamer is free (both creating and editing refuse a double booking the same way)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.activities.errors import ActivityNotFound, RoomTaken
from bot.activities.models import Activity, ActivityDetail, Task, activity_from_row, first_name
from bot.rooms import places_using, rooms_of
from storage import activities as sql
from storage import claims as claims_sql
from storage.db import Database


async def read_activity(db: Database, activity_id: int) -> Activity:
    """The activity (``ActivityNotFound`` when there is none)."""
    row = await sql.by_id(db, activity_id)
    if row is None:
        raise ActivityNotFound()
    return activity_from_row(row)


async def read_detail(db: Database, activity_id: int, now: datetime) -> ActivityDetail:
    """An activity's detail read through ``db`` (``Database.within(conn)`` inside a use case)."""
    row = await sql.by_id(db, activity_id)
    if row is None:
        raise ActivityNotFound()
    claimers = await sql.claimers_of(db, activity_id)
    tasks = []
    for task in await sql.tasks_of(db, activity_id, now):
        mine = [c for c in claimers if c["task_id"] == task["id"]]
        tasks.append(
            Task(
                id=task["id"],
                activity_id=activity_id,
                title=task["title"],
                places=task["places"],
                taken=task["taken"],
                names=tuple(first_name(c["display_name"]) for c in mine),
                member_ids=tuple(c["member_id"] for c in mine),
            )
        )
    return ActivityDetail(activity_from_row(row), tuple(tasks))


async def people_on(db: Database, activity_id: int) -> list[int]:
    """Member ids with a claim on the activity, plus the organiser (no duplicates)."""
    activity = await read_activity(db, activity_id)
    ids = await claims_sql.member_ids_on(db, activity_id)
    return [activity.organiser_id, *[i for i in ids if i != activity.organiser_id]]


async def activity_in_room(
    conn: aiosqlite.Connection, place: str, start: datetime, end: datetime, exclude: int | None
) -> Activity | None:
    """The planned activity (other than ``exclude``) in that huiskamer then, or in either for both."""
    row = await sql.overlapping_in_room(conn, places_using(rooms_of(place)), start, end, exclude)
    return activity_from_row(row) if row else None


async def check_room_free(
    conn: aiosqlite.Connection,
    tz: ZoneInfo,
    place: str,
    start: datetime,
    end: datetime,
    exclude: int | None,
) -> None:
    """``RoomTaken`` when a planned activity (other than ``exclude``) has that huiskamer then."""
    other = await activity_in_room(conn, place, start, end, exclude)
    if other is not None:
        local = other.starts_at.astimezone(tz)
        raise RoomTaken(
            activity_id=other.id,
            title=other.title,
            # Numbers only: readable in every language the flat speaks (the error has no reader).
            when=f"{local:%d-%m} {local:%H:%M}–{other.ends_at.astimezone(tz):%H:%M}",
        )
