"""Burenbot on a WhatsApp number: a second PTB Application over the bridge, and its webhook server.

Both applications share the core (one database, one outbox). The outbox worker runs once: on the
Telegram application when both run, routing WhatsApp chats to this application's bot.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.channels import is_whatsapp_chat
from bot.config import WhatsAppConfig
from bot.core import Core
from burenbot.telegram_app import App, build_application
from burenbot.whatsapp.graph import GraphClient
from burenbot.whatsapp.request import WhatsAppRequest
from burenbot.whatsapp.sender import WhatsAppSender
from burenbot.whatsapp.webhook import Webhook
from handlers.outbox_sender import ROUTE_KEY

# PTB needs a base url; nothing is ever fetched from it (the request class answers every call itself).
BRIDGE_URL = "https://whatsapp.bridge/bot"
BRIDGE_FILE_URL = "https://whatsapp.bridge/file/bot"


@dataclass
class WhatsAppRuntime:
    application: App
    webhook: Webhook
    runner: web.AppRunner | None = None
    port: int = 0

    async def serve(self, listen: str) -> None:
        host, _, port = listen.rpartition(":")
        app = web.Application()
        app.add_routes(self.webhook.routes())
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, int(port))
        await site.start()
        server = site._server  # aiohttp types it as AbstractServer; the loop's create_server gives a Server
        assert isinstance(server, asyncio.Server)
        self.port = server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


def build_whatsapp(core: Core, config: WhatsAppConfig, *, schedule_jobs: bool = False) -> WhatsAppRuntime:
    assert config.configured, "[whatsapp] needs phone_number_id, token, app_secret and verify_token"
    assert config.phone_number_id and config.token and config.app_secret and config.verify_token
    client = GraphClient(config.api_base_url, config.phone_number_id, config.token)
    sender = WhatsAppSender(core, client)
    application = build_application(
        core,
        token=config.phone_number_id,
        base_url=BRIDGE_URL,
        base_file_url=BRIDGE_FILE_URL,
        schedule_jobs=schedule_jobs,
        request=WhatsAppRequest(sender),
    )
    application.bot_data["whatsapp"] = config
    return WhatsAppRuntime(application, Webhook(application, sender, config.app_secret, config.verify_token))


def route_outbox(telegram: Any, whatsapp: App) -> None:
    """Let the one outbox worker (on the Telegram application) send WhatsApp chats through ``whatsapp``."""
    telegram.bot_data[ROUTE_KEY] = lambda chat_id: whatsapp.bot if is_whatsapp_chat(chat_id) else telegram.bot
