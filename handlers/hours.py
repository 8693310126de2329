"""/uren: log volunteer hours by text or step by step, see my month, the chart, edit and delete."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot.commands import Command
from bot.hours_chart import month_chart_png
from bot.hours_prompts import amount_choices, due_hours_prompts
from bot.hoursparse import parse_hours_amount
from bot.i18n import day_label, day_label_short
from bot.jobs import Job
from bot.members import Member, Role
from bot.outbox import NewMessage
from handlers import groups
from handlers.common import BotContext, Rows, core_of, replace, say
from handlers.hours_render import (
    AMOUNT,
    AWAY,
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
    NEW,
    OTHER,
    OTHER_DAY,
    STOP,
    amount_rows,
    answered,
    entry_line,
    hours,
    month_label,
    progress,
    step,
)

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

COMMANDS = [Command("uren", Role.NEWCOMER, "command.uren")]
TEXT_GROUP = groups.HOURS_INPUT
MAX_LISTED = 25


def me(context: BotContext) -> Member:
    """The member talking (the gate only lets members through to these handlers)."""
    assert context.member is not None
    return context.member


async def show_step(update: Update, context: BotContext, draft_id: int, *, new_message: bool = False) -> None:
    draft = await context.core.hours.draft(me(context), draft_id)
    text, rows = step(context, draft, context.core.hours.today())
    if new_message:
        await say(update, context, text, rows)
    else:
        await replace(update, context, text, rows)


async def uren(update: Update, context: BotContext) -> None:
    core, member = context.core, me(context)
    if context.args:
        draft = await core.hours.draft_from_text(member, " ".join(context.args))
        await show_step(update, context, draft.id, new_message=True)
        return
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
    await show_step(update, context, draft.id)


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


async def typed_answer(update: Update, context: BotContext) -> None:
    """A plain message while we wait for a typed amount or day answers that question."""
    member = context.member
    if member is None or not member.is_active:
        return
    waiting = await context.core.hours.waiting_draft(member)
    if waiting is None:
        return
    draft, what = waiting
    text = (update.effective_message.text if update.effective_message else "") or ""
    if what == "amount":
        await context.core.hours.set_minutes(member, draft.id, parse_hours_amount(text))
    else:
        await context.core.hours.set_day(member, draft.id, context.core.hours.parse_day(text))
    await show_step(update, context, draft.id, new_message=True)
    raise ApplicationHandlerStop


async def command_leaves_flow(update: Update, context: BotContext) -> None:
    member = context.member
    if member is not None and member.is_active and await context.core.hours.waiting_draft(member):
        await context.core.hours.stop_waiting(member)


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


# --- my month --------------------------------------------------------------------------------------


async def my_month_view(context: BotContext) -> tuple[str, Rows]:
    core, member = context.core, me(context)
    month = core.hours.this_month()
    status = await core.hours.month_status(member.id, month)
    entries = await core.hours.entries(member, member.id, month)
    lines = [
        context.t("hours.month_title", month=month_label(month, context.lang)),
        progress(context, status),
    ]
    if status.away:
        lines.append(context.t("hours.away_note"))
    elif status.minutes >= status.target_minutes > 0:
        lines.append(context.t("hours.target_met"))
    lines.append("")
    lines += [entry_line(context, e) for e in entries] or [context.t("hours.month_empty")]
    rows: list[list[tuple[str, str]]] = []
    if status.closed:
        lines += ["", context.t("hours.month_closed_note")]
    elif entries:
        lines += ["", context.t("hours.entries_hint")]
        for entry in entries[-MAX_LISTED:]:
            label = context.t(
                "hours.button.edit_entry",
                day=day_label_short(entry.day, context.lang),
                hours=hours(entry.minutes, context.lang),
            )
            rows.append(
                [
                    (label, EDIT.encode(entry.id)),
                    (context.t("hours.button.delete_entry"), DELETE.encode(entry.id)),
                ]
            )
    away_key = "hours.button.away_off" if status.away else "hours.button.away_on"
    rows.append(
        [(context.t("hours.button.log"), LOG.encode()), (context.t("hours.button.chart"), CHART.encode())]
    )
    rows.append([(context.t(away_key), AWAY.encode(month, 0 if status.away else 1))])
    return "\n".join(lines), rows


async def my_month(update: Update, context: BotContext) -> None:
    text, rows = await my_month_view(context)
    await replace(update, context, text, rows)


async def chart(update: Update, context: BotContext) -> None:
    member = me(context)
    history = await context.core.hours.history(member.id)
    labels = {
        "title": context.t("hours.chart_title"),
        "hours": context.t("hours.chart_hours"),
        "target": context.t("hours.chart_target"),
        "away": context.t("hours.chart_away"),
    }
    png = await asyncio.to_thread(month_chart_png, history, context.lang, labels)
    assert update.effective_chat is not None
    await context.bot.send_photo(update.effective_chat.id, png, caption=context.t("hours.chart_caption"))


async def away(update: Update, context: BotContext) -> None:
    month, value = context.callback_args
    status = await context.core.hours.set_away(me(context), str(month), bool(value))
    label = month_label(str(month), context.lang)
    if status.away:
        note = context.t("hours.away_set", month=label)
    else:
        note = context.t("hours.away_cleared", month=label, target=hours(status.target_minutes, context.lang))
    text, rows = await my_month_view(context)
    await replace(update, context, f"{note}\n\n{text}", rows)


async def edit(update: Update, context: BotContext) -> None:
    draft = await context.core.hours.edit_draft(me(context), int(context.callback_args[0]))
    await show_step(update, context, draft.id)


async def delete(update: Update, context: BotContext) -> None:
    entry = await context.core.hours.entry(me(context), int(context.callback_args[0]))
    params = {"day": day_label(entry.day, context.lang), "hours": hours(entry.minutes, context.lang)}
    rows = [
        [(context.t("hours.button.delete_yes"), DELETE_OK.encode(entry.id))],
        [(context.t("hours.button.back"), MONTH.encode())],
    ]
    await replace(update, context, context.t("hours.delete_confirm", **params), rows)


async def delete_ok(update: Update, context: BotContext) -> None:
    entry = await context.core.hours.delete_entry(me(context), int(context.callback_args[0]))
    params = {"day": day_label(entry.day, context.lang), "hours": hours(entry.minutes, context.lang)}
    rows = [[(context.t("hours.button.my_month"), MONTH.encode())]]
    await replace(update, context, context.t("hours.deleted", **params), rows)


# --- after a claimed task --------------------------------------------------------------------------


async def claimed(update: Update, context: BotContext) -> None:
    claim_id, minutes = (int(a) for a in context.callback_args)
    if minutes == OTHER:
        draft = await context.core.hours.claim_draft(me(context), claim_id)
        await show_step(update, context, draft.id)
        return
    entry = await context.core.hours.log_claim(me(context), claim_id, minutes)
    status = await context.core.hours.month_status(entry.member_id, entry.month)
    text = context.t(
        "hours.saved", hours=hours(entry.minutes, context.lang), day=day_label(entry.day, context.lang)
    )
    await replace(update, context, f"{text}\n\n{progress(context, status)}")


async def claim_skipped(update: Update, context: BotContext) -> None:
    await replace(update, context, context.t("hours.claim_skipped"))


async def ask_after_claims(application: App) -> None:
    core = core_of(application)
    activities = getattr(core, "activities", None)
    prompts = await due_hours_prompts(core.db, activities, core.clock.now(), core.tz)
    messages: list[NewMessage] = []
    for prompt in prompts:
        member = await core.members.get(prompt.member_id)
        if not member.is_active or member.telegram_id is None:
            continue
        lang = member.language
        t = core.texts.get
        buttons = [
            (t(lang, "hours.button.hours", hours=hours(m, lang)), CLAIM.encode(prompt.claim_id, m))
            for m in amount_choices(prompt.minutes)
        ]
        rows = [
            buttons,
            [
                (t(lang, "hours.button.other"), CLAIM.encode(prompt.claim_id, OTHER)),
                (t(lang, "hours.button.not_done"), CLAIM_SKIP.encode(prompt.claim_id)),
            ],
        ]
        text = t(lang, "hours.claim_prompt", title=prompt.title, day=day_label(prompt.day, lang))
        # Through the outbox: persisted, paced and retried, and sent once even across restarts.
        messages.append(
            NewMessage(
                chat_id=member.telegram_id,
                text=text,
                dedupe_key=f"hours_prompt:{prompt.claim_id}",
                kind="hours_prompt",
                member_id=member.id,
                buttons=rows,
            )
        )
    if messages:
        await core.outbox.enqueue(messages)


JOBS = [Job("hours_after_claims", timedelta(minutes=10), ask_after_claims)]


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(
        MessageHandler(f.TEXT & ~f.COMMAND & f.UpdateType.MESSAGE, typed_answer), group=TEXT_GROUP
    )
    app.add_handler(MessageHandler(f.COMMAND & f.UpdateType.MESSAGE, command_leaves_flow), group=TEXT_GROUP)
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
        EDIT: edit,
        DELETE: delete,
        DELETE_OK: delete_ok,
        CLAIM: claimed,
        CLAIM_SKIP: claim_skipped,
    }
    for declared, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(answered(callback), pattern=f"^{declared.name}(:|$)"))
