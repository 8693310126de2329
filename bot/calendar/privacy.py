"""The calendar feeds part of /mijngegevens and /vergeetmij: the feeds are deleted (tokens not exported)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import calendar_feeds as sql
from storage.db import Database


async def export_feeds(db: Database, member_id: int) -> dict[str, Any]:
    return {"calendar_feeds": [dict(row) for row in await sql.export_of(db, member_id)]}


async def erase_feeds(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.erase(conn, member_id)


SECTION = PrivacySection("calendar_feeds", export_feeds, erase_feeds)
