"""Growth: the same queries and commands on ten years of history against one month. Target ≤1.5×.

Two views: the core SQL (timed directly with stdlib sqlite3, with its EXPLAIN QUERY PLAN, to spot full
scans) and, end to end through the real bot and the simulator, every command a coordinator can type
without arguments plus /agenda, /mijn, /uren and its "Mijn maand" button for a volunteer; both people
have claims ahead and hours this month in both histories.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _history import FIRST_TELEGRAM_ID, NOW, build
from _history_activities import AMSTERDAM
from _report import exit_code, info, no_full_scan, ratio

from bot.clock import ManualClock
from bot.hours.models import add_months
from bot.members.service import Role
from burenbot.telegram_app import all_commands
from storage import activities as activity_sql
from storage import claims as claim_sql
from storage import conversations as conversation_sql
from storage import hours as hours_sql
from storage import members as member_sql
from storage import privacy as privacy_sql
from storage.db import Database, utc_text
from telesim import RateLimits
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import START, make_config

TARGET = 1.5
REPEAT = 400
COMMAND_REPEAT = 25
SKIP_COMMANDS = {"start"}
THIS_MONTH = NOW.astimezone(AMSTERDAM).strftime("%Y-%m")
TABLES = ("members", "member_events", "activities", "tasks", "claims", "waitlist", "hours_entries")


@dataclass(frozen=True)
class Subjects:
    """Who is measured in one history: an active volunteer and coordinator with claims ahead and hours."""

    volunteer: int
    coordinator: int
    activity: int  # the first upcoming activity (its detail is what /agenda builds per line)


async def subjects(db: Database) -> Subjects:
    async def pick(coordinator: int) -> int:
        value = await db.fetch_value(
            "SELECT m.id FROM members m WHERE m.status = 'active' AND m.is_coordinator = ?"
            " AND EXISTS (SELECT 1 FROM claims c JOIN tasks t ON t.id = c.task_id"
            "   JOIN activities a ON a.id = t.activity_id"
            "   WHERE c.member_id = m.id AND a.status = 'planned' AND a.starts_at > ?)"
            " AND EXISTS (SELECT 1 FROM hours_entries h WHERE h.member_id = m.id AND h.month = ?)"
            " ORDER BY m.id LIMIT 1",
            (coordinator, utc_text(NOW), THIS_MONTH),
        )
        assert value is not None, "the generated history has nobody with claims ahead and hours"
        return int(value)

    activity = await db.fetch_value(
        "SELECT id FROM activities WHERE starts_at > ? ORDER BY starts_at LIMIT 1", (utc_text(NOW),)
    )
    return Subjects(await pick(0), await pick(1), int(activity))


Query = Callable[[Database, Subjects], Awaitable[object]]
# name -> (call, SQL shown with EXPLAIN QUERY PLAN, its parameters). Features add their core queries here.
QUERIES: dict[str, tuple[Query, str, Callable[[Subjects], tuple[object, ...]]]] = {
    "gate: member and conversation by telegram id (every update)": (
        lambda db, s: conversation_sql.member_with_conversations(db, FIRST_TELEGRAM_ID + 5),
        conversation_sql.MEMBER_WITH_CONVERSATION,
        lambda s: (FIRST_TELEGRAM_ID + 5,),
    ),
    "/leden, pickers: active members": (
        lambda db, s: member_sql.active(db),
        f"SELECT {member_sql.MEMBER_COLUMNS} FROM members WHERE status = 'active'"
        " ORDER BY display_name COLLATE NOCASE, id",
        lambda s: (),
    ),
    "/mijngegevens: member events": (
        lambda db, s: privacy_sql.member_events(db, s.volunteer),
        "SELECT kind, at, actor_id FROM member_events WHERE member_id = ? ORDER BY at, id",
        lambda s: (s.volunteer,),
    ),
    "/agenda: activities of the next 14 days": (
        lambda db, s: activity_sql.starting_between(db, NOW, NOW + timedelta(days=14)),
        f"SELECT {activity_sql.ACTIVITY_COLUMNS} FROM activities a WHERE a.starts_at >= ?"
        " AND a.starts_at < ? ORDER BY a.starts_at, a.id",
        lambda s: (utc_text(NOW), utc_text(NOW + timedelta(days=14))),
    ),
    "/agenda: tasks with places taken": (
        lambda db, s: activity_sql.tasks_of(db, s.activity, NOW),
        "SELECT t.id, t.activity_id, t.title, t.places,"
        " (SELECT count(*) FROM claims c WHERE c.task_id = t.id)"
        " + (SELECT count(*) FROM waitlist w WHERE w.task_id = t.id AND w.status = 'offered'"
        "    AND w.offer_expires_at > ?) AS taken"
        " FROM tasks t WHERE t.activity_id = ? ORDER BY t.position, t.id",
        lambda s: (utc_text(NOW), s.activity),
    ),
    "/mijn: my claims ahead": (
        lambda db, s: claim_sql.upcoming_for_member(db, s.volunteer, NOW),
        f"{claim_sql.CLAIM_SUMMARY} WHERE c.member_id = ? AND a.status = 'planned' AND a.ends_at > ?"
        " ORDER BY a.starts_at, t.position",
        lambda s: (s.volunteer, utc_text(NOW)),
    ),
    "/uren: my month total": (
        lambda db, s: hours_sql.month_totals_of(db, s.volunteer, THIS_MONTH, THIS_MONTH),
        "SELECT month, SUM(minutes) FROM hours_entries WHERE member_id = ? AND month BETWEEN ? AND ?"
        " GROUP BY month",
        lambda s: (s.volunteer, THIS_MONTH, THIS_MONTH),
    ),
    "/uren, Mijn maand: my entries this month": (
        lambda db, s: hours_sql.entries_of_month(db, s.volunteer, THIS_MONTH),
        f"SELECT {hours_sql.ENTRY_COLUMNS} FROM hours_entries WHERE member_id = ? AND month = ?"
        " ORDER BY day, id",
        lambda s: (s.volunteer, THIS_MONTH),
    ),
    "/overzicht: totals of the month": (
        lambda db, s: hours_sql.totals_of_month(db, THIS_MONTH),
        "SELECT member_id, SUM(minutes), COUNT(*) FROM hours_entries WHERE month = ? GROUP BY member_id",
        lambda s: (THIS_MONTH,),
    ),
    "/overzicht: who logged in two months": (
        lambda db, s: hours_sql.members_with_entries_since(db, add_months(THIS_MONTH, -1)),
        "SELECT member_id FROM hours_entries WHERE month >= ? GROUP BY month, member_id",
        lambda s: (add_months(THIS_MONTH, -1),),
    ),
    "hours prompts job: claims ending in the last hour": (
        lambda db, s: claim_sql.ending_between(db, NOW - timedelta(hours=1), NOW),
        f"{claim_sql.CLAIM_SUMMARY} WHERE a.status = 'planned' AND a.ends_at >= ? AND a.ends_at < ?"
        " ORDER BY a.ends_at, c.id",
        lambda s: (utc_text(NOW - timedelta(hours=1)), utc_text(NOW)),
    ),
    "/overzicht: away members": (
        lambda db, s: hours_sql.away_members(db, THIS_MONTH),
        "SELECT member_id FROM hours_away WHERE month = ?",
        lambda s: (THIS_MONTH,),
    ),
}


def time_sql(decade: sqlite3.Connection, month: sqlite3.Connection, sql: str, params: list[tuple]) -> tuple:
    """Ms of the SQL itself on each database (stdlib sqlite3, no thread hop), in alternation so both see
    the same machine state: the lowest of the medians of five blocks, so a burst of load from other work
    on a shared machine counts less."""
    samples: dict[int, list[float]] = {0: [], 1: []}
    for round_ in range(REPEAT + 20):
        for which, conn in enumerate((decade, month)):
            started = time.perf_counter()
            conn.execute(sql, params[which]).fetchall()
            if round_ >= 20:
                samples[which].append(time.perf_counter() - started)
    block = REPEAT // 5

    def typical(values: list[float]) -> float:
        return min(statistics.median(values[i : i + block]) for i in range(0, REPEAT, block)) * 1000

    return typical(samples[0]), typical(samples[1])


@dataclass
class Side:
    """One running bot on one history, with the two measured people signed in as their members."""

    harness: Harness
    coordinator: Person
    volunteer: Person


async def open_side(path: Path, who: Subjects) -> Side:
    harness = await start_harness(make_config(path.parent), clock=ManualClock(START))
    harness.sim.rate_limits = RateLimits(enabled=False)
    coordinator = await harness.stranger("Lotte")
    volunteer = await harness.stranger("Karim")
    async with harness.core.db.transaction() as conn:
        for person, member_id in ((coordinator, who.coordinator), (volunteer, who.volunteer)):
            await conn.execute(
                "UPDATE members SET telegram_id = ?, language = 'nl' WHERE id = ?",
                (person.user_id, member_id),
            )
    return Side(harness, coordinator, volunteer)


async def timed(sides: list[Side], action: Callable[[Side], Awaitable[object]]) -> list[float]:
    """Median ms of ``action`` end to end on each side, in alternation (three warm-up rounds)."""
    samples: list[list[float]] = [[] for _ in sides]
    for i in range(COMMAND_REPEAT + 3):
        for which, side in enumerate(sides):
            started = time.perf_counter()
            await action(side)
            if i >= 3:
                samples[which].append(time.perf_counter() - started)
    return [statistics.median(s) * 1000 for s in samples]


async def command_times(paths: list[Path], who: list[Subjects]) -> dict[str, list[float]]:
    """Median ms per command, end to end, on each database: every command a coordinator can type
    without arguments, and /agenda, /mijn, /uren and its "Mijn maand" button for a volunteer."""
    sides = [await open_side(path, w) for path, w in zip(paths, who, strict=True)]
    try:
        results = {}
        for name in ("agenda", "mijn", "uren"):
            results[f"/{name} (volunteer)"] = await timed(sides, lambda s, n=name: s.volunteer.says(f"/{n}"))
        for side in sides:
            await side.volunteer.says("/uren")
        results["/uren: Mijn maand (volunteer)"] = await timed(
            sides, lambda s: s.volunteer.presses("Mijn maand")
        )
        for command in all_commands():
            if command.name in SKIP_COMMANDS or command.min_role > Role.COORDINATOR:
                continue
            results[f"/{command.name}"] = await timed(
                sides, lambda s, n=command.name: s.coordinator.says(f"/{n}")
            )
        return results
    finally:
        for side in sides:
            await stop_harness(side.harness)


async def main() -> int:
    logging.getLogger().setLevel(logging.ERROR)  # the generated members never wrote to the simulated bot
    with tempfile.TemporaryDirectory() as scratch:
        month_path = Path(scratch) / "month" / "burenbot.sqlite3"
        decade_path = Path(scratch) / "decade" / "burenbot.sqlite3"
        month = await build(month_path, years=1 / 12)
        decade = await build(decade_path, years=10)
        who = {month: await subjects(month), decade: await subjects(decade)}
        for label, db in (("one month", month), ("ten years", decade)):
            counts = {table: await db.fetch_value(f"SELECT COUNT(*) FROM {table}") for table in TABLES}
            print(f"{label}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
            s = who[db]
            mine = await db.fetch_value("SELECT COUNT(*) FROM claims WHERE member_id = ?", (s.volunteer,))
            logged = await db.fetch_value(
                "SELECT COUNT(*) FROM hours_entries WHERE member_id = ?", (s.volunteer,)
            )
            print(f"  measured volunteer #{s.volunteer}: {mine} claims, {logged} hours entries in all")
        print("\nQuery plans (ten years):")
        plans: dict[str, list[str]] = {}
        for name, (_, sql, params) in QUERIES.items():
            plan = await decade.fetch_all(f"EXPLAIN QUERY PLAN {sql}", params(who[decade]))
            plans[name] = [row["detail"] for row in plan]
            print(f"  {name}:\n" + "\n".join(f"    {line}" for line in plans[name]))
        print()
        for name, plan in plans.items():
            no_full_scan(f"plan {name}", plan)
        readers = [sqlite3.connect(f"file:{p}?mode=ro", uri=True) for p in (decade_path, month_path)]
        for name, (query, sql, params) in QUERIES.items():
            await query(decade, who[decade])  # the storage function runs the SQL timed here
            param_sets = [params(who[decade]), params(who[month])]
            # Single queries take microseconds and read the measured person's own rows: shown, not judged.
            info(f"query {name}", *time_sql(*readers, sql, param_sets))
        for reader in readers:
            reader.close()
        month_who, decade_who = who[month], who[decade]
        await month.close()
        await decade.close()
        times = await command_times([decade_path, month_path], [decade_who, month_who])
        for name, (decade_ms, month_ms) in times.items():
            ratio(f"command {name} (end to end)", decade_ms, month_ms, TARGET)
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
