"""/overzicht and /maandsluiten: the coordinator's honest view of everyone's hours, the CSV and closing."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import action
from bot.commands import Command
from bot.hours.export import hours_csv
from bot.hours.models import add_months, progress_bar
from bot.members.service import Member, Role
from handlers.common import AnyApp, BotContext, Rows, done_pressing, replace, say
from handlers.hours.entries_csv import CSV_ENTRIES
from handlers.hours.render import answered, hours, month_label
from handlers.paging import PageHeading, say_list

COMMANDS = [
    Command("overzicht", Role.COORDINATOR, "command.overzicht"),
    Command("maandsluiten", Role.COORDINATOR, "command.maandsluiten"),
]

OVERVIEW = action("hov", str, min_role=Role.COORDINATOR)
CSV = action("hcsv", str, min_role=Role.COORDINATOR)
CLOSE = action("hclose", str, min_role=Role.COORDINATOR)
CLOSE_OK = action("hcloseok", str, min_role=Role.COORDINATOR)
TARGETS = action("htgts", min_role=Role.COORDINATOR)
TARGET_OF = action("htgtm", int, min_role=Role.COORDINATOR)
TARGET = action("htgt", int, int, min_role=Role.COORDINATOR)
TARGET_DEFAULT = action("htgtd", int, min_role=Role.COORDINATOR)
TARGET_CHOICES = (0, 4, 6, 8, 10, 12, 16)


def me(context: BotContext) -> Member:
    assert context.member is not None
    return context.member


def page_heading(context: BotContext, month: str) -> PageHeading:
    """'November 2026 — blad 2 van 3' on each page of an overview too long for one message; the first
    page says 'Blad 1 van 3' only, as its title ("Uren in november 2026") follows right under it."""
    label = month_label(month, context.lang)
    label = label[:1].upper() + label[1:]

    def heading(page: int, pages: int) -> str:
        if page == 1:
            return context.t("hours.overview_first_page", pages=pages)
        return context.t("hours.overview_page", month=label, page=page, pages=pages)

    return heading


async def overview_view(context: BotContext, month: str | None = None) -> tuple[list[str], Rows, PageHeading]:
    core = context.core
    report = await core.hours_overview.overview(me(context), month)
    lines = [context.t("hours.overview_title", month=month_label(report.month, context.lang))]
    if report.closed:
        lines.append(context.t("hours.overview_closed"))
    lines.append("")
    for row in report.rows:
        status = row.status
        if status.away:
            lines.append(
                context.t(
                    "hours.overview_line_away",
                    name=row.member.name,
                    hours=hours(status.minutes, context.lang),
                )
            )
        else:
            lines.append(
                context.t(
                    "hours.overview_line",
                    bar=progress_bar(status.minutes, status.target_minutes),
                    name=row.member.name,
                    hours=hours(status.minutes, context.lang),
                    target=hours(status.target_minutes, context.lang),
                )
            )
    if not report.rows:
        lines.append(context.t("hours.overview_nobody"))
    lines.append(context.t("hours.overview_total", hours=hours(report.total_minutes, context.lang)))
    if report.former_minutes:
        lines.append(context.t("hours.overview_former", hours=hours(report.former_minutes, context.lang)))
    for later, who in report.away_ahead:
        lines.append(
            context.t(
                "hours.overview_away_ahead",
                month=month_label(later, context.lang),
                names=", ".join(m.name for m in who),
            )
        )
    lines.append("")
    if report.silent:
        lines.append(context.t("hours.silent_title"))
        lines += [context.t("hours.silent_line", name=m.name) for m in report.silent]
    else:
        lines.append(context.t("hours.silent_none"))
    this_month = core.hours.this_month()
    rows: list[list[tuple[str, str]]] = [
        [
            (context.t("hours.button.csv"), CSV.encode(report.month)),
            (context.t("entriescsv.button"), CSV_ENTRIES.encode(report.month)),
        ]
    ]
    if not report.closed:
        rows.append([(context.t("hours.button.close_month"), CLOSE.encode(report.month))])
    nav = [
        (
            context.t("hours.button.month", month=month_label(add_months(report.month, -1), context.lang)),
            OVERVIEW.encode(add_months(report.month, -1)),
        )
    ]
    if report.month < this_month:
        later = add_months(report.month, 1)
        nav.append(
            (context.t("hours.button.month", month=month_label(later, context.lang)), OVERVIEW.encode(later))
        )
    rows.append(nav)
    rows.append([(context.t("hours.button.targets"), TARGETS.encode())])
    return lines, rows, page_heading(context, report.month)


async def overzicht(update: Update, context: BotContext) -> None:
    lines, rows, heading = await overview_view(context)
    await say_list(update, context, lines, context.t("hours.overview_actions"), rows, heading)


async def other_month(update: Update, context: BotContext) -> None:
    lines, rows, heading = await overview_view(context, str(context.callback_args[0]))
    await done_pressing(update)
    await say_list(update, context, lines, context.t("hours.overview_actions"), rows, heading)


async def send_csv(update: Update, context: BotContext) -> None:
    month = str(context.callback_args[0])
    report = await context.core.hours_overview.overview(me(context), month)
    data = hours_csv(report, context.core.texts, context.lang)
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        data,
        filename=f"uren-{month}.csv",
        caption=context.t("hours.csv_caption", month=month_label(month, context.lang)),
    )


async def maandsluiten(update: Update, context: BotContext) -> None:
    this_month = context.core.hours.this_month()
    months = [add_months(this_month, -1), this_month]
    rows = [[(month_label(m, context.lang), CLOSE.encode(m)) for m in months]]
    await say(update, context, context.t("hours.close_ask"), rows)


async def close_ask(update: Update, context: BotContext) -> None:
    month = str(context.callback_args[0])
    label = month_label(month, context.lang)
    rows = [
        [(context.t("hours.button.close_yes", month=label), CLOSE_OK.encode(month))],
        [(context.t("hours.button.back"), OVERVIEW.encode(month))],
    ]
    await replace(update, context, context.t("hours.close_confirm", month=label), rows)


async def close_ok(update: Update, context: BotContext) -> None:
    month = str(context.callback_args[0])
    closed = await context.core.hours_overview.close_month(me(context), month)
    key = "hours.closed_done" if closed else "hours.already_closed"
    rows = [
        [(context.t("hours.button.month", month=month_label(month, context.lang)), OVERVIEW.encode(month))]
    ]
    await replace(update, context, context.t(key, month=month_label(month, context.lang)), rows)


async def pick_member(update: Update, context: BotContext) -> None:
    members = await context.core.members.active_members()
    buttons = [(m.name, TARGET_OF.encode(m.id)) for m in members]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await replace(update, context, context.t("hours.targets_pick"), rows)


async def ask_target(update: Update, context: BotContext) -> None:
    member = await context.core.members.get(int(context.callback_args[0]))
    current = await context.core.hours.target_minutes(member.id)
    default = round(context.core.config.community.monthly_hours_target * 60)
    buttons = [
        (context.t("hours.button.hours", hours=str(h)), TARGET.encode(member.id, h)) for h in TARGET_CHOICES
    ]
    rows = [
        buttons[:4],
        buttons[4:],
        [
            (
                context.t("hours.button.target_default", hours=hours(default, context.lang)),
                TARGET_DEFAULT.encode(member.id),
            )
        ],
    ]
    text = context.t("hours.target_ask", name=member.name, target=hours(current, context.lang))
    await replace(update, context, text, rows)


async def set_target(update: Update, context: BotContext) -> None:
    args = context.callback_args
    member_id, value = int(args[0]), (int(args[1]) if len(args) > 1 else None)
    minutes = await context.core.hours_overview.set_target(me(context), member_id, value)
    member = await context.core.members.get(member_id)
    text = context.t("hours.target_set", name=member.name, target=hours(minutes, context.lang))
    await replace(update, context, text, [[(context.t("hours.button.targets"), TARGETS.encode())]])


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("overzicht", overzicht))
    app.add_handler(CommandHandler("maandsluiten", maandsluiten))
    buttons = {
        OVERVIEW: other_month,
        CSV: send_csv,
        CLOSE: close_ask,
        CLOSE_OK: close_ok,
        TARGETS: pick_member,
        TARGET_OF: ask_target,
        TARGET: set_target,
        TARGET_DEFAULT: set_target,
    }
    for declared, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(answered(callback), pattern=f"^{declared.name}(:|$)"))
