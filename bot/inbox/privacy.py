"""The replies part of /mijngegevens and /vergeetmij.

A member's replies to announcements are free text: erasing deletes them. Answers a coordinator gave stay
with the member who got them, without the coordinator's name. /open's handled marks hold no person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import replies as sql
from storage.db import Database


async def export_replies(db: Database, member_id: int) -> dict[str, Any]:
    return {
        "replies_to_announcements": [dict(row) for row in await sql.export_of(db, member_id)],
        "answers_you_gave": [dict(row) for row in await sql.answers_by(db, member_id)],
    }


async def erase_replies(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.erase(conn, member_id)


SECTION = PrivacySection(
        "replies",
        export_replies,
        erase_replies,
        tables=("announcement_replies", "reply_answering"),
    )
