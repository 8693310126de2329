"""The activities part of /mijngegevens and /vergeetmij: claims, waitlist places, organised activities.

Erasing gives back every place on an activity that has not started (the place frees up; the handler
then offers freed places to the waitlist with ``Claims.offer_free_places``, after the erasure committed,
because an offer must reach the next person as a message). Past claims stay: they are the group's history
and point at the erased, now anonymous members row. Activities and series the member organised stay too,
with the anonymous member as organiser.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import activities_privacy as sql
from storage.db import Database


async def export_activities(db: Database, member_id: int) -> dict[str, Any]:
    return {
        "claims": [dict(row) for row in await sql.claims_of(db, member_id)],
        "waitlist": [dict(row) for row in await sql.waitlist_of(db, member_id)],
        "organised": [dict(row) for row in await sql.organised_by(db, member_id)],
        "series_created": [dict(row) for row in await sql.series_by(db, member_id)],
    }


async def erase_activities(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    # Upcoming claims: given back, the place is free again. Past claims: kept, anonymous (group history).
    await sql.delete_upcoming_claims(conn, member_id, now)
    # Waiting in line only makes sense with the person; an open offer's held place is released too.
    await sql.delete_waitlist_of(conn, member_id)
    # activities.organiser_id and activity_series.created_by are NOT NULL and carry nothing personal
    # once the members row is anonymous: the activities stay, organised by "a former member".


SECTION = PrivacySection(
    "activities",
    export_activities,
    erase_activities,
    tables=("activities", "activity_series", "claims", "waitlist"),
)
