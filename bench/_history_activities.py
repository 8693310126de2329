"""Generated activities with tasks, claims and waitlist rows for the benchmark histories.

About ten activities a month: recurring ones as yearly series (huiskamers and elsewhere) plus one-offs,
1-3 tasks of 1-8 places each, most places filled, some waitlist rows, a few activities cancelled. The
span runs four weeks past ``end`` so the agenda and /mijn have something ahead in every history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from storage.db import parse_utc, utc_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
AHEAD = timedelta(days=28)


@dataclass(frozen=True)
class Kind:
    title: str
    place: str
    audience: str
    weekday: int  # Monday 0
    start: time
    hours: float
    every_weeks: int  # 1 weekly, 2 biweekly, 0 monthly (first such weekday)
    tasks: tuple[str, ...]


KINDS = (
    Kind("Spelletjesavond", "huiskamer6", "adults", 3, time(19, 0), 2.5, 2, ("Opzetten", "Koffie en thee")),
    Kind("Breiclub", "huiskamer7", "everyone", 1, time(14, 0), 2, 2, ("Gastvrouw",)),
    Kind("Huiswerkbegeleiding", "huiskamer7", "children", 0, time(15, 30), 1.5, 2, ("Begeleiding",)),
    Kind("Kinderatelier", "huiskamer6", "children", 2, time(14, 0), 2.5, 0, ("Begeleiding", "Opruimen")),
    Kind("Zwerfafval prikken", "voor de flat", "everyone", 5, time(10, 0), 2, 0, ("Prikken", "Materiaal")),
    Kind("Regenboogcafé", "huiskamer7", "adults", 4, time(20, 0), 3, 0, ("Bar", "Muziek", "Opruimen")),
)
ONE_OFFS = (
    ("Zinvol gesprek", "huiskamer6", "adults"),
    ("Koffiemoment", "de galerij bij portiek 3", "everyone"),
    ("Minibieb opruimen", "hal portiek 6", "everyone"),
)


def _days(first: date, last: date, kind: Kind) -> list[date]:
    """The local days in [first, last] on which ``kind`` happens."""
    day = first + timedelta(days=(kind.weekday - first.weekday()) % 7)
    if kind.every_weeks:
        step = timedelta(weeks=kind.every_weeks)
        result = []
        while day <= last:
            result.append(day)
            day += step
        return result
    return [d for d in _weekly(day, last) if d.day <= 7]


def _weekly(day: date, last: date) -> list[date]:
    result = []
    while day <= last:
        result.append(day)
        day += timedelta(weeks=1)
    return result


def _utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, AMSTERDAM).astimezone(UTC)


async def present_members(conn: aiosqlite.Connection) -> list[tuple[int, datetime, datetime | None]]:
    """(id, joined, removed) of every member whose data still exists (erased members left nothing)."""
    async with conn.execute(
        "SELECT id, joined_at, removed_at FROM members WHERE status != 'erased' ORDER BY id"
    ) as cursor:
        rows = await cursor.fetchall()
    return [(r[0], parse_utc(r[1]), parse_utc(r[2]) if r[2] else None) for r in rows]


def present_at(members: list[tuple[int, datetime, datetime | None]], at: datetime) -> list[int]:
    return [i for i, joined, removed in members if joined <= at and (removed is None or removed > at)]


async def activities_and_claims(
    conn: aiosqlite.Connection, member_ids: list[int], start: datetime, end: datetime, rng: random.Random
) -> None:
    members = await present_members(conn)
    coordinators = member_ids[:3]
    first, last = start.astimezone(AMSTERDAM).date(), (end + AHEAD).astimezone(AMSTERDAM).date()
    planned: list[tuple[datetime, Kind | None, str, str, str, float, int | None, int | None]] = []
    # Recurring kinds: one series per kind per calendar year (people set them up again each January).
    series_rows = []
    for year in range(first.year, last.year + 1):
        year_first, year_last = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        for kind in KINDS:
            days = _days(year_first, year_last, kind)
            if not days:
                continue
            rule = {1: "weekly", 2: "biweekly", 0: "monthly_nth"}[kind.every_weeks]
            created = _utc(days[0], time(9)) - timedelta(days=14)
            series_rows.append((rule, rng.choice(coordinators), utc_text(created)))
            series_id = len(series_rows)  # filled below once ids are known
            for n, day in enumerate(days, start=1):
                planned.append(
                    (
                        _utc(day, kind.start),
                        kind,
                        kind.title,
                        kind.place,
                        kind.audience,
                        kind.hours,
                        series_id,
                        n,
                    )
                )
    # One-offs: about one a month, and a Christmas dinner every December.
    day = first
    while day <= last:
        if rng.random() < 1 / 30:
            title, place, audience = rng.choice(ONE_OFFS)
            planned.append(
                (_utc(day, time(rng.choice((10, 14, 19)))), None, title, place, audience, 2, None, None)
            )
        if day.month == 12 and day.day == 20:
            planned.append((_utc(day, time(17)), None, "Kerstdiner", "huiskamer6", "everyone", 4, None, None))
        day += timedelta(days=1)

    async with conn.execute("SELECT COALESCE(MAX(id), 0) FROM activity_series") as cursor:
        series_base = (await cursor.fetchone())[0]
    await conn.executemany(
        "INSERT INTO activity_series (rule, created_by, created_at) VALUES (?, ?, ?)", series_rows
    )
    async with conn.execute("SELECT COALESCE(MAX(id), 0) FROM activities") as cursor:
        activity_id = (await cursor.fetchone())[0]
    async with conn.execute("SELECT COALESCE(MAX(id), 0) FROM tasks") as cursor:
        task_id = (await cursor.fetchone())[0]

    activities, tasks, claims, waitlist = [], [], [], []
    planned.sort(key=lambda p: p[0])
    for starts, kind, title, place, audience, hours, series, occurrence in planned:
        present = present_at(members, starts) or [i for i, _, _ in members[:3]]
        activity_id += 1
        ends = starts + timedelta(hours=hours)
        created = starts - timedelta(days=rng.randrange(7, 40))
        cancelled = rng.random() < 0.05
        activities.append(
            (
                activity_id,
                title,
                place,
                utc_text(starts),
                utc_text(ends),
                audience,
                int(place.startswith("huiskamer")),
                rng.choice(present),
                "cancelled" if cancelled else "planned",
                series_base + series if series else None,
                occurrence,
                utc_text(created),
                utc_text(starts - timedelta(days=rng.randrange(1, 5))) if cancelled else None,
            )
        )
        names = kind.tasks if kind else ("Helpen",)
        for position, name in enumerate(names[: rng.randint(1, 3)]):
            task_id += 1
            places = rng.randint(1, 8)
            tasks.append((task_id, activity_id, name, places, position))
            ahead = starts > end
            filled = min(len(present), round(places * rng.uniform(0.5 if ahead else 0.7, 1.0)))
            takers = rng.sample(present, filled + min(2, len(present) - filled))
            for member_id in takers[:filled]:
                claimed = max(created, starts - timedelta(days=rng.randrange(1, 30), hours=rng.randrange(24)))
                claims.append((task_id, member_id, utc_text(min(claimed, end))))
            if filled == places:  # full: now and then someone on the waitlist
                for member_id in takers[filled:]:
                    if rng.random() < 0.3:
                        joined = utc_text(min(end, starts - timedelta(days=1)))
                        if ahead:
                            waitlist.append((task_id, member_id, joined, "waiting", None, None))
                        else:
                            status = rng.choice(("expired", "declined"))
                            offered = utc_text(starts - timedelta(hours=20))
                            expires = utc_text(starts - timedelta(hours=8))
                            waitlist.append((task_id, member_id, joined, status, offered, expires))
    await conn.executemany(
        "INSERT INTO activities (id, title, place, starts_at, ends_at, audience, needs_key, organiser_id,"
        " status, series_id, occurrence, created_at, cancelled_at)"
        f" VALUES ({', '.join('?' * 13)})",
        activities,
    )
    await conn.executemany(
        "INSERT INTO tasks (id, activity_id, title, places, position) VALUES (?, ?, ?, ?, ?)", tasks
    )
    await conn.executemany("INSERT INTO claims (task_id, member_id, claimed_at) VALUES (?, ?, ?)", claims)
    await conn.executemany(
        "INSERT INTO waitlist (task_id, member_id, joined_at, status, offered_at, offer_expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        waitlist,
    )
