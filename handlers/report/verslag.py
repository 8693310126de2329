"""/verslag: the report for the funders as PDF and CSV; and the organiser's visitor count buttons."""

from __future__ import annotations

import asyncio
import functools
from datetime import date

from babel.dates import format_date
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, action
from bot.commands import Command
from bot.hours.export import decimal_comma
from bot.members.service import Role
from bot.report.actions import RANGES, VISITORS
from bot.report.figures import build_report, quarter_of
from bot.report.output import report_csv, report_pdf
from bot.report.photos import photos_of_period
from bot.report.visitors import record_visitors
from handlers.common import AnyApp, BotContext, me, replace, say, with_retry
from handlers.notify import answered_after
from handlers.report import counting

COMMANDS = [Command("verslag", Role.COORDINATOR, "command.verslag")]
FLOWS = counting.FLOWS  # the typed visitor count ("Ander getal")

QUARTER = action("rep_q", int, min_role=Role.COORDINATOR)  # 0: this quarter, 1: the one before
PHOTOS = action("rep_ph", int, min_role=Role.COORDINATOR)  # the quarter's shareable photos


def _short(day: date, lang: str) -> str:
    return format_date(day, "d MMM yyyy", locale=lang)


async def verslag(update: Update, context: BotContext) -> None:
    today = context.core.local_now().date()
    rows = []
    for offset, key in ((0, "report.this_quarter"), (1, "report.last_quarter")):
        first, last = quarter_of(today, -offset)
        label = context.t(key, first=_short(first, context.lang), last=_short(last, context.lang))
        rows.append([(label, QUARTER.encode(offset))])
    await say(update, context, context.t("report.ask_period"), rows)


async def send_report(update: Update, context: BotContext) -> None:
    (offset,) = context.callback_args
    me(context)  # the gate let only coordinators press this
    core = context.core
    if int(offset) not in (0, 1):
        raise BadCallback()
    first, last = quarter_of(core.local_now().date(), -int(offset))
    report = await build_report(core, first, last)
    lang = context.lang
    pdf = await asyncio.to_thread(report_pdf, report, core.texts, lang)
    visitors = (
        str(report.visitors_low)
        if report.visitors_low == report.visitors_high
        else f"{report.visitors_low}–{report.visitors_high}"
    )
    summary = context.t(
        "report.summary",
        first=_short(first, lang),
        last=_short(last, lang),
        activities=report.activities,
        visitors=visitors,
        volunteers=report.volunteers,
        hours=decimal_comma(report.minutes),
    )
    photos = await photos_of_period(core, first, last)
    rows = []
    if photos.total:
        summary += "\n" + context.t("report.photos_line", total=photos.total, shareable=len(photos.shareable))
        if photos.shareable:
            rows.append([(context.t("report.photos_button"), PHOTOS.encode(int(offset)))])
    await replace(update, context, summary, rows)
    chat = update.effective_chat
    assert chat is not None
    name = f"verslag-{first.isoformat()}-{last.isoformat()}"
    data = report_csv(report, core.texts, lang)
    # Two documents right after an edit can meet a 429: wait and send again (a duplicate is harmless).
    await with_retry(lambda: context.bot.send_document(chat.id, pdf, filename=f"{name}.pdf"))
    await with_retry(lambda: context.bot.send_document(chat.id, data, filename=f"{name}.csv"))


async def send_photos(update: Update, context: BotContext) -> None:
    """Only the photos whose organiser said they may be shared leave the bot."""
    (offset,) = context.callback_args
    me(context)
    core = context.core
    if int(offset) not in (0, 1):
        raise BadCallback()
    first, last = quarter_of(core.local_now().date(), -int(offset))
    chat = update.effective_chat
    assert chat is not None
    for shared in (await photos_of_period(core, first, last)).shareable:
        if not shared.path.exists():  # erased with its sender after this list was read
            continue
        data = await asyncio.to_thread(shared.path.read_bytes)
        day = _short(core.local(shared.starts_at).date(), context.lang)
        caption = context.t("report.photo_caption", title=shared.activity_title, day=day)
        await with_retry(functools.partial(context.bot.send_photo, chat.id, data, caption=caption))


async def visitors_counted(update: Update, context: BotContext) -> None:
    activity_id, low, high = context.callback_args
    activity = await record_visitors(context.core, me(context), int(activity_id), int(low), int(high))
    label = context.t(f"report.range.{int(low)}") if (int(low), int(high)) in RANGES else str(low)
    thanks = context.t("report.visitors_thanks", visitors=label, title=activity.title)
    await replace(update, context, thanks, counting.photo_rows(context, activity.id))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("verslag", verslag))
    app.add_handler(CallbackQueryHandler(answered_after(send_report), pattern=f"^{QUARTER.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(send_photos), pattern=f"^{PHOTOS.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(visitors_counted), pattern=f"^{VISITORS.name}:"))
    counting.register(app)
