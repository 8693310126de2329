"""/mijngegevens (all your data as a JSON file) and /vergeetmij (be forgotten, after a confirmation)."""

from __future__ import annotations

import dataclasses
import json

from telegram import InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, action
from bot.commands import Command
from bot.members.service import Role
from handlers.commands_menu import refresh_member_commands
from handlers.common import AnyApp, BotContext, done_pressing, replace, say, with_retry
from handlers.members.holdings import holdings_text

COMMANDS = [
    Command("mijngegevens", Role.NEWCOMER, "command.mijngegevens"),
    Command("vergeetmij", Role.NEWCOMER, "command.vergeetmij"),
]

FORGET = action("forget_ok", int, min_role=Role.NEWCOMER)
KEEP = action("forget_no", min_role=Role.NEWCOMER)
EXPORT_FILE_NAME = "mijn-gegevens.json"


async def my_data(update: Update, context: BotContext) -> None:
    assert context.member is not None and update.effective_chat is not None
    data = await context.core.privacy.export(context.member)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
    chat_id = update.effective_chat.id
    await with_retry(
        lambda: context.bot.send_document(
            chat_id,
            InputFile(payload, filename=EXPORT_FILE_NAME),
            caption=context.t("privacy.export_caption"),
        )
    )


async def forget_me(update: Update, context: BotContext) -> None:
    assert context.member is not None
    rows = [
        [(context.t("privacy.forget_button"), FORGET.encode(context.member.id))],
        [(context.t("privacy.keep_button"), KEEP.encode())],
    ]
    held = await holdings_text(context, context.member, self_=True)
    await say(update, context, context.t("privacy.forget_confirm") + held, rows)


async def forget_confirmed(update: Update, context: BotContext) -> None:
    (member_id,) = context.callback_args
    member = context.member
    if member is None or member_id != member.id:
        # Someone else's button (forwarded or forged): never erase anyone but the presser.
        raise BadCallback()
    await done_pressing(update)
    await context.core.leaving.erase_member(member)
    await replace(update, context, context.t("privacy.forgotten"))
    await refresh_member_commands(context.application, dataclasses.replace(member, status="erased"))


async def keep_me(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("privacy.kept"))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("mijngegevens", my_data))
    app.add_handler(CommandHandler("vergeetmij", forget_me))
    app.add_handler(CallbackQueryHandler(forget_confirmed, pattern=f"^{FORGET.name}:"))
    app.add_handler(CallbackQueryHandler(keep_me, pattern=f"^{KEEP.name}$"))
