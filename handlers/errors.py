"""The one error handler: domain errors become their text, anything else is logged and apologised for."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.errors import DomainError
from handlers.common import BotContext, say

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if not isinstance(update, Update):
        if isinstance(error, NetworkError):
            log.warning("network trouble outside an update: %s", type(error).__name__)
        else:
            log.error("error outside an update", exc_info=error)
        return
    if isinstance(error, DomainError):
        text = context.t(error.text_key, **error.params)
    else:
        log.error("update %s failed", update.update_id, exc_info=error)
        text = context.t("error.unexpected")
    try:
        if update.callback_query is not None:
            # The handler may have answered it already (stopped the spinner) before the error.
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer()
        if update.effective_chat is not None:
            await say(update, context, text)
    except Forbidden:
        log.info("update %s: user blocked the bot", update.update_id)
    except TelegramError as exc:
        log.warning("update %s: could not report the error: %s", update.update_id, type(exc).__name__)
    # Handled: no other handler (such as the fallback) should answer this update too.
    raise ApplicationHandlerStop
