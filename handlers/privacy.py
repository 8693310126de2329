"""/mijngegevens (all your data as a JSON file) and /vergeetmij (be forgotten, after a confirmation)."""

from __future__ import annotations

import dataclasses
import json

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, action
from bot.commands import Command
from bot.members.service import Role
from handlers.activities import group_post
from handlers.activities.agenda import send_offers
from handlers.commands_menu import refresh_member_commands
from handlers.common import BotContext, done_pressing, replace, say, with_retry

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
    await say(update, context, context.t("privacy.forget_confirm"), rows)


async def forget_confirmed(update: Update, context: BotContext) -> None:
    (member_id,) = context.callback_args
    member = context.member
    if member is None or member_id != member.id:
        # Someone else's button (forwarded or forged): never erase anyone but the presser.
        raise BadCallback()
    await done_pressing(update)
    core = context.core
    now = core.clock.now()
    upcoming = [c for c in await core.claims.all_claims_of(member.id) if c.starts_at > now]
    await core.privacy.erase(member)
    await replace(update, context, context.t("privacy.forgotten"))
    await refresh_member_commands(context.application, dataclasses.replace(member, status="erased"))
    # The erasure gave their upcoming places back: offer them to the waitlist and update the group posts.
    await send_offers(context.application, await core.claims.offer_free_places([c.task_id for c in upcoming]))
    for activity_id in sorted({c.activity_id for c in upcoming}):
        await group_post.refresh(context.application, activity_id)


async def keep_me(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("privacy.kept"))


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("mijngegevens", my_data))
    app.add_handler(CommandHandler("vergeetmij", forget_me))
    app.add_handler(CallbackQueryHandler(forget_confirmed, pattern=f"^{FORGET.name}:"))
    app.add_handler(CallbackQueryHandler(keep_me, pattern=f"^{KEEP.name}$"))
