"""/uren, my month: this month's entries and progress, the chart, away months, edit and delete."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.hours.chart import month_chart_png
from bot.i18n import day_label, day_label_short
from handlers.common import BotContext, Rows, me, replace
from handlers.hours.render import (
    AWAY,
    CHART,
    DELETE,
    DELETE_OK,
    EDIT,
    LOG,
    MONTH,
    entry_line,
    hours,
    month_label,
    progress,
    show_step,
)

MAX_LISTED = 25


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
