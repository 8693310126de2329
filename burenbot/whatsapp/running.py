"""``burenbot run`` with WhatsApp: the webhook next to Telegram polling, on its own, or (no credentials at
all) against the built-in WhatsApp simulator so a WhatsApp member can be tried out locally."""

from __future__ import annotations

import dataclasses
from contextlib import AsyncExitStack
from typing import Any

from bot.config import WhatsAppConfig
from bot.core import Core
from burenbot.telegram_app import on_shutdown, on_startup
from burenbot.whatsapp.app import WhatsAppRuntime, build_whatsapp, route_outbox
from burenbot.whatsapp.templates import TEMPLATES

DEMO_NUMBER = "31600000042"


async def start_whatsapp(
    stack: AsyncExitStack, core: Core, config: WhatsAppConfig, telegram: Any | None
) -> WhatsAppRuntime:
    """Serve the webhook; with ``telegram`` running too, its outbox worker sends WhatsApp chats here and
    its job queue runs the reminders (once for both)."""
    runtime = build_whatsapp(core, config, schedule_jobs=telegram is None)
    application = runtime.application
    await application.initialize()
    stack.push_async_callback(application.shutdown)
    if telegram is None:
        await on_startup(application)
        stack.push_async_callback(on_shutdown, application)
    else:
        route_outbox(telegram, application)
    await application.start()
    stack.push_async_callback(application.stop)
    await runtime.serve(config.listen)
    stack.push_async_callback(runtime.close)
    return runtime


async def simulated_whatsapp(stack: AsyncExitStack, config: WhatsAppConfig) -> tuple[WhatsAppConfig, Any]:
    """A WhatsApp simulator with every template approved, and the config that points the bot at it."""
    from wasim import VERSION, Template, WhatsAppSimulator  # only without credentials

    sim = WhatsAppSimulator()
    await sim.start(port=0)  # any free port: the printed help names it
    stack.push_async_callback(sim.stop)
    for template in TEMPLATES:
        for language, body in template.body.items():
            button = (template.button[language],)
            sim.approve_template(Template(template.name, language, template.category, body, button))
    sim.add_member(DEMO_NUMBER, "Demo")
    simulated = dataclasses.replace(
        config,
        phone_number_id=sim.phone_number_id,
        token=sim.token,
        app_secret=sim.app_secret,
        verify_token=sim.verify_token,
        api_base_url=f"{sim.base_url}/{VERSION}",
        listen="127.0.0.1:0",
        display_number=sim.display_number,
    )
    return simulated, sim


def simulator_help(sim: Any, invite_code: str) -> str:
    base = f"{sim.base_url}/_control/{DEMO_NUMBER}"
    return (
        "A WhatsApp member is simulated too. Talk as them with:\n"
        f'  curl -s -X POST {base}/text -d \'{{"text": "start {invite_code}"}}\'\n'
        f"and read their chat with: curl -s {base}/chat"
    )
