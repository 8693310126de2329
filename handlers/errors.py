"""The one error handler: domain errors become their text, anything else is logged and apologised for."""

from __future__ import annotations

import contextlib
import logging
import sqlite3

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.errors import DomainError
from handlers.common import BotContext, is_transient, say
from storage.db import DatabaseUnusable

log = logging.getLogger(__name__)


def is_storage_fault(error: BaseException | None) -> bool:
    """The database could not be read or written (not a bug in a query, such as a constraint)."""
    return isinstance(error, sqlite3.OperationalError | DatabaseUnusable) or (
        type(error) is sqlite3.DatabaseError
    )


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
    elif is_storage_fault(error):
        # Locked, full, read-only or damaged: the change was not saved, and saying "nothing was lost"
        # would not be honest.
        log.error("update %s: database fault: %s", update.update_id, error)
        text = context.t("error.storage")
    elif error is not None and is_transient(error):
        # Telegram was unreachable even after the retries in say(): not a bug of ours. What the update
        # changed is committed; the user sees no answer and tries again (see docs/reliability.md).
        log.warning("update %s not answered: %s", update.update_id, type(error).__name__)
        text = context.t("error.unexpected")
    else:
        log.error("update %s failed", update.update_id, exc_info=error)
        text = context.t("error.unexpected")
    if update.callback_query is not None:
        # The handler may have answered the press already; a second answer fails and that's fine.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        if update.effective_chat is not None:
            await say(update, context, text)
    except Forbidden:
        log.info("update %s: user blocked the bot", update.update_id)
    except TelegramError as exc:
        log.warning("update %s: could not report the error: %s", update.update_id, type(exc).__name__)
    # Handled: no other handler (such as the fallback) should answer this update too.
    raise ApplicationHandlerStop
