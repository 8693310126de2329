"""Running the bot: long polling against Telegram, or against the built-in simulator when there's no token."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from contextlib import AsyncExitStack

from bot.clock import Clock
from bot.config import Config
from bot.core import Core, open_core
from burenbot.telegram_app import App, build_application, on_shutdown, on_startup

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
    if token is None and config.whatsapp.configured:
        await _run_whatsapp_only(core, config, stop)  # WhatsApp alone: no Telegram, no simulator
        return
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
    try:
        async with application, AsyncExitStack() as whatsapp:
            await _whatsapp_beside(whatsapp, core, config, application, simulated=simulator is not None)
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
        await core.close()
        if simulator is not None:
            await simulator.stop()


async def _whatsapp_beside(
    stack: AsyncExitStack, core: Core, config: Config, telegram: App, *, simulated: bool
) -> None:
    """The WhatsApp webhook beside Telegram: when configured, or against its simulator in the no-token run."""
    whatsapp = config.whatsapp
    if not whatsapp.configured and not simulated:
        return  # Telegram only: nothing of WhatsApp is even imported
    from burenbot.whatsapp import running

    sim = None
    if not whatsapp.configured:
        whatsapp, sim = await running.simulated_whatsapp(stack, whatsapp)
    runtime = await running.start_whatsapp(stack, core, whatsapp, telegram)
    if sim is not None:
        sim.webhook_url = f"http://127.0.0.1:{runtime.port}/whatsapp/webhook"
        print(running.simulator_help(sim, config.access.invite_code), flush=True)
    log.info("whatsapp webhook listening on %s", whatsapp.listen)


async def _run_whatsapp_only(core: Core, config: Config, stop: asyncio.Event) -> None:
    from burenbot.whatsapp import running

    try:
        async with AsyncExitStack() as stack:
            await running.start_whatsapp(stack, core, config.whatsapp, None)
            log.info("bot running on WhatsApp only, webhook on %s", config.whatsapp.listen)
            await stop.wait()
    finally:
        await core.close()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
