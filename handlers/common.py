"""What every handler shares: the context with the member, replying, and keyboards."""

from __future__ import annotations

import asyncio
import logging
import warnings
import zlib
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import timedelta
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext, ExtBot
from telegram.warnings import PTBDeprecationWarning

from bot.callbacks import Actions
from bot.conversation import Conversation
from bot.core import Core
from bot.errors import NotFound
from bot.i18n import directed
from bot.members.service import Member, Role
from bot.outbox import NewMessage

log = logging.getLogger(__name__)
T = TypeVar("T")

#: A reply that hit a network fault is tried this many more times, waiting RETRY_DELAY_S, x2, x4...
RETRIES = 3
RETRY_DELAY_S = 0.5
#: A reply Telegram asks us to hold back (429) is not waited for inside the update: one person's throttled
#: chat must not stall everyone. ``say`` hands it to the paced outbox instead.
REPLY_PRIORITY = 1

AnyApp = Application[Any, Any, Any, Any, Any, Any]
Button = tuple[str, str]  # (label, callback data); a url button is ("label", "https://...")
Rows = Sequence[Sequence[Button]]


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus who is talking and where they are: filled in once per update by the access gate."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self.member: Member | None = None
        self.role: Role = Role.STRANGER
        self.conversation: Conversation | None = None  # the flow and step the member is in
        self.paused: dict[str, Conversation] = {}  # drafts left in other flows, by flow
        self.callback_args: tuple[int | str, ...] = ()
        # Once Telegram throttled a reply to this update, the later ones queue behind it in the outbox:
        # sent directly they would overtake it (page 3 of a list arriving before page 2).
        self.replies_queued = False

    @property
    def core(self) -> Core:
        return core_of(self.application)

    @property
    def actions(self) -> Actions:
        """Every button action the bot serves (handed over at bootstrap)."""
        actions: Actions = self.application.bot_data["actions"]  # bot_data is an untyped dict
        return actions

    @property
    def lang(self) -> str:
        return self.member.language if self.member else self.core.config.community.language

    def t(self, key: str, /, **params: object) -> str:
        return self.core.texts.get(self.lang, key, **params)

    def tn(self, key: str, count: int, /, **params: object) -> str:
        """A text with singular and plural forms."""
        return self.core.texts.plural(self.lang, key, count, **params)


#: A handler callback. A Coroutine, not any Awaitable: PTB's handler classes take coroutine functions only.
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def core_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Core:
    core: Core = application.bot_data["core"]  # bot_data is an untyped dict, filled at bootstrap
    return core


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


def is_transient(error: BaseException) -> bool:
    """Telegram could not be reached or asked us to wait: trying again may work.

    ``BadRequest`` is a subclass of ``NetworkError`` in PTB but means our request was wrong: never retried.
    """
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def retry_after_s(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type becomes timedelta; both are handled
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        after = error.retry_after
    return after.total_seconds() if isinstance(after, timedelta) else float(after)


async def with_retry(send: Callable[[], Awaitable[T]], *, retries: int = RETRIES) -> T:
    """Run one Bot API call, again after a network fault or time-out, with back-off.

    A 429 (``RetryAfter``) is raised at once, never slept on: the update path stays free for everyone;
    ``say`` then queues the reply in the outbox, which paces each chat.

    Only for calls where a duplicate is harmless: a reply the user might see twice after a connection
    dropped *after* Telegram applied it. Never wrap something that changes our data: that is committed
    before we reply, so a retried reply never repeats the action.
    """
    for attempt in range(retries + 1):
        try:
            return await send()
        except TelegramError as error:
            if attempt == retries or not is_transient(error) or isinstance(error, RetryAfter):
                raise
            delay = RETRY_DELAY_S * 2**attempt
            log.info("telegram call failed (%s), retry %d in %.1fs", type(error).__name__, attempt + 1, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def say(update: Update, context: BotContext, text: str, rows: Rows | None = None) -> Message | None:
    """Send a new message in the chat the update came from (retried after a network fault).

    When Telegram throttles this chat (429) the reply goes to the outbox, which sends it as soon as the
    chat may receive again, and so do the update's later replies, in order; None then.
    """
    chat = update.effective_chat
    assert chat is not None
    markup = keyboard(rows)
    text = directed(text, context.lang)
    if context.replies_queued:
        await queue_reply(update, context, text, rows)
        return None
    try:
        return await with_retry(lambda: context.bot.send_message(chat.id, text, reply_markup=markup))
    except RetryAfter as error:
        log.info("chat throttled for %.0fs: reply queued in the outbox", retry_after_s(error))
        context.replies_queued = True
        await queue_reply(update, context, text, rows)
        return None


async def queue_reply(update: Update, context: BotContext, text: str, rows: Rows | None = None) -> None:
    """The reply to this update, sent later by the paced outbox worker."""
    chat = update.effective_chat
    assert chat is not None
    member_id = context.member.id if context.member is not None else None
    digest = zlib.crc32(repr((text, rows)).encode())  # two replies to one update differ in text or buttons
    await context.core.outbox.enqueue(
        [
            NewMessage(
                chat_id=chat.id,
                text=text,
                dedupe_key=f"reply:{chat.id}:{update.update_id}:{digest}",
                kind="reply",
                member_id=member_id,
                buttons=[list(row) for row in rows or [] if row],
                priority=REPLY_PRIORITY,
            )
        ]
    )


async def replace(update: Update, context: BotContext, text: str, rows: Rows | None = None) -> None:
    """After a button press: show the result in place of the message that had the button."""
    query = update.callback_query
    if query is None or query.message is None:
        await say(update, context, text, rows)
        return
    markup = keyboard(rows)
    text = directed(text, context.lang)
    try:
        await with_retry(lambda: query.edit_message_text(text, reply_markup=markup))
    except RetryAfter:
        await queue_reply(update, context, text, rows)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            # The message is gone or too old to edit: tell the user in a fresh one instead.
            await say(update, context, text, rows)


async def done_pressing(update: Update) -> None:
    """Stop the button's spinner. Best effort: if Telegram can't be reached the spinner stops by itself."""
    query = update.callback_query
    if query is None:
        return
    try:
        await with_retry(query.answer, retries=1)
    except BadRequest:
        pass  # already answered (a retry after a dropped connection) or too old
    except TelegramError as error:
        if not is_transient(error):
            raise
        log.info("update %s: could not stop the spinner: %s", update.update_id, type(error).__name__)


def me(context: BotContext) -> Member:
    """The member talking (the gate only lets members through to the handlers that ask)."""
    assert context.member is not None
    return context.member


async def member_name(context: BotContext, member_id: int | None) -> str:
    """Someone's name to show, '' for nobody and '?' for a member that no longer exists."""
    if member_id is None:
        return ""
    try:
        return (await context.core.members.get(member_id)).name
    except NotFound:
        return "?"
