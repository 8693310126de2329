"""/agenda, an activity's detail, claiming a place, the waitlist, /mijn and giving a task back."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.activities.claims import GivenBack, Offer
from bot.activities.errors import TaskFull
from bot.callbacks import action
from bot.commands import Command
from bot.i18n import clock_time, day_label
from bot.jobs import Job
from bot.members.service import Member, Role
from handlers.activities import group_post
from handlers.activities.views import (
    activity_label,
    detail_text,
    place_text,
    places_text,
    short_when,
    tell,
    when_text,
)
from handlers.common import BotContext, Rows, core_of, done_pressing, replace, say
from handlers.keys.bringing import key_rows
from handlers.members.membership import CANCEL
from handlers.onboarding.buddy import notify_first_claim

COMMANDS = [
    Command("agenda", Role.NEWCOMER, "command.agenda"),
    Command("mijn", Role.NEWCOMER, "command.mijn"),
]

SHOW = action("act", int)
CLAIM = action("claim", int)
WAIT = action("wait", int)
OFFER_YES = action("offer_yes", int)
OFFER_NO = action("offer_no", int)
GIVE = action("give", int)
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
    rows: Rows = []
    by_day = itertools.groupby(details, key=lambda d: core.local(d.activity.starts_at).date())
    for day, group in by_day:
        lines.append("")
        lines.append(context.t("agenda.day", day=day_label(day, lang).capitalize()))
        for detail in group:
            a = detail.activity
            if a.cancelled:
                when = clock_time(core.local(a.starts_at), lang)
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
    await say(update, context, "\n".join(lines), rows)


async def detail_view(context: BotContext, activity_id: int, note: str = "") -> tuple[str, Rows]:
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
        if core.activities.can_edit(member, a):
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
    await group_post.refresh(context.application, task["activity_id"])
    await notify_first_claim(context.application, context.member.id, task["title"])


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
    await group_post.refresh(context.application, task["activity_id"])


async def decline_offer(update: Update, context: BotContext) -> None:
    (task_id,) = context.callback_args
    assert context.member is not None
    offers = await context.core.claims.decline_offer(context.member, int(task_id))
    await done_pressing(update)
    await replace(update, context, context.t("offer.declined"))
    await send_offers(context.application, offers)


async def mine(update: Update, context: BotContext) -> None:
    assert context.member is not None
    core, lang = context.core, context.lang
    claims = await core.activities.upcoming_claims(context.member.id)
    if not claims:
        await say(update, context, context.t("mine.empty"))
        return
    lines = [context.t("mine.title")]
    rows: Rows = []
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
    await after_give_back(context.application, context.member, given)


async def release_places_of_removed(app: Application, member: Member) -> None:  # type: ignore[type-arg]
    """A removed member's upcoming places go back to the group, as if they gave them back."""
    core = core_of(app)
    now = core.clock.now()
    for claim in await core.activities.upcoming_claims(member.id):
        if claim.starts_at <= now:
            continue  # already running: that place is history, not a free place
        await after_give_back(app, member, await core.claims.give_back(member, claim.claim_id))


async def after_give_back(app: Application, member: Member, given: GivenBack) -> None:  # type: ignore[type-arg]
    core, c = core_of(app), given.claim
    name = member.name
    if given.short_notice and given.organiser_id != member.id:
        await tell(
            app,
            given.organiser_id,
            lambda lang: (
                core.texts.get(
                    lang,
                    "notify.given_back_short",
                    name=name,
                    task=c.task_title,
                    activity=c.activity_title,
                    when=when_text(core, lang, c.starts_at, c.ends_at),
                ),
                None,
            ),
        )
    await send_offers(app, list(given.offers))
    await group_post.refresh(app, c.activity_id)


async def send_offers(application: Application[Any, Any, Any, Any, Any, Any], offers: list[Offer]) -> None:
    core = core_of(application)
    for offer in offers:
        task = await core.activities.task(offer.task_id)
        activity = await core.activities.get(task.activity_id)

        def build(
            lang: str, task: Any = task, activity: Any = activity, offer: Offer = offer
        ) -> tuple[str, Rows]:
            text = core.texts.get(
                lang,
                "offer.text",
                task=task.title,
                activity=activity.title,
                when=when_text(core, lang, activity.starts_at, activity.ends_at),
                deadline=clock_time(core.local(offer.expires_at), lang),
            )
            rows = [
                [
                    (core.texts.get(lang, "offer.yes"), OFFER_YES.encode(offer.task_id)),
                    (core.texts.get(lang, "offer.no"), OFFER_NO.encode(offer.task_id)),
                ]
            ]
            return text, rows

        await tell(
            application,
            offer.member_id,
            build,
            key=f"offer:{offer.task_id}:{offer.member_id}:{offer.expires_at:%s}",
        )


async def expire_offers_job(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Offers past their deadline go to the next in line (the clock is the core's, so tests travel)."""
    core = core_of(application)
    expired, offers = await core.claims.expire_offers()
    for offer in expired:
        await tell(
            application,
            offer.member_id,
            lambda lang: (core.texts.get(lang, "offer.expired"), None),
            key=f"offer_expired:{offer.task_id}:{offer.member_id}:{offer.expires_at:%s}",
        )
    await send_offers(application, offers)


JOBS = [Job("activity_offers", timedelta(minutes=5), expire_offers_job)]


def register(app: Application) -> None:  # type: ignore[type-arg]
    from handlers.members import membership

    membership.START_PARAMETER_HOOKS["act_"] = show_from_link
    if release_places_of_removed not in membership.MEMBER_REMOVED_HOOKS:
        membership.MEMBER_REMOVED_HOOKS.append(release_places_of_removed)
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
