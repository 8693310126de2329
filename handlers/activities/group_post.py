"""The group chat: a new activity is posted there with a button that opens it privately, and the post
is edited as places fill ("nog 2 plekken")."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from handlers.activities.views import detail_text
from handlers.common import core_of, keyboard

log = logging.getLogger(__name__)


def _deep_link(username: str, activity_id: int) -> str:
    return f"https://t.me/{username}?start=act_{activity_id}"


async def _render(
    application: Application[Any, Any, Any, Any, Any, Any], activity_id: int
) -> tuple[str, Any]:
    core = core_of(application)
    lang = core.config.community.language
    detail = await core.activities.detail(activity_id)
    text = detail_text(core, lang, detail)
    if detail.activity.cancelled:
        return text, None
    summary = (
        core.texts.get(lang, "agenda.full")
        if detail.places_left <= 0
        else core.texts.plural(lang, "agenda.places_left", detail.places_left)
    )
    text = f"{core.texts.get(lang, 'group.new_activity')}\n\n{text}\n\n<b>{summary}</b>"
    rows = [[(core.texts.get(lang, "group.open_button"), _deep_link(application.bot.username, activity_id))]]
    return text, keyboard(rows)


async def post_new(application: Application[Any, Any, Any, Any, Any, Any], activity_id: int) -> None:
    core = core_of(application)
    chat_id = core.config.telegram.group_chat_id
    if chat_id is None:
        return
    text, markup = await _render(application, activity_id)
    try:
        message = await application.bot.send_message(chat_id, text, reply_markup=markup)
    except TelegramError as exc:
        log.warning("could not post activity %s in the group: %s", activity_id, type(exc).__name__)
        return
    await core.activities.set_group_message(activity_id, message.message_id)


async def refresh(application: Application[Any, Any, Any, Any, Any, Any], activity_id: int) -> None:
    """Bring the group post up to date (places left, new time, cancelled)."""
    core = core_of(application)
    chat_id = core.config.telegram.group_chat_id
    activity = await core.activities.get(activity_id)
    if chat_id is None or activity.group_message_id is None:
        return
    text, markup = await _render(application, activity_id)
    try:
        await application.bot.edit_message_text(
            text, chat_id=chat_id, message_id=activity.group_message_id, reply_markup=markup
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.warning("could not update group post of activity %s: %s", activity_id, exc)
    except TelegramError as exc:
        log.warning("could not update group post of activity %s: %s", activity_id, type(exc).__name__)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Nothing to listen to: the group is where the bot posts, never where it listens."""
