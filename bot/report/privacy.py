"""The visitor counts and activity photos part of /mijngegevens and /vergeetmij: counts stay, who
reported them goes; the photos a member sent go with them (rows and files)."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import report as sql
from storage import report_photos as photos_sql
from storage.db import Database


async def export_visitors(db: Database, member_id: int) -> dict[str, Any]:
    return {
        "visitor_counts_you_gave": [dict(row) for row in await sql.reported_by(db, member_id)],
        "activity_photos_you_sent": [dict(row) for row in await photos_sql.uploaded_by(db, member_id)],
    }


async def erase_visitors(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.forget_reporter(conn, member_id)
    folder = Path(await photos_sql.database_folder(conn)).parent
    for name in await photos_sql.delete_uploaded_by(conn, member_id):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


SECTION = PrivacySection(
    "visitors", export_visitors, erase_visitors, tables=("activity_visitors", "activity_photos")
)
