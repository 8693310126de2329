"""Fair handling under a flood: a member's answer time while another member floods and a stranger floods.

The bot as ``burenbot run`` builds it (the production flood budget, updates side by side in order per
sender) against the simulator with Telegram's per-chat throttling (about one message a second per chat).
Four neighbours send /help, each at a person's pace; p95 of their answer times (100 of them, so one
slow moment of the machine does not decide the figure) while Bob sends 150 messages and a stranger 60,
spread over the time they talk (a script typing several a second: the flood keeps coming), against the
same bot unflooded. Target: ≤1.5× and none of theirs lost.

Also shown, not judged: an answer when a whole burst (50 + 20 messages in the same instant) lands in the
same getUpdates batch just ahead of it. python-telegram-bot parses every update of a batch before it
hands out the first (~75 µs each, measured below), so that wait is the library's, before any of ours.
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

from _report import exit_code, info, limit, ratio, shown
from telegram import Bot, Update

from bot.clock import ManualClock
from bot.config import AccessConfig
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import START, make_config

ROUNDS = 25
BYSTANDERS = ("Anna", "Ben", "Cor", "Dina")
PACE_S = 1.1  # a person's pace: Telegram lets about one message a second into one chat
FLOOD_MEMBER, FLOOD_STRANGER = 150, 60
BURST_MEMBER, BURST_STRANGER = 50, 20


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


async def answer_ms(bot: Harness, person: Person) -> tuple[float, bool]:
    before = len(person.chat)
    started = time.perf_counter()
    await bot.processor.wait_for({bot.sim.user_sends_text(person.user_id, "/help")})
    answered = any(m.from_bot for m in person.chat[before:])
    return (time.perf_counter() - started) * 1000, answered


async def keep_sending(bot: Harness, user_id: int, word: str, count: int, sent: list[int]) -> None:
    """``count`` messages evenly over the time the neighbours talk."""
    interval = ROUNDS * PACE_S / count
    for n in range(count):
        sent.append(bot.sim.user_sends_text(user_id, f"{word} {n}"))
        await asyncio.sleep(interval)


async def measure(flood: str) -> tuple[list[float], int]:
    """The neighbours' answer times and how many went unanswered; ``flood``: "none", "steady", "burst"."""
    with tempfile.TemporaryDirectory() as scratch:
        config = make_config(Path(scratch))
        access = dataclasses.replace(config.access, flood_burst=AccessConfig.flood_burst)
        config = dataclasses.replace(config, access=access)
        bot = await start_harness(
            config, clock=ManualClock(START), concurrent_updates=16, in_order_per_sender=True, warm_faq=True
        )
        try:
            neighbours = [await bot.member(name) for name in BYSTANDERS]
            bob, eve = await bot.member("Bob"), await bot.stranger("Eve")
            for person in neighbours:
                await answer_ms(bot, person)  # warm up
            times, lost = [], 0
            sent: list[int] = []
            senders = []
            if flood == "steady":
                senders = [
                    asyncio.create_task(keep_sending(bot, bob.user_id, "spam", FLOOD_MEMBER, sent)),
                    asyncio.create_task(keep_sending(bot, eve.user_id, "hoi", FLOOD_STRANGER, sent)),
                ]
            if flood == "burst":
                for _ in range(3):  # all in one instant, in the getUpdates batch just ahead of hers
                    sent += [bot.sim.user_sends_text(bob.user_id, f"spam {n}") for n in range(BURST_MEMBER)]
                    sent += [bot.sim.user_sends_text(eve.user_id, f"hoi {n}") for n in range(BURST_STRANGER)]
                    ms, answered = await answer_ms(bot, neighbours[0])
                    times.append(ms)
                    lost += not answered
                    await asyncio.sleep(PACE_S * 9)
            else:
                for _ in range(ROUNDS):
                    for person in neighbours:
                        ms, answered = await answer_ms(bot, person)
                        times.append(ms)
                        lost += not answered
                        await asyncio.sleep(PACE_S / len(neighbours))
            await asyncio.gather(*senders)
            await bot.processor.wait_for(set(sent))
            return times, lost
        finally:
            await stop_harness(bot)


def parse_us_per_update() -> float:
    """Microseconds python-telegram-bot spends turning one received text message into an ``Update``."""
    bot = Bot("123:abc")
    data = {
        "update_id": 1,
        "message": {
            "message_id": 5,
            "date": 1764650000,
            "chat": {"id": 7, "type": "private", "first_name": "Bob"},
            "from": {"id": 7, "is_bot": False, "first_name": "Bob", "language_code": "nl"},
            "text": "spam 3",
        },
    }
    started = time.perf_counter()
    for _ in range(1000):
        Update.de_json(data, bot)
    return (time.perf_counter() - started) * 1000


async def main() -> int:
    logging.disable(logging.WARNING)
    calm, _ = await measure("none")
    stormy, lost = await measure("steady")
    burst, burst_lost = await measure("burst")
    ratio(f"bystander p95 under a {FLOOD_MEMBER}+{FLOOD_STRANGER} flood", p95(stormy), p95(calm), 1.5)
    limit("bystander answers lost under the flood", lost + burst_lost, 0, "updates")
    batch = BURST_MEMBER + BURST_STRANGER + 1
    info(f"answer behind a {batch}-update burst, median", statistics.median(burst), statistics.median(calm))
    shown(f"  of which PTB parsing the {batch} updates", parse_us_per_update() / 1000 * batch)
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
