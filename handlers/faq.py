"""/wegwijs: short answers by topic or by typed question, and a line to the coordinator.

Typed text goes to the flow that expects it (kept in SQLite, so a restart loses nothing): a question in
/wegwijs, a question typed while reading the welcome, or a coordinator's answer. Any other command or
button leaves that flow.
"""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot.callbacks import action
from bot.commands import Command
from bot.content_loader import FaqTopic
from bot.errors import NotFound
from bot.members import Role
from bot.questions import ASKED_CATEGORY, AlreadyAnswered
from handlers import welcome
from handlers.common import BotContext, Button, Rows, replace, say
from handlers.notify import answered_after, coordinators, tell, text_for

COMMANDS = [Command("wegwijs", Role.NEWCOMER, "command.wegwijs")]

HOME = action("faqhome")
CATEGORY = action("faqcat", str)
TOPIC = action("faqtop", str)
FORWARD = action("faqfwd")
ANSWER = action("faqans", int, min_role=Role.COORDINATOR)
ANSWER_CANCEL = action("faqansx", min_role=Role.COORDINATOR)
ADD = action("faqadd", int, min_role=Role.COORDINATOR)
RESUME_WELCOME = action("wresume")
INPUT_GROUP = -40  # after the join step (-50), before the features (0)
OWN_ACTIONS = {a.name for a in (HOME, CATEGORY, TOPIC, FORWARD, ANSWER, ANSWER_CANCEL, ADD, RESUME_WELCOME)}


# --- browsing ---------------------------------------------------------------------------------------


def category_title(context: BotContext, category_id: str, title: str) -> str:
    return context.t("faq.category_asked") if category_id == ASKED_CATEGORY else title


