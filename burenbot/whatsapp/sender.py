"""Sending to one WhatsApp member: who they are, whether the 24-hour window is open, and what goes out.

Inside the window (or while answering the member's own message) the reply is rendered as it is; outside,
the message waits in ``wa_waiting`` and a template goes out instead; the member's next message (or the
template's button) opens the window and delivers what waited. A member who said STOP gets replies to
their own messages only.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass
from typing import Any

from bot.channels import window_open
from bot.core import Core
from burenbot.whatsapp.graph import GraphClient, GraphError
from burenbot.whatsapp.markup import to_plain
from burenbot.whatsapp.render import render
from burenbot.whatsapp.templates import summary, template_for
from storage import whatsapp as sql

log = logging.getLogger(__name__)

PAIR_RATE = 131056
PAIR_RETRY_S = 6.0  # Meta's pair rate: about one message per 6 seconds to one person

#: The chat whose inbound message is being handled right now (a reply, always inside the window).
replying_to: contextvars.ContextVar[int | None] = contextvars.ContextVar("replying_to", default=None)


class Unreachable(Exception):
    """Not a WhatsApp contact any more (erased), or opted out with STOP: like Telegram's 403."""


@dataclass
class Sent:
    message_id: int
    parked: bool = False  # a template went out; the message itself waits for the window


class WhatsAppSender:
    def __init__(self, core: Core, client: GraphClient) -> None:
        self.core = core
        self.client = client

    def texts_for(self, language: str) -> Any:
        return lambda key, **params: self.core.texts.get(language, key, **params)

    async def language_of(self, user_id: int) -> str:
        member = await self.core.members.find(user_id)
        return member.language if member else self.core.config.community.language

    async def send(self, chat_id: int, params: dict[str, Any], media: dict[str, Any] | None = None) -> Sent:
        """One Bot API message (text or caption + inline keyboard), as WhatsApp allows it right now."""
        contact = await sql.contact_by_user(self.core.db, chat_id)
        if contact is None or contact["wa_id"] is None:
            raise Unreachable("chat not found")
        replying = replying_to.get() == chat_id
        if contact["opted_out_at"] is not None and not replying:
            raise Unreachable("the member opted out (STOP)")
        now = self.core.clock.now()
        if not replying and not window_open(sql.last_inbound(contact), now):
            return await self._park(contact, params)
        language = await self.language_of(chat_id)
        html = params.get("text") or params.get("caption") or ""
        rendered = render(html, params.get("reply_markup"), self.texts_for(language))
        bodies = rendered.bodies
        if media is not None:  # a photo or document carries the first text as its caption
            caption = bodies.pop(0)["text"]["body"] if bodies and bodies[0]["type"] == "text" else ""
            bodies.insert(0, {"type": media["type"], media["type"]: {"id": media["id"], "caption": caption}})
        message_id = 0
        for body in bodies:
            wamid = await self._send(contact["wa_id"], body)
            message_id = await sql.record_sent(self.core.db, chat_id, wamid, now)
        if rendered.menu:
            await sql.set_menu(self.core.db, chat_id, message_id, rendered.menu)
        return Sent(message_id)

    async def _send(self, wa_id: str, body: dict[str, Any]) -> str:
        for attempt in range(3):
            try:
                return await self.client.send(wa_id, body)
            except GraphError as error:
                # Inside a reply a short wait is better than a lost answer; the outbox has its own pacing.
                if error.code != PAIR_RATE or attempt == 2 or replying_to.get() is None:
                    raise
                await asyncio.sleep(PAIR_RETRY_S)
        raise AssertionError("unreachable")

    async def _park(self, contact: Any, params: dict[str, Any]) -> Sent:
        user_id = contact["user_id"]
        now = self.core.clock.now()
        if await sql.has_waiting(self.core.db, user_id):
            # A template already asked the member to open the chat: templates cost money, one is enough.
            await sql.add_waiting(self.core.db, user_id, _kept(params), now)
            return Sent(await sql.record_sent(self.core.db, user_id, None, now), parked=True)
        template = template_for(params.get("burenbot_kind"), params.get("burenbot_batch"))
        language = await self.language_of(user_id)
        plain = to_plain(params.get("text") or params.get("caption") or "")
        body = {
            "type": "template",
            "template": {
                "name": template.name,
                "language": {"code": language},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": summary(plain) or "…"}]},
                    {
                        "type": "button",
                        "sub_type": "quick_reply",
                        "index": "0",
                        "parameters": [{"type": "payload", "payload": "wa:open"}],
                    },
                ],
            },
        }
        wamid = await self.client.send(contact["wa_id"], body)
        await sql.add_waiting(self.core.db, user_id, _kept(params), self.core.clock.now())
        message_id = await sql.record_sent(self.core.db, user_id, wamid, self.core.clock.now())
        log.info("whatsapp: window closed, sent template %s", template.name)
        return Sent(message_id, parked=True)

    async def deliver_waiting(self, user_id: int) -> int:
        """The window just opened: send what waited, oldest first. How many."""
        waiting = await sql.take_waiting(self.core.db, user_id)
        for params in waiting:
            await self.send(user_id, params)
        return len(waiting)

    async def say(self, user_id: int, key: str, **values: object) -> None:
        """A line of the bridge's own (STOP confirmation), in the member's language."""
        language = await self.language_of(user_id)
        await self.send(user_id, {"text": self.core.texts.get(language, key, **values)})


def _kept(params: dict[str, Any]) -> dict[str, Any]:
    return {k: params[k] for k in ("text", "caption", "reply_markup") if params.get(k) is not None}
