"""The gate every update passes first: who is this, and may they do what they ask?

Strangers see nothing of the group; members still joining finish joining first; each command and button
kind needs its role. Group chats are where the bot posts, never where it listens.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.callbacks import BadCallback
from bot.commands import Command
from bot.flood import StrangerReplies, UpdateBudget
from bot.members.service import Role
from handlers import groups
from handlers.common import AnyApp, BotContext, say, with_retry

GATE_GROUP = groups.GATE
ALWAYS_OPEN = {"start", "help"}
#: What someone who left (or was removed) may still do: see and erase their own data.
OPEN_TO_FORMER = {"start", "mijngegevens", "vergeetmij"}
FORMER_BUTTONS = {"forget_ok", "forget_no"}
BUDGET_KEY, STRANGERS_KEY = "update_budget", "stranger_replies"


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
    budget = _budget(context)
    if not budget.allow(user.id):
        if budget.should_notice(user.id):
            context.member = await core.members.find(user.id)
            if context.member is not None and context.member.is_active:  # strangers hear nothing more
                await say(update, context, context.t("flood.slow_down"))
        raise ApplicationHandlerStop
    # The member and their conversation in one read: every later step of this update uses these.
    whereabouts = await core.conversations.member_and_conversation(user.id)
    context.member, context.conversation = whereabouts.member, whereabouts.current
    context.paused = whereabouts.paused
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
        former = member is not None and member.status == "removed"
        if command == "start" or (former and command in OPEN_TO_FORMER):
            return
        strangers: StrangerReplies = context.bot_data[STRANGERS_KEY]
        if strangers.may_answer(user.id, core.clock.now()):
            await say(update, context, context.t("stranger.removed" if former else "stranger.intro"))
        raise ApplicationHandlerStop
    if member.is_joining:
        if command is not None and command not in ALWAYS_OPEN:
            await say(update, context, context.t("join.finish_first"))
            raise ApplicationHandlerStop
        return
    registry: dict[str, Command] = context.application.bot_data["commands"]
    if command is not None and command in registry and context.role < registry[command].min_role:
        await say(update, context, context.t(refusal_key(context.role, registry[command].min_role)))
        raise ApplicationHandlerStop


def refusal_key(role: Role, needed: Role) -> str:
    """The real reason someone may not: not a member yet, still a newcomer, or only for a coordinator."""
    if role <= Role.STRANGER:
        return "stranger.intro"
    if needed is Role.COORDINATOR:
        return "error.not_allowed"
    return "error.newcomer_not_yet"


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
    member = context.member
    if member is not None and member.status == "removed" and declared.name in FORMER_BUTTONS:
        context.callback_args = args
        return
    if context.role < needed or (needed is Role.STRANGER and context.member is None):
        key = refusal_key(context.role, needed)
        await with_retry(query.answer)
        await say(update, context, context.t(key))
        raise ApplicationHandlerStop
    context.callback_args = args


def _budget(context: BotContext) -> UpdateBudget:
    """Made at the first update, from the config (one per running bot)."""
    budget: UpdateBudget | None = context.bot_data.get(BUDGET_KEY)
    if budget is None:
        access = context.core.config.access
        budget = context.bot_data[BUDGET_KEY] = UpdateBudget(access.flood_burst, access.flood_per_minute / 60)
    return budget


def register(app: AnyApp) -> None:
    app.bot_data[STRANGERS_KEY] = StrangerReplies()
    app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
