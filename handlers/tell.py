"""Messages to a member other than the one who is talking, in that member's own language."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bot.members import Member, Role
from handlers.common import Rows, core_of, keyboard

log = logging.getLogger(__name__)


def text_for(
    application: Application[Any, Any, Any, Any, Any, Any], member: Member, key: str, **params: object
) -> str:
    return core_of(application).texts.get(member.language, key, **params)


async def tell(
    application: Application[Any, Any, Any, Any, Any, Any],
    member: Member,
    text: str,
    rows: Rows | None = None,
) -> bool:
    """Send ``text`` to ``member``'s private chat; False when that is not possible (blocked, no chat)."""
    if member.telegram_id is None or not member.is_active:
        return False
    try:
        await application.bot.send_message(member.telegram_id, text, reply_markup=keyboard(rows))
    except Forbidden:
        log.info("member %s blocked the bot", member.id)
        return False
    except TelegramError as exc:
        log.warning("could not tell member %s: %s", member.id, type(exc).__name__)
        return False
    return True


async def coordinators(application: Application[Any, Any, Any, Any, Any, Any]) -> list[Member]:
    core = core_of(application)
    return [m for m in await core.members.active_members() if core.members.role_of(m) is Role.COORDINATOR]
