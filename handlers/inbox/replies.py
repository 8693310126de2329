"""Replies to announcements: "Reageer" on an announcement, the typed reply, the coordinator's answer.

Typed text goes here only while a reply or an answer is being typed (kept in SQLite, so a restart loses
nothing); a command or another feature's button leaves it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler, MessageHandler
from telegram.ext import filters as f

from bot.callbacks import action
from bot.errors import DomainError
from bot.inbox.replies import Replies, ReplyEmpty, ReplyTooLong
from bot.members.service import Role
from handlers import groups
from handlers.common import BotContext, me, replace, say
from handlers.notify import answered_after

REPLY = action("ann_reply", int, min_role=Role.NEWCOMER)  # announcement id
ANSWER = action("inb_ans", int, min_role=Role.COORDINATOR)  # reply id
CANCEL = action("inb_ansx", min_role=Role.NEWCOMER)
OWN_ACTIONS = {REPLY.name, ANSWER.name, CANCEL.name}


async def start_reply(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    quote = await Replies(context.core).start(me(context), int(announcement_id))
    cancel = [[(context.t("button.cancel"), CANCEL.encode())]]
    await say(update, context, context.t("replies.type_reply", quote=quote), cancel)


async def start_answer(update: Update, context: BotContext) -> None:
    (reply_id,) = context.callback_args
    replies = Replies(context.core)
    reply = await replies.begin_answer(me(context), int(reply_id))
    name = (await context.core.members.get(reply.member_id)).name
    cancel = [[(context.t("button.cancel"), CANCEL.encode())]]
    await say(update, context, context.t("replies.type_answer", name=name, text=reply.text), cancel)


async def cancel(update: Update, context: BotContext) -> None:
    replies = Replies(context.core)
    await replies.stop_typing(me(context))
    await replies.stop_answering(me(context))
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext) -> None:
    """A reply or an answer being typed; a command leaves both (and is then handled as usual)."""
    member = context.member
    message = update.effective_message
    if member is None or not member.is_active or message is None:
        return
    replies = Replies(context.core)
    text = message.text or ""
    if text.startswith("/"):
        await replies.stop_typing(member)
        if context.role is Role.COORDINATOR:
            await replies.stop_answering(member)
        return
    if context.role is Role.COORDINATOR and (reply_id := await replies.answering(member)) is not None:
        await _answer(update, context, replies, reply_id, text)
        raise ApplicationHandlerStop
    if await replies.typing(member) is not None:
        _, told = await replies.send(member, text)
        await say(update, context, context.t("replies.sent" if told else "replies.sent_nobody"))
        raise ApplicationHandlerStop


async def _answer(update: Update, context: BotContext, replies: Replies, reply_id: int, text: str) -> None:
    try:
        reply, reachable = await replies.answer(me(context), reply_id, text)
    except (ReplyEmpty, ReplyTooLong):
        raise  # she may type it again
    except DomainError:
        await replies.stop_answering(me(context))
        raise
    name = (await context.core.members.get(reply.member_id)).name
    await say(
        update, context, context.t("replies.answer_sent" if reachable else "replies.answer_lost", name=name)
    )


async def leave_on_other_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    member = context.member
    if query is None or member is None or not member.is_active:
        return
    if (query.data or "").split(":")[0] in OWN_ACTIONS:
        return
    replies = Replies(context.core)
    await replies.stop_typing(member)
    if context.role is Role.COORDINATOR:
        await replies.stop_answering(member)


def register(app: Application) -> None:  # type: ignore[type-arg]
    private_text = f.ChatType.PRIVATE & f.UpdateType.MESSAGE & f.TEXT
    app.add_handler(MessageHandler(private_text, typed), group=groups.INBOX_INPUT)
    app.add_handler(CallbackQueryHandler(leave_on_other_button), group=groups.INBOX_INPUT)
    app.add_handler(CallbackQueryHandler(answered_after(start_reply), pattern=f"^{REPLY.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(start_answer), pattern=f"^{ANSWER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(cancel), pattern=f"^{CANCEL.name}$"))
