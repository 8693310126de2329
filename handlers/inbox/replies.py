"""Replies to announcements: "Reageer" on an announcement, the typed reply, the coordinator's answer.

Typed text comes here through the conversation router (``FLOWS``) while a reply or an answer is being
typed (both kept in SQLite, so a restart loses nothing); a command or another feature's button leaves it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.announcements.actions import REPLY
from bot.callbacks import action
from bot.conversation import Conversation
from bot.errors import DomainError
from bot.inbox.actions import ANSWER
from bot.inbox.replies import Replies, ReplyEmpty, ReplyTooLong
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, me, replace, say
from handlers.conversation import Flow, end_step, put_step
from handlers.notify import answered_after

CANCEL = action("inb_ansx", min_role=Role.NEWCOMER)
FLOW = "inbox_reply"


async def start_reply(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    quote = await Replies(context.core).start(me(context), int(announcement_id))
    await put_step(context, FLOW, "reply", announcement=int(announcement_id))
    cancel = [[(context.t("button.cancel"), CANCEL.encode())]]
    await say(update, context, context.t("replies.type_reply", quote=quote), cancel)


async def start_answer(update: Update, context: BotContext) -> None:
    (reply_id,) = context.callback_args
    replies = Replies(context.core)
    reply = await replies.begin_answer(me(context), int(reply_id))
    await put_step(context, FLOW, "answer")
    name = (await context.core.members.get(reply.member_id)).name
    cancel = [[(context.t("button.cancel"), CANCEL.encode())]]
    await say(update, context, context.t("replies.type_answer", name=name, text=reply.text), cancel)


async def cancel(update: Update, context: BotContext) -> None:
    replies = Replies(context.core)
    await replies.stop_answering(me(context))
    await end_step(context, FLOW)
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext, step: Conversation) -> bool:
    """A reply or an answer being typed; the conversation router leaves the flow on a command."""
    member = me(context)
    message = update.effective_message
    assert message is not None
    replies = Replies(context.core)
    text = message.text or ""
    if step.step == "answer" and context.role is Role.COORDINATOR:
        reply_id = await replies.answering(member)
        if reply_id is not None:
            await _answer(update, context, replies, reply_id, text)
            await end_step(context, FLOW)
            return True
    elif step.step == "reply" and "announcement" in step.draft:
        _, told = await replies.send(member, int(step.draft["announcement"]), text)
        await end_step(context, FLOW)
        await say(update, context, context.t("replies.sent" if told else "replies.sent_nobody"))
        return True
    await end_step(context, FLOW)
    return False


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


FLOWS = [Flow(FLOW, None, (REPLY.name, ANSWER.name, CANCEL.name), on_text=typed)]


def register(app: AnyApp) -> None:
    app.add_handler(CallbackQueryHandler(answered_after(start_reply), pattern=f"^{REPLY.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(start_answer), pattern=f"^{ANSWER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(cancel), pattern=f"^{CANCEL.name}$"))
