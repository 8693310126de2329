"""Start-up and memory: process start to first answered update, Burenbot (`python -m bot run`) against a
bare PTB bot, both against a simulator running in this process. Target: at most +1 s. Then Burenbot on
ten years of history serves /leden and /mijngegevens; its peak RSS must stay under 150 MB.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _history import FIRST_TELEGRAM_ID, build
from _report import exit_code, limit

from telesim import RateLimits, TelegramSimulator

ROUNDS = 3
TIMEOUT_S = 60


async def first_answer(
    sim: TelegramSimulator, command: list[str], user_id: int, text: str
) -> tuple[float, int]:
    """Seconds from process start to the bot's answer to ``text``, and the child's peak RSS in kB."""
    known = {m.message_id for m in sim.chat_view(user_id) if m.from_bot}
    sim.user_sends_text(user_id, text)  # waiting in getUpdates before the process even starts
    env = {k: v for k, v in os.environ.items() if k != "BURENBOT_TOKEN"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not any(m.from_bot and m.message_id not in known for m in sim.chat_view(user_id)):
                await asyncio.sleep(0.005)
        elapsed = time.perf_counter() - started
        return elapsed, await stop_child(child, sim, user_id)
    except BaseException:
        child.kill()
        raise


async def stop_child(child: subprocess.Popen[bytes], sim: TelegramSimulator, user_id: int) -> int:
    child.send_signal(signal.SIGTERM)
    _, status, usage = await asyncio.to_thread(os.wait4, child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss


async def load_and_measure(sim: TelegramSimulator, command: list[str], user_id: int) -> int:
    """Start Burenbot, have the coordinator read the member list and their data, return peak RSS (kB)."""
    env = {k: v for k, v in os.environ.items() if k != "BURENBOT_TOKEN"}
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for text in ("/help", "/leden", "/mijngegevens", "/coordinator add"):
            count = len([m for m in sim.chat_view(user_id) if m.from_bot])
            sim.user_sends_text(user_id, text)
            async with asyncio.timeout(TIMEOUT_S):
                while len([m for m in sim.chat_view(user_id) if m.from_bot]) <= count:
                    await asyncio.sleep(0.01)
        return await stop_child(child, sim, user_id)
    except BaseException:
        child.kill()
        raise


async def main() -> int:
    logging.getLogger().setLevel(logging.ERROR)
    sim = TelegramSimulator()
    sim.rate_limits = RateLimits(enabled=False)
    await sim.start()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            user_id = sim.add_user("Lotte").user_id
            db_path = Path(scratch) / "data" / "burenbot.sqlite3"
            db = await build(db_path, years=10)
            async with db.transaction() as conn:
                await conn.execute(
                    "UPDATE members SET telegram_id = ?, is_coordinator = 1 WHERE telegram_id = ?",
                    (user_id, FIRST_TELEGRAM_ID + 1),
                )
            await db.close()
            config = Path(scratch) / "config.toml"
            config.write_text(
                f'[telegram]\ntoken = "{sim.token}"\napi_base_url = "{sim.base_url}"\n'
                f'[storage]\npath = "{db_path}"\n'
            )
            python = sys.executable
            ours_cmd = [python, "-m", "burenbot", "run", "--config", str(config)]
            bare_cmd = [python, str(ROOT / "bench" / "_bare_bot.py"), sim.base_url, sim.token]
            bare, ours = [], []
            for _ in range(ROUNDS):  # alternate, so both see the same machine
                bare.append((await first_answer(sim, bare_cmd, user_id, "/help"))[0])
                ours.append((await first_answer(sim, ours_cmd, user_id, "/help"))[0])
            bare_s, ours_s = min(bare), min(ours)
            print(
                f"start-up to first answer: bare PTB {bare_s:.2f} s, Burenbot {ours_s:.2f} s "
                f"(best of {ROUNDS}; ten-year database)"
            )
            limit("start-up: Burenbot minus bare bot", ours_s - bare_s, 1.0, "s")
            peak_kb = await load_and_measure(sim, ours_cmd, user_id)
            limit("peak RSS after the ten-year load", peak_kb / 1024, 150, "MB")
    finally:
        await sim.stop()
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
