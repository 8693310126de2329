"""A coordinator's corrections of one member's hours from the member page: all by buttons, each change
confirmed first (the member is told), closed months included (the core audits those)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import BadCallback
from bot.hours.corrections import HoursCorrections
from bot.hours.models import Entry, add_months
from bot.i18n import day_label_short
from handlers.common import AnyApp, BotContext, Button, me, replace
from handlers.hours.render import category_name, hours, month_label
from handlers.members.page import yyyymm
from handlers.members.page_actions import (
    ADD,
    ADD_DAY,
    ADD_HOURS,
    ADD_KIND,
    ADD_OK,
    DELETE,
    DELETE_OK,
    ENTRY,
    HOURS,
    SET,
    SET_OK,
    SHOW,
)
from handlers.notify import answered_after

AMOUNTS = (30, 60, 90, 120, 150, 180, 240, 300, 360, 480)
ENTRIES_SHOWN = 20


def _month(value: int) -> str:
    """yyyymm from a button; anything else was not made by us."""
    _day(value * 100 + 1)
    return f"{value // 100:04d}-{value % 100:02d}"


def _day(value: int) -> date:
    """yyyymmdd from a button; anything else was not made by us."""
    try:
        day = date(value // 10000, value // 100 % 100, value % 100)
    except ValueError:
        raise BadCallback() from None
    if day.year < 2000:
        raise BadCallback()
    return day


def _day_int(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _amount_rows(make: Callable[[int], str]) -> list[list[Button]]:
    buttons = [(f"{m / 60:g}".replace(".", ","), make(m)) for m in AMOUNTS]
    return [buttons[i : i + 5] for i in range(0, len(buttons), 5)]


def _entry_line(context: BotContext, entry: Entry) -> str:
    label = f" ({entry.label})" if entry.label else ""
    return context.t(
        "memberpage.entry",
        day=day_label_short(entry.day, context.lang),
        hours=hours(entry.minutes, context.lang),
        kind=category_name(context, entry.category),
        label=label,
    )


async def hours_screen(
    context: BotContext, member_id: int, month: str, note: str = ""
) -> tuple[str, list[list[Button]]]:
    core = context.core
    member = await core.members.get(member_id)
    status = await core.hours.month_status(member.id, month)
    entries = await core.hours.entries(me(context), member.id, month)
    lines = [note, ""] if note else []
    lines.append(
        context.t("memberpage.hours_title", name=member.name, month=month_label(month, context.lang))
    )
    lines.append(context.t("memberpage.hours_total", hours=hours(status.minutes, context.lang)))
    if status.closed:
        lines.append(context.t("memberpage.month_closed"))
    if not entries:
        lines.append(context.t("memberpage.no_entries"))
    rows: list[list[Button]] = []
    for entry in entries[:ENTRIES_SHOWN]:
        lines.append(_entry_line(context, entry))
        label = f"✏️ {day_label_short(entry.day, context.lang)} · {hours(entry.minutes, context.lang)}"
        rows.append([(label, ENTRY.encode(entry.id))])
    if len(entries) > ENTRIES_SHOWN:
        lines.append(context.tn("memberpage.more_entries", len(entries) - ENTRIES_SHOWN))
    nav: list[Button] = [("◀️", HOURS.encode(member.id, yyyymm(add_months(month, -1))))]
    if month < core.hours.this_month():
        nav.append(("▶️", HOURS.encode(member.id, yyyymm(add_months(month, 1)))))
    rows.append(nav)
    rows.append([(context.t("memberpage.add_button"), ADD.encode(member.id, yyyymm(month)))])
    rows.append([(context.t("memberpage.back_button"), SHOW.encode(member.id, 0))])
    return "\n".join(lines), rows


async def show_hours(update: Update, context: BotContext) -> None:
    member_id, month = context.callback_args
    await replace(update, context, *await hours_screen(context, int(member_id), _month(int(month))))


async def show_entry(update: Update, context: BotContext) -> None:
    (entry_id,) = context.callback_args
    entry = await context.core.hours.entry(me(context), int(entry_id))
    member = await context.core.members.get(entry.member_id)
    text = context.t("memberpage.entry_title", name=member.name) + "\n" + _entry_line(context, entry)
    rows = _amount_rows(lambda m: SET.encode(entry.id, m))
    rows.append([(context.t("memberpage.delete_button"), DELETE.encode(entry.id))])
    rows.append([(context.t("memberpage.back_button"), HOURS.encode(member.id, yyyymm(entry.month)))])
    await replace(update, context, text + "\n\n" + context.t("memberpage.pick_hours"), rows)


async def ask_set(update: Update, context: BotContext) -> None:
    entry_id, minutes = context.callback_args
    entry = await context.core.hours.entry(me(context), int(entry_id))
    member = await context.core.members.get(entry.member_id)
    text = context.t(
        "memberpage.confirm_set",
        name=member.name,
        day=day_label_short(entry.day, context.lang),
        before=hours(entry.minutes, context.lang),
        after=hours(int(minutes), context.lang),
    )
    rows = [
        [
            (context.t("memberpage.save_button"), SET_OK.encode(entry.id, int(minutes))),
            (context.t("button.cancel"), ENTRY.encode(entry.id)),
        ]
    ]
    await replace(update, context, text, rows)


async def do_set(update: Update, context: BotContext) -> None:
    entry_id, minutes = context.callback_args
    _, entry = await HoursCorrections(context.core).set_minutes(me(context), int(entry_id), int(minutes))
    note = context.t("memberpage.changed")
    await replace(update, context, *await hours_screen(context, entry.member_id, entry.month, note))


async def ask_delete(update: Update, context: BotContext) -> None:
    (entry_id,) = context.callback_args
    entry = await context.core.hours.entry(me(context), int(entry_id))
    member = await context.core.members.get(entry.member_id)
    text = context.t("memberpage.confirm_delete", name=member.name) + "\n" + _entry_line(context, entry)
    rows = [
        [
            (context.t("memberpage.delete_button"), DELETE_OK.encode(entry.id)),
            (context.t("button.cancel"), ENTRY.encode(entry.id)),
        ]
    ]
    await replace(update, context, text, rows)


async def do_delete(update: Update, context: BotContext) -> None:
    (entry_id,) = context.callback_args
    entry = await HoursCorrections(context.core).delete(me(context), int(entry_id))
    note = context.t("memberpage.deleted")
    await replace(update, context, *await hours_screen(context, entry.member_id, entry.month, note))


async def pick_day(update: Update, context: BotContext) -> None:
    member_id, month = context.callback_args
    first = _day(int(month) * 100 + 1)
    today = context.core.hours.today()
    days = []
    day = first
    while day.month == first.month and day <= today:
        days.append(day)
        day += timedelta(days=1)
    buttons = [(str(d.day), ADD_DAY.encode(int(member_id), _day_int(d))) for d in days]
    rows: list[list[Button]] = [buttons[i : i + 7] for i in range(0, len(buttons), 7)]
    rows.append([(context.t("button.cancel"), HOURS.encode(int(member_id), int(month)))])
    member = await context.core.members.get(int(member_id))
    text = context.t(
        "memberpage.pick_day", name=member.name, month=month_label(_month(int(month)), context.lang)
    )
    await replace(update, context, text, rows)


async def pick_amount(update: Update, context: BotContext) -> None:
    member_id, day = context.callback_args
    rows = _amount_rows(lambda m: ADD_HOURS.encode(int(member_id), int(day), m))
    rows.append([(context.t("button.cancel"), HOURS.encode(int(member_id), int(day) // 100))])
    text = context.t("memberpage.pick_hours_day", day=day_label_short(_day(int(day)), context.lang))
    await replace(update, context, text, rows)


async def pick_kind(update: Update, context: BotContext) -> None:
    member_id, day, minutes = context.callback_args
    rows: list[list[Button]] = [
        [(category_name(context, c), ADD_KIND.encode(int(member_id), int(day), int(minutes), c))]
        for c in context.core.hours.categories
    ]
    rows.append([(context.t("button.cancel"), HOURS.encode(int(member_id), int(day) // 100))])
    await replace(update, context, context.t("memberpage.pick_kind"), rows)


async def ask_add(update: Update, context: BotContext) -> None:
    member_id, day, minutes, kind = context.callback_args
    member = await context.core.members.get(int(member_id))
    text = context.t(
        "memberpage.confirm_add",
        name=member.name,
        day=day_label_short(_day(int(day)), context.lang),
        hours=hours(int(minutes), context.lang),
        kind=category_name(context, str(kind)),
    )
    rows = [
        [
            (
                context.t("memberpage.save_button"),
                ADD_OK.encode(int(member_id), int(day), int(minutes), str(kind)),
            ),
            (context.t("button.cancel"), HOURS.encode(int(member_id), int(day) // 100)),
        ]
    ]
    await replace(update, context, text, rows)


async def do_add(update: Update, context: BotContext) -> None:
    member_id, day, minutes, kind = context.callback_args
    entry = await HoursCorrections(context.core).add_for(
        me(context), int(member_id), _day(int(day)), int(minutes), str(kind)
    )
    note = context.t("memberpage.added")
    await replace(update, context, *await hours_screen(context, entry.member_id, entry.month, note))


def register(app: AnyApp) -> None:
    for declared, handler in (
        (HOURS, show_hours),
        (ENTRY, show_entry),
        (SET, ask_set),
        (SET_OK, do_set),
        (DELETE, ask_delete),
        (DELETE_OK, do_delete),
        (ADD, pick_day),
        (ADD_DAY, pick_amount),
        (ADD_HOURS, pick_kind),
        (ADD_KIND, ask_add),
        (ADD_OK, do_add),
    ):
        app.add_handler(CallbackQueryHandler(answered_after(handler), pattern=f"^{declared.name}:"))
