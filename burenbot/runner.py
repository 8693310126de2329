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
from burenbot.startup import refuse_simulator_on_used_database
from burenbot.telegram_app import App, build_application, on_shutdown, on_startup
from burenbot.updates import InOrderPerSender

log = logging.getLogger(__name__)
SIMULATOR_PORT = 8088


async def run_bot(
    config: Config,
    *,
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    simulator_port: int = SIMULATOR_PORT,
) -> None:
    stop = stop or stop_on_signals()
    token = config.telegram.token
    if token is None and config.whatsapp.configured:
        core = await open_core(config, clock)
        await _run_whatsapp_only(core, config, stop)  # WhatsApp alone: no Telegram, no simulator
        return
    if token is None:
        # A used database without a token is a forgotten token, not someone trying the bot: refuse.
        refuse_simulator_on_used_database(config.storage.path)
        # Someone trying the bot before making a BotFather token: the web chat with the example month.
        from burenbot.demo_web import run_web_demo

        await run_web_demo(stop, config=config, language=config.community.language, port=simulator_port)
        return
    core = await open_core(config, clock)
    code = await core.members.invites.current()
    if core.members.invites.generated:
        print(f"New invite code: {code} (coordinators see the link with /uitnodiging).", flush=True)
    application = build_application(
        core, token=token, base_url=config.telegram.api_base_url, update_processor=InOrderPerSender()
    )
    calendar = None
    if config.calendar.listen:
        from burenbot.calendar_server import start_calendar_server

        calendar, _ = await start_calendar_server(core, config.calendar.listen)
    try:
        async with application, AsyncExitStack() as whatsapp:
            await _whatsapp_beside(whatsapp, core, config, application)
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


async def _whatsapp_beside(stack: AsyncExitStack, core: Core, config: Config, telegram: App) -> None:
    """The WhatsApp webhook beside Telegram polling, when a WhatsApp number is configured."""
    whatsapp = config.whatsapp
    if not whatsapp.configured:
        return  # Telegram only: nothing of WhatsApp is even imported
    from burenbot.whatsapp import running

    await running.start_whatsapp(stack, core, whatsapp, telegram)
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


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
