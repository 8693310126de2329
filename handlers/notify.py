"""Messages to other members than the one talking: in their own language, never failing the sender."""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.helpers import mention_html

from bot.core import Core
from bot.i18n import Markup
from bot.members.service import Member, Role
from bot.outbox import NOTICE, NewMessage
from handlers.common import AnyApp, BotContext, Rows, core_of, done_pressing

log = logging.getLogger(__name__)



def mention(member: Member) -> Markup:
    """The member's name as a link that opens a chat with them."""
    if member.telegram_id is None:
        return Markup(html.escape(member.name, quote=False))
    return Markup(mention_html(member.telegram_id, member.name))


def text_for(core: Core, member: Member, key: str, /, **params: object) -> str:
    return core.texts.get(member.language, key, **params)


async def tell(
    application: AnyApp, member: Member, text: str, rows: Rows | None = None, *, key: str | None = None
) -> bool:
    """Queue ``text`` for ``member`` in the outbox (persisted, paced, retried); False when they have no
    chat with the bot any more. Whether Telegram then reached them shows in the outbox (unreachable)."""
    if member.telegram_id is None or not member.is_active:
        return False
    message = NewMessage(
        chat_id=member.telegram_id,
        text=text,
        dedupe_key=key or f"tell:{member.id}:{uuid.uuid4().hex}",
        kind=NOTICE,
        member_id=member.id,
        buttons=[list(row) for row in rows or []],
    )
    await core_of(application).outbox.enqueue([message])
    return True


async def coordinators(application: AnyApp) -> list[Member]:
    core = core_of(application)
    return [m for m in await core.members.active_members() if core.members.role_of(m) is Role.COORDINATOR]


Handler = Callable[[Update, BotContext], Awaitable[None]]


def answered_after(handler: Handler) -> Handler:
    """Stop the button's spinner after the handler ran. When the handler raises a domain error, the error
    handler answers the press instead (a press can be answered only once)."""

    async def wrapped(update: Update, context: BotContext) -> None:
        await handler(update, context)
        await done_pressing(update)

    wrapped.__name__ = handler.__name__
    return wrapped
