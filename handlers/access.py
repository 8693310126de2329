"""The gate every update passes first: who is this, and may they do what they ask?

Strangers see nothing of the group; members still joining finish joining first; each command and button
kind needs its role. Group chats are where the bot posts, never where it listens.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.callbacks import BadCallback
from bot.commands import Command
from bot.members.service import Role
from handlers import groups
from handlers.common import BotContext, say, with_retry

GATE_GROUP = groups.GATE
ALWAYS_OPEN = {"start", "help"}


def command_of(text: str | None, bot_username: str) -> str | None:
    """'/agenda@burenbot extra' -> 'agenda'; None for ordinary text."""
    if not text or not text.startswith("/"):
        return None
    word = text.split()[0][1:]
    name, _, target = word.partition("@")
    if target and target.lower() != bot_username.lower():
        return None
    return name.lower()


async def gate(update: Update, context: BotContext) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != "private" or user.is_bot:
        raise ApplicationHandlerStop
    core = context.core
    context.member, context.conversation = await core.conversations.member_and_conversation(user.id)
    context.role = core.members.role_of(context.member)
    if update.edited_message is not None:
        await say(update, context, context.t("fallback.edited"))
        raise ApplicationHandlerStop
    if update.callback_query is not None:
        await _check_button(update, context)
        return
    message = update.effective_message
    command = command_of(message.text if message else None, context.bot.username)
    member = context.member
    if member is None or member.status in ("removed", "erased"):
        if command != "start":
            key = "stranger.removed" if member is not None else "stranger.intro"
            await say(update, context, context.t(key))
            raise ApplicationHandlerStop
        return
    if member.is_joining:
        if command is not None and command not in ALWAYS_OPEN:
            await say(update, context, context.t("join.finish_first"))
            raise ApplicationHandlerStop
        return
    registry: dict[str, Command] = context.application.bot_data["commands"]
    if command is not None and command in registry and context.role < registry[command].min_role:
        await say(update, context, context.t("error.not_allowed"))
        raise ApplicationHandlerStop


async def _check_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    try:
        declared, args = context.actions.decode(query.data)
    except BadCallback:
        text = context.t("error.old_button")
        await with_retry(lambda: query.answer(text, show_alert=True))
        raise ApplicationHandlerStop from None
    needed = declared.min_role
    if context.role < needed or (needed is Role.STRANGER and context.member is None):
        key = "error.not_allowed" if context.role > Role.STRANGER else "stranger.intro"
        await with_retry(query.answer)
        await say(update, context, context.t(key))
        raise ApplicationHandlerStop
    context.callback_args = args


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
