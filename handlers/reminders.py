"""/herinneringen: switch each reminder kind on or off; the "ik kom" / "ik kan toch niet" buttons; and
the job that wakes the reminder engine (the database decides what is due)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import action
from bot.commands import Command
from bot.jobs import Job
from bot.members.service import Role
from bot.reminders.actions import COMING
from handlers.common import AnyApp, BotContext, core_of, done_pressing, replace, say

COMMANDS = [Command("herinneringen", Role.NEWCOMER, "command.herinneringen")]

SWITCH = action("rem_set", str, min_role=Role.NEWCOMER)


async def wake_reminders(application: Any) -> None:
    await core_of(application).reminders.run_due()


JOBS = [Job("reminders", timedelta(minutes=1), wake_reminders)]


async def settings_view(context: BotContext) -> tuple[str, list[list[tuple[str, str]]]]:
    assert context.member is not None
    settings = await context.core.reminders.settings(context.member)
    rows = [
        [(f"{'✅' if on else '⬜'} {context.t(f'reminders.kind.{kind}')}", SWITCH.encode(kind))]
        for kind, on in settings.items()
    ]
    return context.t("reminders.settings"), rows


async def herinneringen(update: Update, context: BotContext) -> None:
    text, rows = await settings_view(context)
    await say(update, context, text, rows)


async def switch(update: Update, context: BotContext) -> None:
    (kind,) = context.callback_args
    assert context.member is not None
    await done_pressing(update)
    await context.core.reminders.switch(context.member, str(kind))
    text, rows = await settings_view(context)
    await replace(update, context, text, rows)


async def coming(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("reminders.coming_thanks"))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("herinneringen", herinneringen))
    app.add_handler(CallbackQueryHandler(switch, pattern=f"^{SWITCH.name}:"))
    app.add_handler(CallbackQueryHandler(coming, pattern=f"^{COMING.name}:"))
