"""Typed multi-step input (keys and budget): the step a member is on, kept in SQLite between messages.

Older than ``MAX_AGE`` a draft is forgotten, so a message typed days later is not read as an answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.clock import Clock
from storage import drafts as sql
from storage.db import Database, parse_utc

MAX_AGE = timedelta(hours=2)


@dataclass(frozen=True)
class Draft:
    feature: str
    step: str
    data: dict[str, Any]


class Drafts:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, member_id: int, feature: str) -> Draft | None:
        row = await sql.get(self._db, member_id)
        if row is None or row["feature"] != feature:
            return None
        updated = parse_utc(row["updated_at"])
        if updated is None or self._clock.now() - updated > MAX_AGE:
            return None
        return Draft(row["feature"], row["step"], json.loads(row["data"]))

    async def feature_of(self, member_id: int) -> str | None:
        """Which feature (keys or budget) has a half-typed step of this member, if any: one read."""
        row = await sql.get(self._db, member_id)
        return None if row is None else str(row["feature"])

    async def put(self, member_id: int, feature: str, step: str, **data: Any) -> None:
        await sql.put(self._db, member_id, feature, step, json.dumps(data), self._clock.now())

    async def clear(self, member_id: int, feature: str | None = None) -> None:
        """Forget a half-finished step. Called on every command and button, so it only writes when
        there is something to forget (a write transaction per update would cost a disk sync each)."""
        if await sql.exists(self._db, member_id, feature):
            await sql.clear(self._db, member_id, feature)
