"""SQL for what a member is in the middle of typing (keys and budget flows): one draft per member."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.db import Database, utc_text


async def get(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT feature, step, data, updated_at FROM keybudget_drafts WHERE member_id = ?", (member_id,)
    )


async def put(db: Database, member_id: int, feature: str, step: str, data: str, now: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO keybudget_drafts (member_id, feature, step, data, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (member_id) DO UPDATE SET feature = excluded.feature, step = excluded.step,"
            " data = excluded.data, updated_at = excluded.updated_at",
            (member_id, feature, step, data, utc_text(now)),
        )


async def exists(db: Database, member_id: int, feature: str | None = None) -> bool:
    if feature is None:
        row = await db.fetch_one("SELECT 1 FROM keybudget_drafts WHERE member_id = ?", (member_id,))
    else:
        row = await db.fetch_one(
            "SELECT 1 FROM keybudget_drafts WHERE member_id = ? AND feature = ?", (member_id, feature)
        )
    return row is not None


async def clear(db: Database, member_id: int, feature: str | None = None) -> None:
    async with db.transaction() as conn:
        if feature is None:
            await conn.execute("DELETE FROM keybudget_drafts WHERE member_id = ?", (member_id,))
        else:
            await conn.execute(
                "DELETE FROM keybudget_drafts WHERE member_id = ? AND feature = ?", (member_id, feature)
            )
