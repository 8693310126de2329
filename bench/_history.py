"""Generated histories for the benchmarks: one month, or ten years, of a group like Buren voor Buren.

Features merged later add their own generator to ``GENERATORS`` (activities with tasks and claims, hours
on most days, ...); each gets the open database, the member ids and the time span.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
from _history_activities import activities_and_claims
from _history_hours import hours_history

from storage.db import Database, utc_text

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ACTIVE_MEMBERS = 60
FIRST_TELEGRAM_ID = 7_000_000
NAMES = ["Anna", "Karim", "Sanne", "Yusuf", "Lotte", "Fatima", "Daan", "Mila", "Omar", "Noor", "Sem", "Aylin"]

Generator = Callable[[aiosqlite.Connection, list[int], datetime, datetime, random.Random], Awaitable[None]]
GENERATORS: list[Generator] = []


async def members_and_events(
    conn: aiosqlite.Connection, member_ids: list[int], start: datetime, end: datetime, rng: random.Random
) -> None:
    """60 active members now; over the years others came and went (removed, some erased)."""
    days = max(1, (end - start).days)
    churned = int(days / 365 * 40)  # about 40 people a year come and go
    total = ACTIVE_MEMBERS + churned
    for n in range(total):
        active = n < ACTIVE_MEMBERS
        # Today's members were all there for the last month; those who left, left before today.
        span = days - 30 if active else days
        joined = start + timedelta(days=rng.randrange(max(1, span)), hours=rng.randrange(24))
        status = "active" if active else rng.choice(["removed", "removed", "erased"])
        telegram_id = FIRST_TELEGRAM_ID + n if status != "erased" else None
        name = f"{rng.choice(NAMES)} {n}" if status != "erased" else None
        left = joined + timedelta(days=rng.randrange(30, 900))
        left = max(joined + timedelta(days=1), min(end - timedelta(days=rng.randrange(1, 45)), left))
        removed = None if active else utc_text(min(end, left))
        cursor = await conn.execute(
            "INSERT INTO members (telegram_id, display_name, language, status, is_coordinator, joined_at,"
            " removed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                telegram_id,
                name,
                rng.choice(["nl", "nl", "en"]),
                status,
                int(active and n < 3),
                utc_text(joined),
                removed,
            ),
        )
        member_id = cursor.lastrowid
        assert member_id is not None
        member_ids.append(member_id)
        events = [("joined", joined)]
        for _ in range(rng.randrange(0, 3)):
            events.append(
                (rng.choice(["coordinator_added", "coordinator_removed"]), joined + timedelta(days=1))
            )
        if not active:
            events.append(("removed", joined + timedelta(days=30)))
            if status == "erased":
                events.append(("erased", joined + timedelta(days=31)))
        await conn.executemany(
            "INSERT INTO member_events (member_id, kind, at) VALUES (?, ?, ?)",
            [(member_id, kind, utc_text(at)) for kind, at in events],
        )


GENERATORS.append(members_and_events)
GENERATORS.append(activities_and_claims)
GENERATORS.append(hours_history)


async def build(path: Path, *, years: float) -> Database:
    """A database at ``path`` holding ``years`` of history ending now (1/12: one month)."""
    db = await Database.open(path)
    rng = random.Random(2026)
    start = NOW - timedelta(days=round(365 * years))
    member_ids: list[int] = []
    for generate in GENERATORS:
        async with db.transaction() as conn:
            await generate(conn, member_ids, start, NOW, rng)
    async with db.transaction() as conn:
        await conn.execute("ANALYZE")
    return db
