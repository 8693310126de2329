"""/uitnodiging: the invite link for coordinators, and a new code (after a confirmation) when it leaked."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import action
from bot.commands import Command
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, done_pressing, replace, say

COMMANDS = [Command("uitnodiging", Role.COORDINATOR, "command.uitnodiging")]
RENEW = action("inv_new", min_role=Role.COORDINATOR)
RENEW_OK = action("inv_new_ok", min_role=Role.COORDINATOR)
KEEP = action("inv_keep", min_role=Role.COORDINATOR)


def link(context: BotContext, code: str) -> str:
    return f"https://t.me/{context.bot.username}?start={code}"


async def invitation(update: Update, context: BotContext) -> None:
    code = await context.core.members.invites.current()
    rows = [[(context.t("invite.renew_button"), RENEW.encode())]]
    await say(update, context, context.t("invite.link", link=link(context, code)), rows)


async def renew(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    rows = [[(context.t("invite.renew_ok"), RENEW_OK.encode()), (context.t("invite.keep"), KEEP.encode())]]
    await replace(update, context, context.t("invite.renew_confirm"), rows)


async def renew_confirmed(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    code = await context.core.members.invites.renew()
    await replace(update, context, context.t("invite.renewed", link=link(context, code)))


async def keep(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("invite.kept"))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("uitnodiging", invitation))
    app.add_handler(CallbackQueryHandler(renew, pattern=f"^{RENEW.name}$"))
    app.add_handler(CallbackQueryHandler(renew_confirmed, pattern=f"^{RENEW_OK.name}$"))
    app.add_handler(CallbackQueryHandler(keep, pattern=f"^{KEEP.name}$"))
