"""/welkom: the welcome story in short steps, with Next/Back/Later, ending with where to start."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.activities.actions import CLAIM
from bot.callbacks import action
from bot.commands import Command
from bot.coordinator import COORDINATOR_PAGES
from bot.i18n import clock_time, day_label_short
from bot.members.service import Role
from bot.onboarding.service import WelcomeView
from handlers.common import AnyApp, BotContext, Button, Rows, replace, say
from handlers.notify import answered_after

log = logging.getLogger(__name__)

COMMANDS = [Command("welkom", Role.NEWCOMER, "command.welkom")]

GO = action("wgo", int, int)  # reading round, step index
LATER = action("wlater", int)
DONE = action("wdone", int)
ASK_BUDDY_HERE = action("wbuddy")
OPEN_TASKS = 3
TASK_DAYS = 14


async def start_welcome(update: Update, context: BotContext, *, just_joined: bool = False) -> None:
    """Show the step the member is at (the first one right after joining)."""
    member = context.member
    assert member is not None
    view = await context.core.onboarding.start_welcome(member)
    if just_joined:
        community = context.core.config.community.name
        await say(update, context, context.t("welcome.joined", name=member.name, community=community))
    text, rows = await render_step(context, view)
    await say(update, context, text, rows)


async def render_step(context: BotContext, view: WelcomeView) -> tuple[str, Rows]:
    step = view.step
    parts = [
        context.t("welcome.step_header", number=view.index + 1, total=view.total),
        f"<b>{html.escape(step.title, quote=False)}</b>",
        "",
        step.body + (context.t("coordinator.content_line") if step.id in COORDINATOR_PAGES else ""),
    ]
    rows: list[list[Button]] = []
    if view.is_last:
        lines, task_rows = await open_tasks(context)
        parts += ["", *lines]
        rows += task_rows
    nav: list[Button] = []
    if view.index > 0:
        nav.append((context.t("welcome.back"), GO.encode(view.round, view.index - 1)))
    if view.is_last:
        nav.append((context.t("welcome.done_button"), DONE.encode(view.round)))
    else:
        nav.append((context.t("welcome.next"), GO.encode(view.round, view.index + 1)))
    rows.append(nav)
    if view.is_last:
        rows.append([(context.t("welcome.buddy_button"), ASK_BUDDY_HERE.encode())])
    else:
        rows.append([(context.t("welcome.later_button"), LATER.encode(view.round))])
    return "\n".join(parts), rows


async def open_tasks(context: BotContext) -> tuple[list[str], list[list[Button]]]:
    """Up to three open tasks with claim buttons."""
    tasks = await context.core.activities.open_tasks(limit=OPEN_TASKS, within_days=TASK_DAYS)
    if not tasks:
        return [context.t("welcome.no_open_tasks")], []
    lines = [context.t("welcome.open_tasks_title")]
    rows: list[list[Button]] = []
    for task in tasks[:OPEN_TASKS]:
        start = context.core.local(task.starts_at)
        when = {"day": day_label_short(start, context.lang), "time": clock_time(start, context.lang)}
        what = {"task": task.task_title, "activity": task.activity_title, **when}
        if task.place:
            place = context.core.rooms.place_name(task.place, context.lang)
            lines.append(context.t("welcome.open_task_line", place=place, **what))
        else:
            lines.append(context.t("welcome.open_task_line_no_place", **what))
        rows.append([(context.t("welcome.claim_button", task=task.task_title), CLAIM.encode(task.task_id))])
    lines.append(context.t("welcome.see_agenda"))
    return lines, rows


async def welcome_command(update: Update, context: BotContext) -> None:
    await start_welcome(update, context)


async def go(update: Update, context: BotContext) -> None:
    round_, index = context.callback_args
    assert context.member is not None
    view = await context.core.onboarding.welcome_step(context.member, int(round_), int(index))
    text, rows = await render_step(context, view)
    await replace(update, context, text, rows)


async def later(update: Update, context: BotContext) -> None:
    (round_,) = context.callback_args
    assert context.member is not None
    await context.core.onboarding.welcome_later(context.member, int(round_))
    await replace(update, context, context.t("welcome.later"))


async def done(update: Update, context: BotContext) -> None:
    (round_,) = context.callback_args
    assert context.member is not None
    await context.core.onboarding.finish_welcome(context.member, int(round_))
    # The claim buttons stay: the member may still want one of the tasks.
    lines, task_rows = await open_tasks(context)
    rows = [*task_rows, [(context.t("welcome.buddy_button"), ASK_BUDDY_HERE.encode())]]
    await replace(update, context, "\n".join([context.t("welcome.done"), "", *lines]), rows)


async def ask_buddy(update: Update, context: BotContext) -> None:
    from handlers.onboarding.buddy import ask_for_buddy

    await ask_for_buddy(update, context)


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("welkom", welcome_command))
    app.add_handler(CallbackQueryHandler(answered_after(go), pattern=f"^{GO.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(later), pattern=f"^{LATER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(done), pattern=f"^{DONE.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(ask_buddy), pattern=f"^{ASK_BUDDY_HERE.name}$"))