async def home(context: BotContext) -> tuple[str, Rows]:
    buttons = [
        (category_title(context, category.id, category.title), CATEGORY.encode(category.id))
        for category, _ in await context.core.wegwijs.categories(context.lang)
    ]
    return context.t("faq.intro"), [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def topic_button(topic: FaqTopic) -> Button:
    return (topic.title, TOPIC.encode(topic.id))


async def wegwijs_command(update: Update, context: BotContext) -> None:
    assert context.member is not None
    question = " ".join(context.args or [])
    if question:
        await context.core.onboarding.expect(context.member.id, "faq_question")
        await show_answers(update, context, question)
        return
    await context.core.onboarding.expect(context.member.id, "faq_question")
    text, rows = await home(context)
    await say(update, context, text, rows)


async def go_home(update: Update, context: BotContext) -> None:
    assert context.member is not None
    await context.core.onboarding.expect(context.member.id, "faq_question")
    text, rows = await home(context)
    await replace(update, context, text, rows)


async def show_category(update: Update, context: BotContext) -> None:
    (category_id,) = context.callback_args
    for category, topics in await context.core.wegwijs.categories(context.lang):
        if category.id == category_id:
            rows: list[list[Button]] = [[topic_button(t)] for t in topics]
            rows.append([(context.t("faq.all_topics"), HOME.encode())])
            title = html.escape(category_title(context, category.id, category.title), quote=False)
            await replace(update, context, context.t("faq.category", title=title), rows)
            return
    await replace(
        update, context, context.t("faq.topic_gone"), [[(context.t("faq.all_topics"), HOME.encode())]]
    )


async def show_topic(update: Update, context: BotContext) -> None:
    (topic_id,) = context.callback_args
    wegwijs = context.core.wegwijs
    try:
        topic = await wegwijs.topic(context.lang, str(topic_id))
    except NotFound:  # a topic removed from the files since the button was made
        await replace(
            update, context, context.t("faq.topic_gone"), [[(context.t("faq.all_topics"), HOME.encode())]]
        )
        return
    rows: list[list[Button]] = []
    for other in topic.see_also:
        rows.append([topic_button(await wegwijs.topic(context.lang, other))])
    rows.append([(context.t("faq.all_topics"), HOME.encode())])
    await replace(update, context, render_topic(topic), rows)


def render_topic(topic: FaqTopic) -> str:
    return f"<b>{html.escape(topic.title, quote=False)}</b>\n\n{topic.body}"


# --- searching --------------------------------------------------------------------------------------


async def show_answers(
    update: Update, context: BotContext, question: str, *, in_welcome: bool = False
) -> None:
    """Search and answer; the question is kept so "ask the coordinator" can forward it."""
    member = context.member
    assert member is not None
    onboarding = context.core.onboarding
    hits = await context.core.wegwijs.search(question, context.lang)
    pending = await onboarding.pending(member.id)
    kind = (
        pending.kind
        if pending is not None and pending.kind in ("welcome", "faq_question")
        else "faq_question"
    )
    await onboarding.expect(member.id, kind, pending.ref if pending else None, question.strip())
    rows: list[list[Button]] = []
    if hits:
        parts = [context.t("faq.found"), "", render_topic(hits[0].topic)]
        rows += [[topic_button(hit.topic)] for hit in hits[1:]]
        if len(hits) > 1:
            parts += ["", context.t("faq.more_hits")]
        parts += ["", context.t("faq.not_helpful")]
        text = "\n".join(parts)
    else:
        text = context.t("faq.no_answer", question=question.strip())
    rows.append([(context.t("faq.forward_button"), FORWARD.encode())])
    if in_welcome:
        rows.append([(context.t("faq.resume_welcome"), RESUME_WELCOME.encode())])
    else:
        rows.append([(context.t("faq.all_topics"), HOME.encode())])
    await say(update, context, text, rows)


async def resume_welcome(update: Update, context: BotContext) -> None:
    await welcome.start_welcome(update, context)


# --- a line to the coordinator ----------------------------------------------------------------------


async def forward(update: Update, context: BotContext) -> None:
    member = context.member
    assert member is not None
    pending = await context.core.onboarding.pending(member.id)
    if pending is None or not pending.text:
        await say(update, context, context.t("faq.forward_gone"))
        return
    question = await context.core.wegwijs.ask(member, pending.text)
    await context.core.onboarding.expect(member.id, pending.kind, pending.ref, None)
    core = context.core
    sent = 0
    for coordinator in await coordinators(context.application):
        if coordinator.id == member.id:
            continue
        text = text_for(core, coordinator, "faq.coord_question", name=member.name, question=question.text)
        rows = [
            [
                (text_for(core, coordinator, "faq.answer_button"), ANSWER.encode(question.id)),
                (text_for(core, coordinator, "faq.add_button"), ADD.encode(question.id)),
            ]
        ]
        sent += await tell(context.application, coordinator, text, rows)
    await replace(update, context, context.t("faq.forwarded" if sent else "faq.forwarded_no_coordinator"))


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
        question = await core.wegwijs.answer(coordinator, question_id, text)
    except AlreadyAnswered:
        await core.onboarding.stop_expecting(coordinator.id, "answer")
        raise
    await core.onboarding.stop_expecting(coordinator.id, "answer")
    asker = question.asker
    to_asker = text_for(
        core, asker, "faq.answer_for_you", question=question.text, answer=question.answer or ""
    )
    delivered = await tell(
        context.application, asker, to_asker, [[(text_for(core, asker, "faq.all_topics"), HOME.encode())]]
    )
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


async def route_text(update: Update, context: BotContext) -> None:
    """Typed text goes to the flow waiting for it; a command leaves any such flow."""
    member = context.member
    message = update.effective_message
    if member is None or not member.is_active or message is None:
        return
    pending = await context.core.onboarding.pending(member.id)
    if pending is None:
        return
    text = message.text or ""
    if text.startswith("/"):
        await context.core.onboarding.stop_expecting(member.id)
        return
    if pending.kind == "answer" and pending.ref is not None:
        await receive_answer(update, context, pending.ref, text)
    else:
        await show_answers(update, context, text, in_welcome=pending.kind == "welcome")
    raise ApplicationHandlerStop


async def leave_on_other_button(update: Update, context: BotContext) -> None:
    """A button of another feature leaves the flow that was waiting for typed text."""
    query = update.callback_query
    member = context.member
    if query is None or member is None or not member.is_active:
        return
    name = (query.data or "").split(":")[0]
    if name in OWN_ACTIONS or name in WELCOME_ACTIONS:
        return
    if await context.core.onboarding.pending(member.id) is not None:
        await context.core.onboarding.stop_expecting(member.id)


WELCOME_ACTIONS = {welcome.GO.name, welcome.LATER.name, welcome.DONE.name, welcome.ASK_BUDDY_HERE.name}


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(MessageHandler(f.TEXT & f.UpdateType.MESSAGE, route_text), group=INPUT_GROUP)
    app.add_handler(CallbackQueryHandler(leave_on_other_button), group=INPUT_GROUP)
    app.add_handler(CommandHandler("wegwijs", wegwijs_command))
    app.add_handler(CallbackQueryHandler(answered_after(go_home), pattern=f"^{HOME.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(show_category), pattern=f"^{CATEGORY.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(show_topic), pattern=f"^{TOPIC.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(forward), pattern=f"^{FORWARD.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(start_answer), pattern=f"^{ANSWER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(cancel_answer), pattern=f"^{ANSWER_CANCEL.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(add_to_faq), pattern=f"^{ADD.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(resume_welcome), pattern=f"^{RESUME_WELCOME.name}$"))
