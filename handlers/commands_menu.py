"""Telegram's command menu: strangers see how to start, each member sees what their role may use."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError
from telegram.ext import Application

from bot.commands import Command, commands_for
from bot.languages import LANGUAGES
from bot.members.service import Member, Role
from handlers.common import core_of

log = logging.getLogger(__name__)


def menu(
    application: Application[Any, Any, Any, Any, Any, Any], role: Role, language: str
) -> list[BotCommand]:
    core = core_of(application)
    registry: list[Command] = application.bot_data["command_list"]
    return [
        BotCommand(command.name, core.texts.get(language, command.help_key))
        for command in commands_for(role, registry)
        if command.in_menu
    ]


async def publish_default_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    default_language = core_of(application).config.community.language
    for language in LANGUAGES:
        code = "" if language == default_language else language
        await application.bot.set_my_commands(
            menu(application, Role.STRANGER, language),
            scope=BotCommandScopeDefault(),
            language_code=code or None,
        )


async def refresh_member_commands(
    application: Application[Any, Any, Any, Any, Any, Any], member: Member
) -> None:
    """Give this member's private chat the menu of their role and language (or the stranger's)."""
    if member.telegram_id is None:
        return
    role = core_of(application).members.role_of(member)
    try:
        await application.bot.set_my_commands(
            menu(application, role, member.language), scope=BotCommandScopeChat(member.telegram_id)
        )
    except TelegramError as exc:
        log.warning("could not set commands for member %s: %s", member.id, type(exc).__name__)


async def menu_for_chat(
    application: Application[Any, Any, Any, Any, Any, Any], chat_id: int
) -> list[BotCommand]:
    """The menu a private chat should have now: its member's role and language, or the stranger's."""
    core = core_of(application)
    member = await core.members.find(chat_id)
    language = member.language if member is not None else core.config.community.language
    return menu(application, core.members.role_of(member), language)


async def publish_all_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    await publish_default_commands(application)
    for member in await core_of(application).members.active_members():
        await refresh_member_commands(application, member)
