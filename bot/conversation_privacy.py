"""The conversation part of /mijngegevens and /vergeetmij: a half-finished step is shown, then deleted."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import conversations as sql
from storage.db import Database


async def export_conversation(db: Database, member_id: int) -> list[Any]:
    return [{**dict(row), "draft": json.loads(row["draft"])} for row in await sql.export(db, member_id)]


async def erase_conversation(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.clear(conn, member_id)


SECTION = PrivacySection(
    "unfinished_steps", export_conversation, erase_conversation, tables=("conversations",)
)
