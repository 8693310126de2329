"""Leaving a half-typed keys or wijkbudget step by typing a command or pressing another feature's button.

Both features keep their step in the same one-row-per-member drafts table, so one check serves both:
this runs on every command and button press, and each check is a database read.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler
from telegram.ext import filters as f

from handlers import groups
from handlers.common import BotContext

# A button of the feature that owns the step keeps it (e.g. "Annuleren" or a picker page).
OWN_BUTTONS = {"keys": "key_", "budget": "bud_"}


async def leave_on_command(update: Update, context: BotContext) -> None:
    member = context.member
    if member is not None and member.is_active:
        await context.core.drafts.clear(member.id)


async def leave_on_other_button(update: Update, context: BotContext) -> None:
    member = context.member
    if member is None or not member.is_active or update.callback_query is None:
        return
    feature = await context.core.drafts.feature_of(member.id)
    if feature is None:
        return
    if not (update.callback_query.data or "").startswith(OWN_BUTTONS.get(feature, "\0")):
        await context.core.drafts.clear(member.id)


def register(app: Application) -> None:  # type: ignore[type-arg]
    private = f.ChatType.PRIVATE & f.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & f.COMMAND, leave_on_command), group=groups.STEP_LEAVE)
    app.add_handler(CallbackQueryHandler(leave_on_other_button), group=groups.STEP_LEAVE)
