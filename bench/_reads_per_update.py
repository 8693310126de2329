"""Database statements per update for the updates handling.py times: a deterministic companion to its
timings, which a busy machine makes noisy. Usage: PYTHONPATH=. python bench/_reads_per_update.py
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import ManualClock
from storage.db import Database
from tests.harness import start_harness, stop_harness
from tests.harness_config import START, make_config

counts = {"reads": 0, "writes": 0}
_fetch_one, _fetch_all, _transaction = Database.fetch_one, Database.fetch_all, Database.transaction


async def _counted_one(self: Database, *args: Any) -> Any:
    counts["reads"] += 1
    return await _fetch_one(self, *args)


async def _counted_all(self: Database, *args: Any) -> Any:
    counts["reads"] += 1
    return await _fetch_all(self, *args)


def _counted_transaction(self: Database) -> Any:
    counts["writes"] += 1
    return _transaction(self)


async def main() -> None:
    logging.getLogger().setLevel(logging.ERROR)
    Database.fetch_one, Database.fetch_all = _counted_one, _counted_all  # type: ignore[method-assign]
    Database.transaction = _counted_transaction  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as scratch:
        harness = await start_harness(make_config(Path(scratch)), clock=ManualClock(START))
        try:
            anna = await harness.member("Anna", role="coordinator")

            async def count(label: str, act: Callable[[], Awaitable[object]]) -> None:
                await act()  # the first time warms caches
                counts.update(reads=0, writes=0)
                await act()
                print(f"{label:36s} reads {counts['reads']}  write transactions {counts['writes']}")

            async def language_button() -> None:
                await anna.says("/taal")
                before = dict(counts)
                await anna.presses("Nederlands")
                counts.update({key: counts[key] - before[key] for key in counts})

            await count("free-text /uren 2 uur koffie", lambda: anna.says("/uren 2 uur koffie"))
            await count("/agenda", lambda: anna.says("/agenda"))
            await count("/help", lambda: anna.says("/help"))
            await count("language button (after /taal)", language_button)
        finally:
            await stop_harness(harness)


if __name__ == "__main__":
    asyncio.run(main())
