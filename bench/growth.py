"""Growth: the same queries and commands on ten years of history against one month. Target ≤1.5×.

Two views: the core SQL (timed directly, with its EXPLAIN QUERY PLAN, to spot full scans) and every
command a coordinator can type without arguments, end to end through the real bot and the simulator
(so /agenda, /mijn, /uren, /overzicht are measured as soon as they are merged).
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _history import FIRST_TELEGRAM_ID, build
from _report import exit_code, ratio

from bot.app import all_commands
from bot.clock import ManualClock
from bot.members import Role
from storage import members as member_sql
from storage import privacy as privacy_sql
from storage.db import Database
from telesim import RateLimits
from tests.harness import start_harness, stop_harness
from tests.harness_config import START, make_config

TARGET = 1.5
REPEAT = 400
COMMAND_REPEAT = 25
SKIP_COMMANDS = {"start"}

Query = Callable[[Database], Awaitable[object]]
# name -> (call, SQL shown with EXPLAIN QUERY PLAN). Features merged later add their core queries here.
QUERIES: dict[str, tuple[Query, str]] = {
    "gate: member by telegram id (every update)": (
        lambda db: member_sql.by_telegram_id(db, FIRST_TELEGRAM_ID + 5),
        f"SELECT {member_sql.MEMBER_COLUMNS} FROM members WHERE telegram_id = 7000005",
    ),
    "/leden, pickers: active members": (
        member_sql.active,
        f"SELECT {member_sql.MEMBER_COLUMNS} FROM members WHERE status = 'active'"
        " ORDER BY display_name COLLATE NOCASE, id",
    ),
    "/mijngegevens: member events": (
        lambda db: privacy_sql.member_events(db, 6),
        "SELECT kind, at, actor_id FROM member_events WHERE member_id = 6 ORDER BY at, id",
    ),
}


async def time_queries(decade: Database, month: Database, query: Query) -> tuple[float, float]:
    """Median ms on each database, measured in alternation so both see the same machine state."""
    samples: dict[int, list[float]] = {0: [], 1: []}
    for round_ in range(REPEAT + 20):
        for which, db in enumerate((decade, month)):
            started = time.perf_counter()
            await query(db)
            if round_ >= 20:
                samples[which].append(time.perf_counter() - started)
    return statistics.median(samples[0]) * 1000, statistics.median(samples[1]) * 1000


async def command_times(path: Path) -> dict[str, float]:
    """Median ms per command for a coordinator, end to end, on the database at ``path``."""
    harness = await start_harness(make_config(path.parent), clock=ManualClock(START))
    harness.sim.rate_limits = RateLimits(enabled=False)
    try:
        person = await harness.stranger("Lotte")
        async with harness.core.db.transaction() as conn:
            await conn.execute(
                "UPDATE members SET telegram_id = ?, is_coordinator = 1 WHERE telegram_id = ?",
                (person.user_id, FIRST_TELEGRAM_ID + 1),
            )
        results = {}
        for command in all_commands():
            if command.name in SKIP_COMMANDS or command.min_role > Role.COORDINATOR:
                continue
            samples = []
            for i in range(COMMAND_REPEAT + 3):
                started = time.perf_counter()
                await person.says(f"/{command.name}")
                if i >= 3:
                    samples.append(time.perf_counter() - started)
            results[f"/{command.name}"] = statistics.median(samples) * 1000
        return results
    finally:
        await stop_harness(harness)


async def main() -> int:
    logging.getLogger().setLevel(logging.ERROR)  # the generated members never wrote to the simulated bot
    with tempfile.TemporaryDirectory() as scratch:
        month_path = Path(scratch) / "month" / "burenbot.sqlite3"
        decade_path = Path(scratch) / "decade" / "burenbot.sqlite3"
        month = await build(month_path, years=1 / 12)
        decade = await build(decade_path, years=10)
        for label, db in (("one month", month), ("ten years", decade)):
            counts = {
                table: await db.fetch_value(f"SELECT COUNT(*) FROM {table}")
                for table in ("members", "member_events")
            }
            print(f"{label}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        print("\nQuery plans (ten years):")
        for name, (_, sql) in QUERIES.items():
            plan = await decade.fetch_all(f"EXPLAIN QUERY PLAN {sql}")
            print(f"  {name}:\n" + "\n".join(f"    {row['detail']}" for row in plan))
        print()
        for name, (query, _) in QUERIES.items():
            ratio(f"query {name}", *await time_queries(decade, month, query), TARGET)
        await month.close()
        await decade.close()
        month_times = await command_times(month_path)
        decade_times = await command_times(decade_path)
        for name in month_times:
            ratio(f"command {name} (end to end)", decade_times[name], month_times[name], TARGET)
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
