"""Running the bot: long polling against Telegram, or against the built-in simulator when there's no token."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from bot.clock import Clock
from bot.config import Config
from bot.core import open_core
from burenbot.telegram_app import build_application, on_shutdown, on_startup

log = logging.getLogger(__name__)
SIMULATOR_PORT = 8088


async def run_bot(
    config: Config,
    *,
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    simulator_port: int = SIMULATOR_PORT,
) -> None:
    stop = stop or _stop_on_signals()
    core = await open_core(config, clock)
    simulator = None
    token = config.telegram.token
    base_url = config.telegram.api_base_url
    if token is None:
        from telesim import TelegramSimulator  # only needed without a real token

        simulator = TelegramSimulator()
        await simulator.start(port=simulator_port)
        token, base_url = simulator.token, simulator.base_url
        print(
            "No Telegram token configured: running against the built-in Telegram simulator.\n"
            f"Open http://127.0.0.1:{simulator.port}/ to chat with the bot. "
            f"Invite code: {config.access.invite_code}. Press Ctrl+C to stop.",
            flush=True,
        )
    application = build_application(core, token=token, base_url=base_url)
    calendar = None
    if config.calendar.listen:
        from burenbot.calendar_server import start_calendar_server

        calendar, _ = await start_calendar_server(core, config.calendar.listen)
    try:
        async with application:
            await on_startup(application)
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(drop_pending_updates=False)
            log.info("bot running")
            await stop.wait()
            await application.updater.stop()
            await on_shutdown(application)
            await application.stop()
    finally:
        if calendar is not None:
            await calendar.cleanup()
        await core.close()
        if simulator is not None:
            await simulator.stop()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
