"""/uren: log volunteer hours by text or step by step, see my month, the chart, edit and delete.

This module holds the logging flow and owns the typed-input group; my month (hours_month) and the
question after a claimed task (hours_claims) live in their own modules and are registered here.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
)

from bot.commands import Command
from bot.conversation import Conversation
from bot.hours.drafts import FLOW
from bot.hours.models import DraftUsed
from bot.hours.parse import HoursAmbiguous, parse_hours_amount
from bot.i18n import day_label, weekday_name
from bot.jobs import Job
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, Rows, me, replace, say
from handlers.conversation import Flow, end_step, put_step, step_of
from handlers.hours.away import away_give, away_pick
from handlers.hours.claims import ask_after_claims, claim_skipped, claimed
from handlers.hours.month import (
    away,
    away_check,
    chart,
    delete,
    delete_ok,
    edit,
    my_month,
    my_other_month,
)
from handlers.hours.render import (
    AMOUNT,
    AWAY,
    AWAY_CHECK,
    AWAY_GIVE,
    AWAY_PICK,
    BACK,
    CATEGORY,
    CHANGE,
    CHANGE_FIELD,
    CHART,
    CLAIM,
    CLAIM_SKIP,
    CONFIRM,
    DAY,
    DELETE,
    DELETE_OK,
    EDIT,
    LOG,
    MONTH,
    MONTH_OF,
    NEW,
    OTHER,
    OTHER_DAY,
    STOP,
    amount_choice,
    amount_rows,
    answered,
    hours,
    progress,
    show_step,
)

log = logging.getLogger(__name__)

COMMANDS = [Command("uren", Role.NEWCOMER, "command.uren")]


async def uren(update: Update, context: BotContext) -> None:
    core, member = context.core, me(context)
    if context.args:
        try:
            draft = await core.hours.draft_from_text(member, " ".join(context.args))
        except HoursAmbiguous as unsure:
            draft_id = unsure.params["draft_id"]
            assert isinstance(draft_id, int)
            await say(update, context, *amount_choice(context, draft_id, unsure))
            return
        await show_step(update, context, draft, new_message=True)
        return
    left = step_of(context, FLOW)
    if left is not None and "draft_id" in left.draft:  # a draft left for another command, or a restart
        try:
            await show_step(update, context, int(left.draft["draft_id"]), new_message=True)
            await put_step(context, FLOW, left.step, **left.draft)  # back in the flow: no longer paused
            return
        except DraftUsed:
            await end_step(context, FLOW)  # saved or cancelled elsewhere meanwhile: start fresh
    status = await core.hours.month_status(member.id, core.hours.this_month())
    text = f"{progress(context, status)}\n\n{context.t('hours.ask_amount')}"
    await say(update, context, text, log_rows(context))


def log_rows(context: BotContext) -> Rows:
    return [
        *amount_rows(context, NEW.encode),
        [
            (context.t("hours.button.my_month"), MONTH.encode()),
            (context.t("hours.button.chart"), CHART.encode()),
        ],
    ]


async def log_again(update: Update, context: BotContext) -> None:
    await replace(update, context, context.t("hours.ask_amount"), log_rows(context))


async def new_entry(update: Update, context: BotContext) -> None:
    (minutes,) = context.callback_args
    hours_ = context.core.hours
    draft = await hours_.start_draft(me(context), None if minutes == OTHER else int(minutes))
    if minutes == OTHER:
        await hours_.wait_for_text(me(context), draft.id, "amount")
        await replace(update, context, context.t("hours.ask_amount_text"), stop_row(context, draft.id))
        return
    await show_step(update, context, draft)


def stop_row(context: BotContext, draft_id: int) -> Rows:
    return [[(context.t("hours.button.cancel"), STOP.encode(draft_id))]]


async def choose_amount(update: Update, context: BotContext) -> None:
    draft_id, minutes = (int(a) for a in context.callback_args)
    if minutes == OTHER:
        await context.core.hours.wait_for_text(me(context), draft_id, "amount")
        await replace(update, context, context.t("hours.ask_amount_text"), stop_row(context, draft_id))
        return
    await context.core.hours.set_minutes(me(context), draft_id, minutes)
    await show_step(update, context, draft_id)


async def choose_day(update: Update, context: BotContext) -> None:
    draft_id, back = (int(a) for a in context.callback_args)
    hours_ = context.core.hours
    if back == OTHER_DAY:
        await hours_.wait_for_text(me(context), draft_id, "day")
        await replace(update, context, context.t("hours.ask_day_text"), stop_row(context, draft_id))
        return
    await hours_.set_days_ago(me(context), draft_id, back)
    await show_step(update, context, draft_id)


async def choose_category(update: Update, context: BotContext) -> None:
    draft_id, category = context.callback_args
    await context.core.hours.set_category(me(context), int(draft_id), str(category))
    await show_step(update, context, int(draft_id))


async def typed_answer(update: Update, context: BotContext, step: Conversation) -> bool:
    """A plain message while we wait for a typed amount or day answers that question; at other steps
    the text is not ours (False: other handlers may read it)."""
    if step.step not in ("amount", "day"):
        return False
    member, draft_id = me(context), int(step.draft["draft_id"])
    text = (update.effective_message.text if update.effective_message else "") or ""
    if step.step == "amount":
        try:
            minutes = parse_hours_amount(text)
        except HoursAmbiguous as unsure:
            await say(update, context, *amount_choice(context, draft_id, unsure))
            return True
        await context.core.hours.set_minutes(member, draft_id, minutes)
    else:
        await context.core.hours.set_day(member, draft_id, context.core.hours.parse_day(text))
    await show_step(update, context, draft_id, new_message=True)
    return True


def _left(context: BotContext, step: Conversation) -> str | None:
    """'Je uren van dinsdag zijn niet opgeslagen — /uren om verder te gaan.'"""
    day = step.draft.get("day")
    if not day:
        return context.t("hours.left")
    return context.t("hours.left_day", day=weekday_name(date.fromisoformat(day), context.lang))


FLOWS = [Flow(FLOW, "uren", ("h",), on_text=typed_answer, left=_left)]


async def change(update: Update, context: BotContext) -> None:
    (draft_id,) = context.callback_args
    await context.core.hours.draft(me(context), int(draft_id))
    fields = (("amount", "change_amount"), ("day", "change_day"), ("category", "change_category"))
    rows = [
        [
            (context.t(f"hours.button.{key}"), CHANGE_FIELD.encode(int(draft_id), name))
            for name, key in fields
        ],
        [(context.t("hours.button.back"), BACK.encode(int(draft_id)))],
    ]
    await replace(update, context, context.t("hours.change_what"), rows)


async def change_field(update: Update, context: BotContext) -> None:
    draft_id, name = context.callback_args
    if name not in ("amount", "day", "category"):
        return
    await context.core.hours.clear_field(me(context), int(draft_id), str(name))
    await show_step(update, context, int(draft_id))


async def back(update: Update, context: BotContext) -> None:
    await show_step(update, context, int(context.callback_args[0]))


async def stop(update: Update, context: BotContext) -> None:
    await context.core.hours.cancel_draft(me(context), int(context.callback_args[0]))
    await replace(update, context, context.t("hours.cancelled"))


async def confirm(update: Update, context: BotContext) -> None:
    (draft_id,) = context.callback_args
    draft = await context.core.hours.draft(me(context), int(draft_id))
    entry = await context.core.hours.confirm(me(context), int(draft_id))
    key = "hours.updated" if draft.entry_id else "hours.saved"
    status = await context.core.hours.month_status(entry.member_id, entry.month)
    text = context.t(key, hours=hours(entry.minutes, context.lang), day=day_label(entry.day, context.lang))
    rows = [
        [(context.t("hours.button.my_month"), MONTH.encode()), (context.t("hours.button.log"), LOG.encode())]
    ]
    await replace(update, context, f"{text}\n\n{progress(context, status)}", rows)


JOBS = [Job("hours_after_claims", timedelta(minutes=10), ask_after_claims)]


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("uren", uren))
    buttons = {
        NEW: new_entry,
        AMOUNT: choose_amount,
        DAY: choose_day,
        CATEGORY: choose_category,
        CONFIRM: confirm,
        CHANGE: change,
        CHANGE_FIELD: change_field,
        BACK: back,
        STOP: stop,
        MONTH: my_month,
        CHART: chart,
        LOG: log_again,
        AWAY: away,
        AWAY_CHECK: away_check,
        AWAY_GIVE: away_give,
        AWAY_PICK: away_pick,
        MONTH_OF: my_other_month,
        EDIT: edit,
        DELETE: delete,
        DELETE_OK: delete_ok,
        CLAIM: claimed,
        CLAIM_SKIP: claim_skipped,
    }
    for declared, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(answered(callback), pattern=f"^{declared.name}(:|$)"))
