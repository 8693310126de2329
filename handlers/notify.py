"""Helpers for handlers that speak about other members: a name as a chat link, and answering a press
after the handler ran. Telling another member something is a use case's consequence in the core
(``bot/notices.py``), queued in the same transaction as the change."""

from __future__ import annotations

import logging

from telegram import Update

from bot import notices
from bot.i18n import Markup
from bot.members.service import Member
from handlers.common import BotContext, Handler, done_pressing

log = logging.getLogger(__name__)


def mention(member: Member) -> Markup:
    """The member's name as a link that opens a chat with them (the same as in notices)."""
    return notices.mention(member.name, member.telegram_id)


def answered_after(handler: Handler) -> Handler:
    """Stop the button's spinner after the handler ran. When the handler raises a domain error, the error
    handler answers the press instead (a press can be answered only once)."""

    async def wrapped(update: Update, context: BotContext) -> None:
        await handler(update, context)
        await done_pressing(update)

    wrapped.__name__ = handler.__name__
    return wrapped
