"""/overzicht's second CSV: one row per entry (date, name, hours, kind, activity, note)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import action
from bot.hours.entries_export import entries_csv
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, me
from handlers.hours.render import month_label
from handlers.notify import answered_after

CSV_ENTRIES = action("hcsve", str, min_role=Role.COORDINATOR)  # month 'YYYY-MM'


async def send_entries_csv(update: Update, context: BotContext) -> None:
    month = str(context.callback_args[0])
    core = context.core
    data = await entries_csv(core.db, core.members, core.texts, me(context), month, context.lang)
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        data,
        filename=f"uren-per-keer-{month}.csv",
        caption=context.t("entriescsv.caption", month=month_label(month, context.lang)),
    )


def register(app: AnyApp) -> None:
    app.add_handler(CallbackQueryHandler(answered_after(send_entries_csv), pattern=f"^{CSV_ENTRIES.name}:"))
