"""kill -9 in the middle of a broadcast: after a restart the rest goes out and nobody gets it twice,
except at most the one message that was in flight (docs/delivery.md)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench._population import add_members, queue_broadcast
from bot.config import Config, RemindersConfig, StorageConfig
from bot.core import open_core
from telesim import TelegramSimulator

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 200
TEXT = "Let op: de huiskamer is morgen dicht."


def start_bot(config_path: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "burenbot", "run", "--config", str(config_path)],
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


async def wait_until(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_kill_mid_broadcast_and_restart(tmp_path: Path) -> None:
    sim = TelegramSimulator()
    await sim.start()
    db_path = tmp_path / "bot.sqlite3"
    # Real clock: the story must not depend on the hour the suite runs (quiet hours off).
    awake = RemindersConfig(quiet_start="00:00", quiet_end="00:00")
    core = await open_core(Config(storage=StorageConfig(path=db_path), reminders=awake))
    ids = await add_members(core, sim, MEMBERS)
    assert await queue_broadcast(core, ids[0], TEXT) == MEMBERS
    await core.close()
    config_path = tmp_path / "config.toml"
    config_path.write_text(
        f'[telegram]\ntoken = "{sim.token}"\napi_base_url = "{sim.base_url}"\n'
        f'[storage]\npath = "{db_path}"\n'
        '[reminders]\nquiet_start = "00:00"\nquiet_end = "00:00"\n',
        encoding="utf-8",
    )
    log = tmp_path / "bot.log"
    members = ids[1:]

    def delivered() -> int:
        return sum(1 for i in members if sim.sent_count(i) > 0)

    bot = start_bot(config_path, log)
    try:
        await wait_until(lambda: delivered() >= 60, 30)
        os.kill(bot.pid, signal.SIGKILL)
        bot.wait(5)
        at_kill = delivered()
        assert at_kill < MEMBERS, "the broadcast finished before the kill"
        bot = start_bot(config_path, log)
        await wait_until(lambda: delivered() == MEMBERS, 40)
        await wait_until(lambda: any("Verslag" in m.text for m in sim.chat_view(ids[0])), 10)
    finally:
        bot.send_signal(signal.SIGTERM)
        try:
            bot.wait(10)
        except subprocess.TimeoutExpired:
            bot.kill()
        await sim.stop()
    counts = [sum(1 for m in sim.chat_view(i) if m.from_bot and m.text.endswith(TEXT)) for i in members]
    assert all(n >= 1 for n in counts)
    assert sum(n - 1 for n in counts) <= 1, f"sent twice: {sum(n > 1 for n in counts)}"
