"""The webhook Meta calls: the GET verify handshake, signed POSTs (HMAC-SHA256 of the raw body with the app
secret, compared in constant time; anything else is refused with 403 before it is read), each message
handled once (deduped by its id), statuses into the delivery report."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update

from bot.channels import WHATSAPP_ID_BASE
from burenbot.whatsapp import updates
from burenbot.whatsapp.sender import WhatsAppSender, replying_to
from storage import whatsapp as sql

log = logging.getLogger(__name__)
PATH = "/whatsapp/webhook"
STOP_WORDS = {"stop", "stoppen", "afmelden"}
START_WORDS = {"start", "aanmelden"}


def signature_ok(app_secret: str, raw: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


class Webhook:
    def __init__(self, application: Any, sender: WhatsAppSender, app_secret: str, verify_token: str) -> None:
        self.application = application
        self.sender = sender
        self._secret = app_secret
        self._verify_token = verify_token

    def routes(self) -> list[web.RouteDef]:
        return [web.get(PATH, self.verify), web.post(PATH, self.receive)]

    async def verify(self, request: web.Request) -> web.Response:
        query = request.query
        if query.get("hub.mode") == "subscribe" and hmac.compare_digest(
            query.get("hub.verify_token", "").encode(), self._verify_token.encode()
        ):
            return web.Response(text=query.get("hub.challenge", ""))
        return web.Response(status=403)

    async def receive(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if not signature_ok(self._secret, raw, request.headers.get("X-Hub-Signature-256", "")):
            log.warning("whatsapp webhook: bad signature, refused")
            return web.Response(status=403)
        try:
            payload = json.loads(raw)
        except ValueError:
            return web.Response(status=400)
        for entry in payload.get("entry", []):
            for change in entry.get("changes", []):
                value = change.get("value") or {}
                names = {
                    c.get("wa_id"): (c.get("profile") or {}).get("name", "")
                    for c in value.get("contacts", [])
                }
                for status in value.get("statuses", []):
                    await self.on_status(status)
                for message in value.get("messages", []):
                    try:
                        await self.on_message(message, names.get(message.get("from"), ""))
                    except Exception:  # one bad message must not make Meta repeat the others
                        log.exception("whatsapp webhook: message not handled")
        return web.Response(text="ok")

    async def on_status(self, status: dict[str, Any]) -> None:
        errors = status.get("errors") or [{}]
        error = f"{errors[0].get('code', '')} {errors[0].get('title', '')}".strip() or None
        await sql.set_status(self.sender.core.db, status.get("id", ""), status.get("status", ""), error)

    async def on_message(self, inbound: dict[str, Any], profile_name: str) -> None:
        core = self.sender.core
        now = core.clock.now()
        contact = await sql.contact_for(core.db, inbound["from"], profile_name, now, WHATSAPP_ID_BASE)
        user_id = contact["user_id"]
        if not await sql.first_seen(core.db, inbound["id"], user_id, now):
            return  # Meta delivered this one before
        token = replying_to.set(user_id)
        try:
            await self._handle(inbound, contact, profile_name)
        finally:
            replying_to.reset(token)

    async def _handle(self, inbound: dict[str, Any], contact: Any, profile_name: str) -> None:
        core = self.sender.core
        user_id = contact["user_id"]
        delivered = await self.sender.deliver_waiting(user_id)
        if inbound.get("type") == "button":  # a template's quick reply: opening the window was the point
            if not delivered:
                await self.sender.say(user_id, "whatsapp.nothing_waiting")
            return
        body = (inbound.get("text") or {}).get("body", "").strip().lower()
        if body in STOP_WORDS:
            await sql.set_opted_out(core.db, user_id, core.clock.now())
            await self.sender.say(user_id, "whatsapp.stopped")
            return
        if body in START_WORDS and contact["opted_out_at"] is not None:
            await sql.set_opted_out(core.db, user_id, None)
            await self.sender.say(user_id, "whatsapp.restarted")
            return
        update = await self._update(inbound, user_id, profile_name)
        await self.application.process_update(Update.de_json(update, self.application.bot))

    async def _update(self, inbound: dict[str, Any], user_id: int, profile_name: str) -> dict[str, Any]:
        core = self.sender.core
        member = await core.members.find(user_id)
        user = updates.user_json(user_id, profile_name, member.language if member else None)
        date = int(inbound.get("timestamp") or 0)
        data = updates.pressed(inbound)
        context_id = (inbound.get("context") or {}).get("id")
        if data is not None:
            message_id = await sql.message_id_of(core.db, context_id) if context_id else None
            return updates.press_update(user, date, data, message_id or 0, inbound["id"])
        text = (inbound.get("text") or {}).get("body", "").strip()
        if text.isdigit():
            choice = await sql.menu_choice(core.db, user_id, int(text))
            if choice is not None:
                return updates.press_update(user, date, choice["data"], choice["message_id"], inbound["id"])
        commands = self.application.bot_data.get("commands", {}).keys()
        content = updates.content_of(inbound, commands)
        return updates.message_update(user, date, content, updates.inbound_message_id())
