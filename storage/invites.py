"""SQL for the invite code kept in the database (see bot/members/invites.py)."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database, utc_text


async def stored(db: Database) -> str | None:
    code = await db.fetch_value("SELECT code FROM invite_code WHERE id = 1")
    return None if code is None else str(code)


async def store(db: Database, code: str, now: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO invite_code (id, code, created_at) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET code = excluded.code, created_at = excluded.created_at",
            (code, utc_text(now)),
        )
