"""Handling cost: the same simulator and transport drive a bare python-telegram-bot bot and Burenbot.

Per update, from the user's action in the simulator to the end of the bot's handling (replies included),
median of many. Targets: ≤2× the bare bot for a button press and /agenda, ≤3× for free-text /uren.
/agenda and /uren are measured once those commands exist (``bot.app.all_commands()``); until then /help
stands in for a command.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import exit_code, ratio, skipped
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.clock import ManualClock
from burenbot.telegram_app import all_commands
from telesim import RateLimits, TelegramSimulator
from telesim.driving import UpdateTracker as TrackingProcessor
from tests.harness import start_harness, stop_harness
from tests.harness_config import START, make_config

ROUNDS = 120
WARM_UP = 10


async def bare_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None and update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("nl", callback_data="lang:nl")]])
    await context.bot.send_message(
        update.effective_chat.id, update.effective_message.text or "?", reply_markup=keyboard
    )


async def bare_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"pressed {query.data}")


class Driver:
    """Sends one kind of update again and again and times each until its handling finished."""

    def __init__(self, sim: TelegramSimulator, processor: TrackingProcessor, user_id: int) -> None:
        self.sim, self.processor, self.user_id = sim, processor, user_id

    async def once(self, send) -> float:
        started = time.perf_counter()
        update_id = send()
        await self.processor.wait_for({update_id})
        return time.perf_counter() - started

    async def text(self, text: str) -> float:
        return await self.once(lambda: self.sim.user_sends_text(self.user_id, text))

    async def press(self, data: str) -> float:
        message = self.sim.last_bot_message(self.user_id)
        assert message is not None
        return await self.once(lambda: self.sim.user_sends_callback(self.user_id, message.message_id, data))


async def measure(steps) -> float:
    """Median ms of ``steps(i)`` over the rounds after the warm-up."""
    samples = []
    for i in range(ROUNDS + WARM_UP):
        elapsed = await steps(i)
        if i >= WARM_UP:
            samples.append(elapsed)
    return statistics.median(samples) * 1000


async def bare_figures() -> dict[str, float]:
    sim = TelegramSimulator()
    sim.rate_limits = RateLimits(enabled=False)
    await sim.start()
    processor = TrackingProcessor()
    app = (
        ApplicationBuilder()
        .token(sim.token)
        .base_url(sim.base_url)
        .base_file_url(sim.base_file_url)
        .concurrent_updates(processor)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, bare_text))
    app.add_handler(CallbackQueryHandler(bare_button))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        drive = Driver(sim, processor, sim.add_user("Anna").user_id)
        await drive.text("hallo")
        figures = {"command": await measure(lambda i: drive.text("/help"))}
        figures["button"] = await measure(lambda i: drive.press(f"lang:{'en' if i % 2 else 'nl'}"))
        figures["free text"] = await measure(lambda i: drive.text("/uren 2 uur koffie"))
        return figures
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await sim.stop()


async def burenbot_figures(scratch: Path) -> dict[str, float]:
    harness = await start_harness(make_config(scratch), clock=ManualClock(START))
    harness.sim.rate_limits = RateLimits(enabled=False)
    try:
        anna = await harness.member("Anna", role="coordinator")
        async with harness.core.db.transaction() as conn:  # enough members for two pages of buttons
            await conn.executemany(
                "INSERT INTO members (telegram_id, display_name, status, joined_at)"
                " VALUES (?, ?, 'active', ?)",
                [(9_000_000 + n, f"Buur {n}", "2026-01-01T00:00:00+00:00") for n in range(20)],
            )
        drive = Driver(harness.sim, harness.processor, anna.user_id)
        names = {command.name for command in all_commands()}
        figures = {"/help": await measure(lambda i: drive.text("/help"))}

        async def press_language(i: int) -> float:
            await anna.says("/taal")  # a fresh message with the two language buttons
            return await drive.press(f"lang:{'en' if i % 2 else 'nl'}")

        figures["button"] = await measure(press_language)
        await anna.says("/verwijder")  # the member picker: two pages, turned back and forth
        figures["page button"] = await measure(lambda i: drive.press(f"mpage:rm:{i % 2}"))
        if "agenda" in names:
            figures["/agenda"] = await measure(lambda i: drive.text("/agenda"))
        if "uren" in names:
            figures["free text"] = await measure(lambda i: drive.text("/uren 2 uur koffie"))
        return figures
    finally:
        await stop_harness(harness)


async def main() -> int:
    logging.getLogger().setLevel(logging.ERROR)
    bare = await bare_figures()
    with tempfile.TemporaryDirectory() as scratch:
        ours = await burenbot_figures(Path(scratch))
    ratio("button press (member list page)", ours["page button"], bare["button"], 2)
    ratio("button press (language: write + menu)", ours["button"], bare["button"], 2)
    if "/agenda" in ours:
        ratio("/agenda", ours["/agenda"], bare["command"], 2)
    else:
        skipped("/agenda", "not merged yet; /help stands in")
        ratio("/help (stand-in for a command)", ours["/help"], bare["command"], 2)
    if "free text" in ours:
        ratio("free-text /uren", ours["free text"], bare["free text"], 3)
    else:
        skipped("free-text /uren", "not merged yet")
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
