"""/agenda, an activity's detail, claiming a place, the waitlist, /mijn and giving a task back."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.activities.actions import CLAIM, GIVE, OFFER_NO, OFFER_YES
from bot.activities.errors import TaskFull
from bot.activities.notices import reason_text
from bot.callbacks import action
from bot.commands import Command
from bot.i18n import clock_time, day_heading
from bot.jobs import Job
from bot.members.service import Role
from handlers.activities.views import (
    activity_label,
    detail_text,
    place_text,
    places_text,
    short_when,
    when_text,
)
from handlers.common import AnyApp, BotContext, Button, core_of, done_pressing, replace, say
from handlers.keys.bringing import key_rows
from handlers.members.membership import CANCEL
from handlers.paging import MAX_BUTTONS_PER_PAGE, TEXT_LIMIT, say_list

COMMANDS = [
    Command("agenda", Role.NEWCOMER, "command.agenda"),
    Command("mijn", Role.NEWCOMER, "command.mijn"),
]

SHOW = action("act", int)
WAIT = action("wait", int)
GIVE_OK = action("give_ok", int)
AGENDA_DAYS = 14


def claim_button(label: str, task_id: int) -> tuple[str, str]:
    """A button other features may show: pressing it claims a place on the task (served here)."""
    return (label, CLAIM.encode(task_id))


async def agenda(update: Update, context: BotContext) -> None:
    if context.args and context.args[0].lower() in ("abonneren", "subscribe"):
        from handlers.calendar.subscribe import subscribe

        await subscribe(update, context)
        return
    if context.args and context.args[0].lower() == "ics":
        from handlers.activities.ics import send_my_ics

        await send_my_ics(update, context)
        return
    core, lang = context.core, context.lang
    details = await core.activities.agenda(AGENDA_DAYS, include_cancelled=True)
    if not details:
        await say(update, context, context.t("agenda.empty", days=AGENDA_DAYS))
        return
    lines = [context.t("agenda.title", days=AGENDA_DAYS)]
    rows: list[list[Button]] = []
    by_day = itertools.groupby(details, key=lambda d: core.local(d.activity.starts_at).date())
    for day, group in by_day:
        lines.append("")
        lines.append(context.t("agenda.day", day=day_heading(day, lang)))
        for detail in group:
            a = detail.activity
            if a.cancelled:
                when = clock_time(core.local(a.starts_at), lang)
                if a.cancel_reason:
                    reason = reason_text(context.t, a.cancel_reason)
                    lines.append(
                        context.t("agenda.line_cancelled_reason", time=when, title=a.title, reason=reason)
                    )
                else:
                    lines.append(context.t("agenda.line_cancelled", time=when, title=a.title))
                continue
            lines.append(
                context.t(
                    "agenda.line",
                    time=clock_time(core.local(a.starts_at), lang),
                    title=a.title,
                    place=place_text(core, lang, a.place),
                    places=places_text(core, lang, detail.places_left),
                )
            )
            rows.append([(activity_label(core, lang, a), SHOW.encode(a.id))])
    if len("\n".join(lines)) <= TEXT_LIMIT and len(rows) <= MAX_BUTTONS_PER_PAGE:
        await say(update, context, "\n".join(lines), rows)  # the usual agenda: one message
    else:
        await say_list(update, context, lines, context.t("agenda.pick"), rows)


async def detail_view(
    context: BotContext, activity_id: int, note: str = ""
) -> tuple[str, list[list[Button]]]:
    core = context.core
    detail = await core.activities.detail(activity_id)
    text = detail_text(core, context.lang, detail)
    if note:
        text = f"{note}\n\n{text}"
    rows: list[list[tuple[str, str]]] = []
    a = detail.activity
    member = context.member
    upcoming = a.starts_at > core.clock.now()
    if not a.cancelled and upcoming and member is not None:
        for task in detail.tasks:
            if member.id in task.member_ids:
                continue
            if task.places_left > 0:
                rows.append([claim_button(context.t("activity.claim_button", task=task.title), task.id)])
            else:
                rows.append([(context.t("activity.wait_button", task=task.title), WAIT.encode(task.id))])
        rows.extend(await key_rows(context, a))
        if core.activities.edits.can_edit(member, a):
            from handlers.activities.edit import edit_rows

            rows.extend(edit_rows(context, a.id))
    return text, rows


async def show_activity(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    await done_pressing(update)
    text, rows = await detail_view(context, int(activity_id))
    await say(update, context, text, rows)


async def show_from_link(update: Update, context: BotContext, rest: str) -> None:
    """/start act_12 from the group post: the activity's detail in the private chat."""
    if not rest.isdigit():
        await say(update, context, context.t("activity.not_found"))
        return
    text, rows = await detail_view(context, int(rest))
    await say(update, context, text, rows)


