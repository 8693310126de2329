"""Questions forwarded to the coordinators, their answers back through the bot, "add to wegwijs", and
where typed text goes.

Typed text goes to the flow that expects it (kept in SQLite, so a restart loses nothing): a question in
/wegwijs, a question typed while reading the welcome, or a coordinator's answer. Any other command or
button leaves that flow.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import action
from bot.conversation import Conversation
from bot.errors import DomainError
from bot.members.service import Role
from bot.onboarding.actions import ADD, ANSWER, HOME
from bot.onboarding.plain import read_plain
from bot.onboarding.questions import AnswerEmpty, AnswerTooLong
from handlers.common import AnyApp, BotContext, replace, say
from handlers.conversation import Flow, end_step
from handlers.notify import answered_after
from handlers.onboarding import welcome
from handlers.onboarding.faq import CATEGORY, FORWARD, RESUME_WELCOME, TOPIC, show_answers

ANSWER_CANCEL = action("faqansx", min_role=Role.COORDINATOR)
OWN_ACTIONS = {a.name for a in (HOME, CATEGORY, TOPIC, FORWARD, ANSWER, ANSWER_CANCEL, ADD, RESUME_WELCOME)}


# --- a line to the coordinator ----------------------------------------------------------------------


async def forward(update: Update, context: BotContext) -> None:
    member = context.member
    assert member is not None
    pending = await context.core.onboarding.pending(member.id)
    if pending is None or not pending.text:
        await say(update, context, context.t("faq.forward_gone"))
        return
    _, reached = await context.core.wegwijs.ask(member, pending.text)  # forgets the typed text, atomically
    await replace(update, context, context.t("faq.forwarded" if reached else "faq.forwarded_no_coordinator"))


async def start_answer(update: Update, context: BotContext) -> None:
    (question_id,) = context.callback_args
    assert context.member is not None
    question = await context.core.wegwijs.check_unanswered(int(question_id))
    await context.core.onboarding.expect(context.member.id, "answer", question.id)
    cancel = [[(context.t("button.cancel"), ANSWER_CANCEL.encode())]]
    await say(
        update,
        context,
        context.t("faq.type_answer", name=question.asker.name, question=question.text),
        cancel,
    )


async def cancel_answer(update: Update, context: BotContext) -> None:
    assert context.member is not None
    await context.core.onboarding.stop_expecting(context.member.id, "answer")
    await replace(update, context, context.t("faq.answer_cancelled"))


async def receive_answer(update: Update, context: BotContext, question_id: int, text: str) -> None:
    coordinator = context.member
    assert coordinator is not None
    core = context.core
    try:
        question, delivered = await core.wegwijs.answer(coordinator, question_id, text)
    except (AnswerEmpty, AnswerTooLong):
        raise  # the coordinator may type it again
    except DomainError:
        # Already answered by someone else, no longer a coordinator, ...: leave the flow.
        await core.onboarding.stop_expecting(coordinator.id, "answer")
        raise
    await core.onboarding.stop_expecting(coordinator.id, "answer")
    asker = question.asker
    key = "faq.answer_sent" if delivered else "faq.answer_not_delivered"
    await say(
        update,
        context,
        context.t(key, name=asker.name),
        [[(context.t("faq.add_button"), ADD.encode(question.id))]],
    )


async def add_to_faq(update: Update, context: BotContext) -> None:
    (question_id,) = context.callback_args
    assert context.member is not None
    topic = await context.core.wegwijs.add_to_faq(context.member, int(question_id))
    await replace(update, context, context.t("faq.added", title=topic.title))


# --- typed text -------------------------------------------------------------------------------------


async def route_text(update: Update, context: BotContext, step: Conversation) -> bool | None:
    """Typed text goes to the flow waiting for it: a coordinator's answer, or a question to look up.
    Any command, or a button of another feature, leaves it (handlers/conversation.py)."""
    text = (update.effective_message.text if update.effective_message else "") or ""
    ref = step.draft.get("ref")
    if step.step == "answer" and ref is not None:
        await receive_answer(update, context, int(ref), text)
        return None
    if read_plain(text).kind != "question":
        # "agenda", "hallo", "ik kan toch niet" while /wegwijs waits: not a question; the fallback reads it.
        if step.step != "welcome":
            await end_step(context, "wegwijs")
        return False
    await show_answers(update, context, text, in_welcome=step.step == "welcome")
    return None


WELCOME_ACTIONS = {welcome.GO.name, welcome.LATER.name, welcome.DONE.name, welcome.ASK_BUDDY_HERE.name}
# A question may be typed any time while the welcome or /wegwijs is open: no answer window, no expiry.
FLOWS = [
    Flow(
        "wegwijs",
        None,
        tuple(OWN_ACTIONS | WELCOME_ACTIONS),
        on_text=route_text,
        answer_window=None,
        resumable_for=None,
    )
]


def register(app: AnyApp) -> None:
    app.add_handler(CallbackQueryHandler(answered_after(forward), pattern=f"^{FORWARD.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(start_answer), pattern=f"^{ANSWER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(cancel_answer), pattern=f"^{ANSWER_CANCEL.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(add_to_faq), pattern=f"^{ADD.name}:"))
