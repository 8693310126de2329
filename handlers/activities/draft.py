"""What the /nieuw and edit conversations share: the draft, navigation buttons, and step names.

The draft lives in ``context.user_data`` (times as ISO text) for the length of the conversation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
)

from bot.callbacks import action
from bot.errors import InvalidInput
from handlers.common import BotContext

NW = action("nw", str)  # a choice within the /nieuw conversation
EDIT_WHEN, EDIT_PLACE_STEP, EDIT_PLACE_TEXT = "edit_when", "edit_place", "edit_place_text"
DRAFT = "nieuw"


class DraftGone(InvalidInput):
    text_key = "nieuw.gone"


def draft_of(context: BotContext) -> dict[str, Any]:
    draft = context.user_data.get(DRAFT) if context.user_data is not None else None
    if draft is None:
        raise DraftGone()
    return draft


def nav_row(context: BotContext, back: bool = True) -> list[tuple[str, str]]:
    row = [(context.t("nieuw.cancel_button"), NW.encode("cancel"))]
    if back:
        row.insert(0, (context.t("nieuw.back_button"), NW.encode("back")))
    return row


def parse_dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def ends_update(callback: Any) -> Any:
    """Conversation steps end the update: no later handler group (the fallback) may answer it too."""

    async def wrapped(update: Update, context: BotContext) -> None:
        raise ApplicationHandlerStop(await callback(update, context))

    return wrapped