async def claim(update: Update, context: BotContext) -> None:
    (task_id,) = context.callback_args
    assert context.member is not None
    core = context.core
    task = await _task(context, int(task_id))
    try:
        await core.claims.claim(context.member, int(task_id))
    except TaskFull:
        await done_pressing(update)
        rows = [[(context.t("activity.wait_button", task=task["title"]), WAIT.encode(int(task_id)))]]
        await say(update, context, context.t("claim.full", task=task["title"]), rows)
        return
    await done_pressing(update)
    note = context.t("claim.done", task=task["title"])
    text, rows = await detail_view(context, task["activity_id"], note)
    await replace(update, context, text, rows)


async def _task(context: BotContext, task_id: int) -> Any:
    task = await context.core.activities.task(task_id)
    return {"title": task.title, "activity_id": task.activity_id}


async def join_waitlist(update: Update, context: BotContext) -> None:
    (task_id,) = context.callback_args
    assert context.member is not None
    task = await _task(context, int(task_id))
    position = await context.core.claims.join_waitlist(context.member, int(task_id))
    await done_pressing(update)
    await replace(update, context, context.t("waitlist.joined", task=task["title"], position=position))


async def accept_offer(update: Update, context: BotContext) -> None:
    (task_id,) = context.callback_args
    assert context.member is not None
    task = await _task(context, int(task_id))
    await context.core.claims.accept_offer(context.member, int(task_id))
    await done_pressing(update)
    text, rows = await detail_view(context, task["activity_id"], context.t("claim.done", task=task["title"]))
    await replace(update, context, text, rows)


async def decline_offer(update: Update, context: BotContext) -> None:
    (task_id,) = context.callback_args
    assert context.member is not None
    await context.core.claims.decline_offer(context.member, int(task_id))
    await done_pressing(update)
    await replace(update, context, context.t("offer.declined"))


async def mine(update: Update, context: BotContext) -> None:
    assert context.member is not None
    core, lang = context.core, context.lang
    claims = await core.activities.upcoming_claims(context.member.id)
    if not claims:
        await say(update, context, context.t("mine.empty"))
        return
    lines = [context.t("mine.title")]
    rows: list[list[Button]] = []
    for c in claims:
        lines.append(
            context.t(
                "mine.line",
                when=when_text(core, lang, c.starts_at, c.ends_at),
                activity=c.activity_title,
                task=c.task_title,
                place=place_text(core, lang, c.place),
            )
        )
        if c.starts_at > core.clock.now():
            label = context.t(
                "mine.give_back_button", task=c.task_title, when=short_when(core, lang, c.starts_at)
            )
            rows.append([(label, GIVE.encode(c.claim_id))])
    await say(update, context, "\n".join(lines), rows)


async def ask_give_back(update: Update, context: BotContext) -> None:
    (claim_id,) = context.callback_args
    assert context.member is not None
    c = await context.core.claims.claim_of(context.member, int(claim_id))
    await done_pressing(update)
    rows = [
        [
            (context.t("mine.give_back_yes"), GIVE_OK.encode(c.claim_id)),
            (context.t("mine.give_back_no"), CANCEL.encode()),
        ]
    ]
    when = when_text(context.core, context.lang, c.starts_at, c.ends_at)
    await replace(
        update,
        context,
        context.t("mine.give_back_confirm", task=c.task_title, activity=c.activity_title, when=when),
        rows,
    )


async def give_back(update: Update, context: BotContext) -> None:
    (claim_id,) = context.callback_args
    assert context.member is not None
    given = await context.core.claims.give_back(context.member, int(claim_id))
    await done_pressing(update)
    await replace(update, context, context.t("mine.given_back", task=given.claim.task_title))


async def expire_offers_job(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Offers past their deadline go to the next in line (the clock is the core's, so tests travel)."""
    await core_of(application).claims.expire_offers()


JOBS = [Job("activity_offers", timedelta(minutes=5), expire_offers_job)]


def register(app: AnyApp) -> None:
    from handlers.members import membership

    membership.START_PARAMETER_HOOKS["act_"] = show_from_link
    app.add_handler(CommandHandler("agenda", agenda))
    app.add_handler(CommandHandler("mijn", mine))
    for declared, callback in (
        (SHOW, show_activity),
        (CLAIM, claim),
        (WAIT, join_waitlist),
        (OFFER_YES, accept_offer),
        (OFFER_NO, decline_offer),
        (GIVE, ask_give_back),
        (GIVE_OK, give_back),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}:"))
