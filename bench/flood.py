"""Fair handling under a flood: a member's answer time while another member floods and a stranger floods.

The bot as ``burenbot run`` builds it (the production flood budget, updates side by side in order per
sender) against the simulator with Telegram's per-chat throttling (about one message a second per chat).
Anna sends /help at a person's pace; p95 of her answer times with Bob sending 150 messages and a
stranger 60 at the same time, against the same bot unflooded. Target: ≤1.5× and none of hers lost.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import exit_code, limit, ratio

from bot.clock import ManualClock
from bot.config import AccessConfig
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import START, make_config

ROUNDS = 25
PACE_S = 1.1  # a person's pace: Telegram lets about one message a second into one chat
FLOOD_MEMBER, FLOOD_STRANGER = 150, 60


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


async def answer_ms(bot: Harness, anna: Person) -> tuple[float, bool]:
    before = len(anna.chat)
    started = time.perf_counter()
    await bot.processor.wait_for({bot.sim.user_sends_text(anna.user_id, "/help")})
    answered = any(m.from_bot for m in anna.chat[before:])
    return (time.perf_counter() - started) * 1000, answered


async def measure(flooded: bool) -> tuple[list[float], int]:
    with tempfile.TemporaryDirectory() as scratch:
        config = make_config(Path(scratch))
        access = dataclasses.replace(config.access, flood_burst=AccessConfig.flood_burst)
        config = dataclasses.replace(config, access=access)
        bot = await start_harness(
            config, clock=ManualClock(START), concurrent_updates=16, in_order_per_sender=True, warm_faq=True
        )
        try:
            anna, bob, eve = await bot.member("Anna"), await bot.member("Bob"), await bot.stranger("Eve")
            await answer_ms(bot, anna)  # warm up
            times, lost = [], 0
            flood: list[int] = []
            for i in range(ROUNDS):
                if flooded and i % 9 == 0:  # the flood keeps coming while Anna talks
                    flood += [
                        bot.sim.user_sends_text(bob.user_id, f"spam {n}") for n in range(FLOOD_MEMBER // 3)
                    ]
                    flood += [
                        bot.sim.user_sends_text(eve.user_id, f"hoi {n}") for n in range(FLOOD_STRANGER // 3)
                    ]
                ms, answered = await answer_ms(bot, anna)
                times.append(ms)
                lost += not answered
                await asyncio.sleep(PACE_S)
            await bot.processor.wait_for(set(flood))
            return times, lost
        finally:
            await stop_harness(bot)


async def main() -> int:
    logging.disable(logging.WARNING)
    calm, _ = await measure(flooded=False)
    stormy, lost = await measure(flooded=True)
    ratio(f"bystander p95 under a {FLOOD_MEMBER}+{FLOOD_STRANGER} flood", p95(stormy), p95(calm), 1.5)
    limit("bystander answers lost under the flood", lost, 0, "updates")
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
