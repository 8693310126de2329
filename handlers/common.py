"""What every handler shares: the context with the member, replying, and keyboards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.core import Core
from bot.members import Member, Role

Button = tuple[str, str]  # (label, callback data); a url button is ("label", "https://...")
Rows = Sequence[Sequence[Button]]


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus who is talking: filled in once per update by the access gate."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self.member: Member | None = None
        self.role: Role = Role.STRANGER
        self.callback_args: tuple[int | str, ...] = ()

    @property
    def core(self) -> Core:
        return self.application.bot_data["core"]

    @property
    def lang(self) -> str:
        return self.member.language if self.member else self.core.config.community.language

    def t(self, key: str, /, **params: object) -> str:
        return self.core.texts.get(self.lang, key, **params)

    def tn(self, key: str, count: int, /, **params: object) -> str:
        """A text with singular and plural forms."""
        return self.core.texts.plural(self.lang, key, count, **params)


def core_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Core:
    return application.bot_data["core"]


def keyboard(rows: Rows | None) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, url=data)
                if data.startswith(("https://", "http://", "tg://"))
                else InlineKeyboardButton(label, callback_data=data)
                for label, data in row
            ]
            for row in rows
            if row
        ]
    )


async def say(update: Update, context: BotContext, text: str, rows: Rows | None = None) -> Message:
    """Send a new message in the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, reply_markup=keyboard(rows))


async def replace(update: Update, context: BotContext, text: str, rows: Rows | None = None) -> None:
    """After a button press: show the result in place of the message that had the button."""
    query = update.callback_query
    if query is None or query.message is None:
        await say(update, context, text, rows)
        return
    try:
        await query.edit_message_text(text, reply_markup=keyboard(rows))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            # The message is gone or too old to edit: tell the user in a fresh one instead.
            await say(update, context, text, rows)


async def done_pressing(update: Update) -> None:
    """Stop the button's spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer()
