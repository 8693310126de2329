"""Joining with the invite code, choosing a language, and coordinators managing members."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot import languages
from bot.callbacks import BadCallback, action
from bot.commands import Command
from bot.leaving import handled_keys
from bot.members.service import Member, Role
from handlers import groups
from handlers.commands_menu import refresh_member_commands
from handlers.common import AnyApp, BotContext, Rows, done_pressing, replace, say
from handlers.members.holdings import holdings_text
from handlers.members.page_actions import SHOW
from handlers.members.picker import PAGE, PICK, member_picker, turn_page
from handlers.onboarding import welcome
from handlers.paging import say_list

log = logging.getLogger(__name__)

COMMANDS = [
    Command("start", Role.STRANGER, "command.start", in_menu=False),
    Command("taal", Role.NEWCOMER, "command.taal"),
    Command("naam", Role.NEWCOMER, "command.naam"),
    Command("leden", Role.COORDINATOR, "command.leden"),
    Command("coordinator", Role.COORDINATOR, "command.coordinator"),
    Command("verwijder", Role.COORDINATOR, "command.verwijder"),
]

LANGUAGE = action("lang", str, min_role=Role.STRANGER)
CONFIRM_COORDINATOR = action("coord_ok", str, int, min_role=Role.COORDINATOR)
CONFIRM_REMOVE = action("rm_ok", int, min_role=Role.COORDINATOR)
CANCEL = action("cancel", min_role=Role.STRANGER)
JOIN_GROUP = groups.JOINING

# Deep-link parameters other features serve for members ("/start act_12"): prefix -> handler(rest).
START_PARAMETER_HOOKS: dict[str, Callable[[Update, BotContext, str], Awaitable[None]]] = {}


def language_rows() -> Rows:
    """Each language under its own name, in its own script (no flags: a language is not a country)."""
    buttons = [(language.native_name, LANGUAGE.encode(language.code)) for language in languages.ALL]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


async def start(update: Update, context: BotContext) -> None:
    member = context.member
    if member is None or not (member.is_active or member.is_joining):
        code = context.args[0] if context.args else ""
        if not code:  # a former member is told so, not given the stranger's "ask for the invite link"
            former = member is not None and member.status == "removed"
            await say(update, context, context.t("stranger.removed" if former else "stranger.intro"))
            return
        assert update.effective_user is not None
        member = await context.core.members.begin_join(update.effective_user.id, code)
        context.member = member
    if member.is_joining:
        await ask_next_join_step(update, context, member)
        return
    parameter = context.args[0] if context.args else ""
    for prefix, hook in START_PARAMETER_HOOKS.items():
        if parameter.startswith(prefix):
            await hook(update, context, parameter.removeprefix(prefix))
            return
    await say(update, context, context.t("start.welcome_back", name=member.name))


async def ask_next_join_step(update: Update, context: BotContext, member: Member) -> None:
    if not member.name:
        await say(update, context, context.t("join.ask_name"))
    else:
        await say(update, context, context.t("join.ask_language", name=member.name), language_rows())


async def join_name(update: Update, context: BotContext) -> None:
    """While joining, a typed line is the name to show."""
    member = context.member
    if member is None or not member.is_joining:
        return
    if member.name:
        await say(update, context, context.t("join.pick_language_first"), language_rows())
    else:
        assert update.effective_message is not None
        member = await context.core.members.set_name(member, update.effective_message.text or "")
        await ask_next_join_step(update, context, member)
    raise ApplicationHandlerStop


async def name_command(update: Update, context: BotContext) -> None:
    """/naam Nieuwe Naam: the same rules as when joining (no markup, no role words, not taken)."""
    member = context.member
    assert member is not None
    text = " ".join(context.args or [])
    if not text:
        await say(update, context, context.t("members.name_how"))
        return
    member = await context.core.members.set_name(member, text)
    await say(update, context, context.t("members.name_changed", name=member.name))


async def choose_language(update: Update, context: BotContext) -> None:
    member = context.member
    if member is None:
        raise BadCallback()
    (language,) = context.callback_args
    # The new menu (new texts, or a new role on joining) is queued with the change by the core.
    member, joined = await context.core.members.choose_language(member, str(language))
    context.member = member
    await done_pressing(update)
    if member.is_joining:
        await ask_next_join_step(update, context, member)
        return
    await replace(update, context, context.t("language.chosen"))
    if joined:
        await welcome.start_welcome(update, context, just_joined=True)


async def language_command(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("language.ask"), language_rows())


async def list_members(update: Update, context: BotContext) -> None:
    """Everyone, in as many messages as needed; a coordinator gets a button per member (their page)."""
    members = await context.core.members.active_members()
    lines = [context.tn("members.list_title", len(members))]
    for member in members:
        role = context.core.members.role_of(member)
        lines.append(context.t(f"members.line.{role.name.lower()}", name=member.name))
    if context.role is not Role.COORDINATOR:
        await say_list(update, context, lines)
        return
    buttons = [(m.name[:30], SHOW.encode(m.id, 0)) for m in members]
    rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await say_list(update, context, lines, context.t("memberpage.pick"), rows)


async def coordinator_command(update: Update, context: BotContext) -> None:
    mode = context.args[0].lower() if context.args else ""
    if mode not in ("add", "remove", "toevoegen", "weg"):
        rows = [
            [
                (context.t("members.coordinator_add_button"), PAGE.encode("cadd", 0)),
                (context.t("members.coordinator_remove_button"), PAGE.encode("crem", 0)),
            ]
        ]
        await say(update, context, context.t("members.coordinator_ask"), rows)
        return
    purpose = "cadd" if mode in ("add", "toevoegen") else "crem"
    text, rows = await member_picker(context, purpose, 0)
    await say(update, context, text, rows)


async def remove_command(update: Update, context: BotContext) -> None:
    text, rows = await member_picker(context, "rm", 0)
    await say(update, context, text, rows)


async def picked(update: Update, context: BotContext) -> None:
    """A member was picked from a list: ask to confirm before changing anything."""
    purpose, member_id = context.callback_args
    await done_pressing(update)
    target = await context.core.members.get(int(member_id))
    cancel = (context.t("button.cancel"), CANCEL.encode())
    if purpose == "rm":
        confirm = (context.t("members.remove_confirm_button"), CONFIRM_REMOVE.encode(target.id))
        text = context.t("members.remove_confirm", name=target.name) + await holdings_text(context, target)
        await replace(update, context, text, [[confirm, cancel]])
        return
    value = "on" if purpose == "cadd" else "off"
    key = "members.coordinator_add_confirm" if value == "on" else "members.coordinator_remove_confirm"
    confirm = (context.t("button.yes"), CONFIRM_COORDINATOR.encode(value, target.id))
    await replace(update, context, context.t(key, name=target.name), [[confirm, cancel]])


async def confirm_coordinator(update: Update, context: BotContext) -> None:
    value, member_id = context.callback_args
    assert context.member is not None
    await done_pressing(update)
    target = await context.core.members.set_coordinator(context.member, int(member_id), value == "on")
    key = "members.coordinator_added" if value == "on" else "members.coordinator_removed"
    await replace(update, context, context.t(key, name=target.name))
    await refresh_member_commands(context.application, target)


async def confirm_remove(update: Update, context: BotContext) -> None:
    (member_id,) = context.callback_args
    assert context.member is not None
    await done_pressing(update)
    left = await context.core.leaving.remove_member(context.member, int(member_id))
    lines = [context.t("members.removed", name=left.member.name)]
    if left.holdings:  # what went where: the other coordinators are told the same (bot/leaving.py)
        lines += context.core.leaving.describe(context.lang, left.holdings)
        lines += [context.t(key) for key in handled_keys([h.kind for h in left.holdings])]
    await replace(update, context, "\n".join(lines))
    await refresh_member_commands(context.application, left.member)


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("common.cancelled"))


def register(app: AnyApp) -> None:
    app.add_handler(MessageHandler(f.TEXT & ~f.COMMAND & f.UpdateType.MESSAGE, join_name), group=JOIN_GROUP)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("taal", language_command))
    app.add_handler(CommandHandler("naam", name_command))
    app.add_handler(CommandHandler("leden", list_members))
    app.add_handler(CommandHandler("coordinator", coordinator_command))
    app.add_handler(CommandHandler("verwijder", remove_command))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=f"^{LANGUAGE.name}:"))
    app.add_handler(CallbackQueryHandler(picked, pattern=f"^{PICK.name}:"))
    app.add_handler(CallbackQueryHandler(turn_page, pattern=f"^{PAGE.name}:"))
    app.add_handler(CallbackQueryHandler(confirm_coordinator, pattern=f"^{CONFIRM_COORDINATOR.name}:"))
    app.add_handler(CallbackQueryHandler(confirm_remove, pattern=f"^{CONFIRM_REMOVE.name}:"))
    app.add_handler(CallbackQueryHandler(cancel, pattern=f"^{CANCEL.name}$"))
