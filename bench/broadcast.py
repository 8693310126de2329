"""Benchmark: a broadcast to 1,000 members through the simulator with Telegram's limits and 5% faults.

Real time, real HTTP, the real outbox worker and PTB bot. The simulator enforces 30 messages/s overall
(token bucket, as Telegram) and answers 5% of requests with 500/502 (not applied: PTB NetworkError), so
those are retried with back-off. Ideal time = messages / 30 per second. Target: ≤1.10× the ideal,
every member reached once.

Run from the repo root: ``python bench/broadcast.py [members]``.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import _report as report
from bench._population import add_members, queue_broadcast
from bot.clock import ManualClock
from bot.config import Config, StorageConfig
from bot.core import open_core
from burenbot.telegram_app import build_application
from handlers.outbox_sender import start_worker, stop_worker
from telesim import TelegramSimulator
from telesim.faults import Faults

OVERALL_PER_S = 30


async def main(members: int) -> int:
    logging.basicConfig(level=logging.ERROR)
    sim = TelegramSimulator(seed=42)
    sim.faults = Faults(error_rate=0.05)
    await sim.start()
    with tempfile.TemporaryDirectory() as tmp:
        # A weekday morning: at night the outbox rightly keeps an announcement for the morning.
        clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        core = await open_core(Config(storage=StorageConfig(path=Path(tmp) / "bench.sqlite3")), clock=clock)
        ids = await add_members(core, sim, members)
        app = build_application(core, token=sim.token, base_url=sim.base_url, schedule_jobs=False)
        await app.initialize()
        try:
            started = time.monotonic()
            await start_worker(app)
            await queue_broadcast(core, ids[0], "Benchmark: koffie om 10:00 in de huiskamer.")
            await core.outbox.drain(within_s=600)
            elapsed = time.monotonic() - started
            await stop_worker(app)
        finally:
            await app.shutdown()
        rows = await core.db.fetch_all("SELECT status, count(*) AS n FROM outbox GROUP BY status")
        await core.close()
    await sim.stop()
    counts = {r["status"]: r["n"] for r in rows}
    got = sum(1 for i in ids[1:] if sim.sent_count(i) >= 1)
    twice = sum(1 for i in ids[1:] if sim.sent_count(i) > 1)
    faults = sum(1 for r in sim.requests if r.error_code in (500, 502))
    limited = sum(1 for r in sim.requests if r.error_code == 429)
    messages = members + 2  # the coordinator's status message and report also go through the outbox
    ideal = messages / OVERALL_PER_S
    print(f"members: {members}; delivered: {got}; twice: {twice}; outbox: {counts}")
    print(f"injected faults (500/502) retried: {faults}; 429 answers: {limited}")
    report.ratio(f"broadcast to {members} vs the ideal at {OVERALL_PER_S}/s", elapsed, ideal, 1.10, unit="s")
    report.limit("broadcast: members who got nothing", members - got, 0, "members")
    report.limit("broadcast: members who got it twice", twice, 0, "members")
    return report.exit_code()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.exit(asyncio.run(main(count)))
