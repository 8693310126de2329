"""Registered last: whatever no feature understood still gets a short, helpful answer."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler
from telegram.ext import filters as f

from handlers.common import BotContext, say

LONG_TEXT = 1000


async def unknown_command(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("fallback.unknown_command"))


async def other_text(update: Update, context: BotContext) -> None:
    text = (update.effective_message.text if update.effective_message else "") or ""
    if len(text) > LONG_TEXT:
        key = "fallback.long_text"
    elif not any(ch.isalnum() for ch in text):
        key = "fallback.emoji"
    else:
        key = "fallback.text"
    await say(update, context, context.t(key))


async def media(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("fallback.media"))


async def stale_button(update: Update, context: BotContext) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(context.t("error.old_button"), show_alert=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(MessageHandler(f.COMMAND, unknown_command))
    app.add_handler(MessageHandler(f.TEXT, other_text))
    app.add_handler(MessageHandler(~f.TEXT, media))
    app.add_handler(CallbackQueryHandler(stale_button))
