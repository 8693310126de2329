"""Generated volunteer hours for the benchmark histories.

Every member present in a month logs about ten hours in a handful of entries (on most days someone
logs), about seven in ten of their finished claimed tasks as linked entries (``claim_id``/``activity_id``),
one month in twenty away, every month before last month closed, and a few own targets.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import aiosqlite
from _history_activities import AMSTERDAM, present_members

from storage.db import parse_utc, utc_text

CATEGORIES = ("activity", "preparation", "one_to_one", "meeting", "other")
LABELS = ("Boodschappen voor buurvrouw", "Overleg", "Flyers rondbrengen", "Taalmaatje", None, None)


def _months(first: date, last: date) -> list[date]:
    result, month = [], first.replace(day=1)
    while month <= last:
        result.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return result


async def hours_history(
    conn: aiosqlite.Connection, member_ids: list[int], start: datetime, end: datetime, rng: random.Random
) -> None:
    members = await present_members(conn)
    today = end.astimezone(AMSTERDAM).date()
    first = start.astimezone(AMSTERDAM).date()
    async with conn.execute(
        "SELECT c.id, c.member_id, a.id, a.starts_at, a.ends_at FROM claims c"
        " JOIN tasks t ON t.id = c.task_id JOIN activities a ON a.id = t.activity_id"
        " WHERE a.status = 'planned' AND a.ends_at <= ?",
        (utc_text(end),),
    ) as cursor:
        finished = await cursor.fetchall()
    claimed: dict[tuple[int, str], list[tuple[int, int, date, int]]] = {}
    for claim_id, member_id, activity_id, starts, ends in finished:
        day = parse_utc(starts).astimezone(AMSTERDAM).date()
        minutes = int((parse_utc(ends) - parse_utc(starts)).total_seconds() // 60)
        claimed.setdefault((member_id, day.strftime("%Y-%m")), []).append(
            (claim_id, activity_id, day, minutes)
        )

    entries, away, closed = [], [], []
    last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    coordinators = member_ids[:3]
    for month_start in _months(first, today):
        month = month_start.strftime("%Y-%m")
        month_end = min(today, (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        for member_id, joined, removed in members:
            lo = max(month_start, first, joined.astimezone(AMSTERDAM).date())
            hi = month_end if removed is None else min(month_end, removed.astimezone(AMSTERDAM).date())
            if lo > hi:
                continue
            if rng.random() < 0.05:
                away.append(
                    (member_id, month, utc_text(datetime.combine(lo, datetime.min.time(), AMSTERDAM)))
                )
                continue
            span = (hi - lo).days + 1
            budget = round(600 * span / 30 * rng.uniform(0.6, 1.4))
            for claim_id, activity_id, day, minutes in claimed.get((member_id, month), []):
                if rng.random() < 0.7:
                    entries.append((member_id, day, month, minutes, "activity", None, activity_id, claim_id))
                    budget -= minutes
            while budget > 0:
                minutes = rng.choice((30, 60, 60, 90, 120, 120, 180))
                day = lo + timedelta(days=rng.randrange(span))
                entries.append(
                    (member_id, day, month, minutes, rng.choice(CATEGORIES), rng.choice(LABELS), None, None)
                )
                budget -= minutes
        if month < last_month:
            closed_at = datetime.combine(month_end + timedelta(days=10), datetime.min.time(), AMSTERDAM)
            closed.append((month, rng.choice(coordinators), utc_text(closed_at)))
    rows = []
    for member_id, day, month, minutes, category, label, activity_id, claim_id in entries:
        created = datetime.combine(day, datetime.min.time(), AMSTERDAM) + timedelta(
            hours=rng.randrange(8, 23)
        )
        rows.append(
            (
                member_id,
                day.isoformat(),
                month,
                minutes,
                category,
                label,
                activity_id,
                claim_id,
                utc_text(min(created, end)),
            )
        )
    await conn.executemany(
        "INSERT INTO hours_entries (member_id, day, month, minutes, category, label, activity_id, claim_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    await conn.executemany("INSERT INTO hours_away (member_id, month, set_at) VALUES (?, ?, ?)", away)
    await conn.executemany(
        "INSERT INTO hours_closed_months (month, closed_by, closed_at) VALUES (?, ?, ?)", closed
    )
    await conn.executemany(
        "INSERT INTO hours_audit (month, actor_id, action, at) VALUES (?, ?, 'close', ?)", closed
    )
    targets = [(i, rng.choice((240, 480, 900)), coordinators[0], utc_text(end)) for i in member_ids[3:60:7]]
    await conn.executemany(
        "INSERT INTO hours_targets (member_id, minutes, set_by, set_at) VALUES (?, ?, ?, ?)", targets
    )
