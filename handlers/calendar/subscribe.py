"""/agenda abonneren: a private calendar URL for the phone (own tasks or the whole agenda), revocable."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.calendar.feeds import live_feeds, new_feed, revoke_feeds
from bot.callbacks import action
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, Button, me, replace, say
from handlers.notify import answered_after

NEW = action("cal_new", str, min_role=Role.NEWCOMER)  # scope
REVOKE = action("cal_off", min_role=Role.NEWCOMER)


async def subscribe(update: Update, context: BotContext) -> None:
    if not context.core.config.calendar.listen:
        await say(update, context, context.t("calendar.off"))
        return
    rows: list[list[Button]] = [
        [(context.t("calendar.mine_button"), NEW.encode("mine"))],
        [(context.t("calendar.all_button"), NEW.encode("all"))],
    ]
    if context.role is Role.COORDINATOR:
        rows.append([(context.t("calendar.public_button"), NEW.encode("public"))])
    if await live_feeds(context.core, me(context)):
        rows.append([(context.t("calendar.revoke_button"), REVOKE.encode())])
    await say(update, context, context.t("calendar.explain"), rows)


async def make_feed(update: Update, context: BotContext) -> None:
    (scope,) = context.callback_args
    url = await new_feed(context.core, me(context), str(scope))
    await replace(update, context, context.t(f"calendar.made.{scope}", url=url))


async def revoke(update: Update, context: BotContext) -> None:
    count = await revoke_feeds(context.core, me(context))
    await replace(update, context, context.tn("calendar.revoked", count))


def register(app: AnyApp) -> None:
    app.add_handler(CallbackQueryHandler(answered_after(make_feed), pattern=f"^{NEW.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(revoke), pattern=f"^{REVOKE.name}$"))
