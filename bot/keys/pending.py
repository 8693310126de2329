"""Key requests still waiting: the asker neither holds that key nor is it underway to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import inbox as sql
from storage.db import Database

RECENT = timedelta(days=14)  # an older request is taken as sorted out


@dataclass(frozen=True)
class PendingRequest:
    id: int
    key_id: int
    label: str
    member_id: int
    name: str
    note: str


async def pending_requests(db: Database, now: datetime) -> list[PendingRequest]:
    rows = await sql.open_key_requests(db, now - RECENT)
    return [
        PendingRequest(r["id"], r["key_id"], r["label"], r["member_id"], r["name"] or "?", r["note"])
        for r in rows
    ]
