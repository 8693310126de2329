"""Messages to other members than the one talking: in their own language, never failing the sender."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.core import Core
from bot.i18n import Markup
from bot.members import Member, Role
from handlers.common import BotContext, Rows, core_of, done_pressing, keyboard

log = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]


def mention(member: Member) -> Markup:
    """The member's name as a link that opens a chat with them."""
    name = html.escape(member.name, quote=False)
    if member.telegram_id is None:
        return Markup(name)
    return Markup(f'<a href="tg://user?id={member.telegram_id}">{name}</a>')


def text_for(core: Core, member: Member, key: str, /, **params: object) -> str:
    return core.texts.get(member.language, key, **params)


async def tell(application: AnyApp, member: Member, text: str, rows: Rows | None = None) -> bool:
    """Send ``text`` to ``member``; False (logged) when they blocked the bot or left Telegram."""
    if member.telegram_id is None or not member.is_active:
        return False
    try:
        await application.bot.send_message(member.telegram_id, text, reply_markup=keyboard(rows))
    except TelegramError as exc:
        log.warning("could not message member %s: %s", member.id, type(exc).__name__)
        return False
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
