"""The visitor counts part of /mijngegevens and /vergeetmij: counts stay, who reported them goes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import report as sql
from storage.db import Database


async def export_visitors(db: Database, member_id: int) -> dict[str, Any]:
    return {"visitor_counts_you_gave": [dict(row) for row in await sql.reported_by(db, member_id)]}


async def erase_visitors(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.forget_reporter(conn, member_id)


SECTION = PrivacySection("visitors", export_visitors, erase_visitors, tables=("activity_visitors",))
