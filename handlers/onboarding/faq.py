"""/wegwijs: short answers by topic or by typed question (the line to the coordinator: questions.py)."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
)

from bot.callbacks import action
from bot.commands import Command
from bot.content_loader import FaqTopic
from bot.coordinator import COORDINATOR_PAGES
from bot.errors import NotFound
from bot.members.service import Role
from bot.onboarding.actions import HOME
from bot.onboarding.faq import decide
from bot.onboarding.questions import ASKED_CATEGORY
from handlers.common import AnyApp, BotContext, Button, Rows, replace, say
from handlers.notify import answered_after
from handlers.onboarding import welcome

COMMANDS = [Command("wegwijs", Role.NEWCOMER, "command.wegwijs")]

CATEGORY = action("faqcat", str)
TOPIC = action("faqtop", str)
FORWARD = action("faqfwd")  # handled in handlers/questions.py
RESUME_WELCOME = action("wresume")


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
    await replace(update, context, render_topic(topic, context), rows)


def render_topic(topic: FaqTopic, context: BotContext) -> str:
    who = context.t("coordinator.content_line") if topic.id in COORDINATOR_PAGES else ""
    return f"<b>{html.escape(topic.title, quote=False)}</b>\n\n{topic.body}{who}"


# --- searching --------------------------------------------------------------------------------------


async def show_answers(
    update: Update, context: BotContext, question: str, *, in_welcome: bool = False
) -> None:
    """Search and answer; the question is kept so "ask the coordinator" can forward it."""
    member = context.member
    assert member is not None
    onboarding = context.core.onboarding
    hits = await context.core.wegwijs.search(question, context.lang)
    # Kept for "ask the coordinator" (a draft paused in another flow keeps its own row).
    pending = await onboarding.pending(member.id)
    kind = (
        pending.kind
        if pending is not None and pending.kind in ("welcome", "faq_question")
        else "faq_question"
    )
    await onboarding.expect(member.id, kind, pending.ref if pending else None, question.strip())
    rows: list[list[Button]] = []
    found = decide(hits)
    if found.sure is not None:
        topic = render_topic(found.sure.topic, context)
        text = "\n".join([context.t("faq.found"), "", topic, "", context.t("faq.not_helpful")])
    elif found.candidates:
        text = context.t("faq.choose", question=question.strip())
        rows += [[topic_button(hit.topic)] for hit in found.candidates]
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


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("wegwijs", wegwijs_command))
    app.add_handler(CallbackQueryHandler(answered_after(go_home), pattern=f"^{HOME.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(show_category), pattern=f"^{CATEGORY.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(show_topic), pattern=f"^{TOPIC.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(resume_welcome), pattern=f"^{RESUME_WELCOME.name}$"))
