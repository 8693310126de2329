"""/uren, my month: this month's entries and progress, the chart, away months, edit and delete."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.hours.chart import month_chart_png
from bot.hours.models import add_months
from bot.i18n import day_label, day_label_short
from handlers.common import BotContext, Rows, me, replace
from handlers.hours.away import away_note, away_pick_view, away_warning
from handlers.hours.render import (
    AWAY,
    AWAY_CHECK,
    AWAY_PICK,
    CHART,
    DELETE,
    DELETE_OK,
    EDIT,
    LOG,
    MONTH,
    MONTH_OF,
    entry_line,
    hours,
    month_label,
    progress,
    show_step,
)

MAX_LISTED = 25
MONTHS_BACK = 12  # as far back as "Mijn maand" goes (the chart shows the same year)


async def my_month_view(context: BotContext, month: str | None = None) -> tuple[str, Rows]:
    """This month's (or ``month``'s) entries and progress; arrows to the month before and back."""
    core, member = context.core, me(context)
    this = core.hours.this_month()
    month = month or this
    status = await core.hours.month_status(member.id, month)
    entries = await core.hours.entries(member, member.id, month)
    lines = [
        context.t("hours.month_title", month=month_label(month, context.lang)),
        progress(context, status),
    ]
    if status.away:
        lines.append(context.t("hours.away_note" if month == this else "hours.away_note_other"))
    elif status.minutes >= status.target_minutes > 0:
        lines.append(context.t("hours.target_met"))
    lines.append("")
    lines += [entry_line(context, e) for e in entries] or [context.t("hours.month_empty")]
    rows: list[list[tuple[str, str]]] = []
    if status.closed:
        closed_key = "hours.month_closed_note" if month == this else "hours.month_closed_other"
        lines += ["", context.t(closed_key, month=month_label(month, context.lang))]
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
    rows.append(
        [(context.t("hours.button.log"), LOG.encode()), (context.t("hours.button.chart"), CHART.encode())]
    )
    if month == this:
        if status.away:
            away_button = (context.t("hours.button.away_off"), AWAY.encode(month, 0))
        else:
            away_button = (context.t("hours.button.away_on"), AWAY_CHECK.encode(month))
        rows.append([away_button, (context.t("hours.button.away_later"), AWAY_PICK.encode())])
    nav = []
    earlier = add_months(month, -1)
    if earlier >= add_months(this, -MONTHS_BACK):
        label = context.t("hours.button.prev_month", month=month_label(earlier, context.lang))
        nav.append((label, MONTH_OF.encode(earlier)))
    if month < this:
        later = add_months(month, 1)
        label = context.t("hours.button.next_month", month=month_label(later, context.lang))
        nav.append((label, MONTH_OF.encode(later) if later < this else MONTH.encode()))
    rows.append(nav)
    return "\n".join(lines), rows


async def my_month(update: Update, context: BotContext) -> None:
    text, rows = await my_month_view(context)
    await replace(update, context, text, rows)


async def my_other_month(update: Update, context: BotContext) -> None:
    (month,) = context.callback_args
    await replace(update, context, *await my_month_view(context, str(month)))


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


async def away_check(update: Update, context: BotContext) -> None:
    """Before a month is marked away: the tasks still held then, or (none) set it at once."""
    (month,) = context.callback_args
    warning = await away_warning(context, str(month))
    if warning is not None:
        await replace(update, context, *warning)
        return
    await _set_away(update, context, str(month), True)


async def away(update: Update, context: BotContext) -> None:
    month, value = context.callback_args
    await _set_away(update, context, str(month), bool(value))


async def _set_away(update: Update, context: BotContext, month: str, value: bool) -> None:
    status = await context.core.hours.set_away(me(context), month, value)
    note = away_note(context, str(month), status.away, status.target_minutes)
    if month != context.core.hours.this_month():
        await replace(update, context, *await away_pick_view(context, note))
        return
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
