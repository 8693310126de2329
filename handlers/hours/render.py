"""How hours look in the chat: numbers, days, months, the progress line and the step questions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from telegram import Update

from bot.callbacks import action
from bot.hours.models import Draft, Entry, MonthStatus, parse_month, progress_bar
from bot.i18n import Markup, day_label, day_label_short, number
from bot.i18n import month_label as i18n_month_label
from bot.i18n import month_name as i18n_month_name
from bot.text_errors import HoursAmbiguous
from handlers.common import BotContext, Handler, Rows, done_pressing, me, replace, say

AMOUNTS = (30, 60, 90, 120, 180)
OTHER = 0
OTHER_DAY = 99

NEW = action("hnew", int)  # minutes, or OTHER to type them
AMOUNT = action("hamt", int, int)  # draft, minutes
DAY = action("hday", int, int)  # draft, days back
CATEGORY = action("hcat", int, str)
CONFIRM = action("hok", int)
CHANGE = action("hchg", int)
CHANGE_FIELD = action("hchf", int, str)
BACK = action("hback", int)
STOP = action("hstop", int)
MONTH = action("hmonth")
CHART = action("hchart")
LOG = action("hlog")
AWAY = action("haway", str, int)  # month, 1 away / 0 not: sets it (after the check below)
AWAY_CHECK = action("hawayq", str)  # month: lists the tasks held then, or sets away when there are none
AWAY_GIVE = action("hawayg", int, str)  # claim, month: give that task back from the warning
AWAY_PICK = action("hawayp")  # the months ahead
MONTH_OF = action("hmof", str)  # "Mijn maand" of another month
EDIT = action("hedit", int)
DELETE = action("hdel", int)
DELETE_OK = action("hdelok", int)
CLAIM = action("hclaim", int, int)  # claim, minutes (OTHER: choose)
CLAIM_SKIP = action("hclno", int)


def answered(handler: Handler) -> Handler:
    """Stop the button's spinner after the handler succeeded; on a domain error the error handler answers
    (a query can be answered only once, so answering first would swallow the error message)."""

    async def run(update: Update, context: BotContext) -> None:
        await handler(update, context)
        await done_pressing(update)

    return run


def hours(minutes: int, lang: str) -> str:
    return number(round(minutes / 60, 2), lang)


def month_label(month: str, lang: str) -> str:
    return i18n_month_label(parse_month(month), lang)


def month_name(month: str, lang: str) -> str:
    """'November': the month that starts every progress line."""
    return i18n_month_name(parse_month(month), lang)


def category_name(context: BotContext, category: str) -> str:
    key = f"hours.category.{category}"
    return context.t(key) if key in context.core.texts.keys(context.lang) else category


def progress(context: BotContext, status: MonthStatus) -> str:
    """'November: ▓▓▓░░░░░░░ 3 van 10 uur': a bar always names its month."""
    minutes = hours(status.minutes, context.lang)
    month = month_name(status.month, context.lang)
    if status.target_minutes <= 0:
        return context.t("hours.progress_no_target", month=month, hours=minutes)
    bar = progress_bar(status.minutes, status.target_minutes)
    return context.t(
        "hours.progress",
        month=month,
        bar=bar,
        hours=minutes,
        target=hours(status.target_minutes, context.lang),
    )


def entry_line(context: BotContext, entry: Entry) -> str:
    params = {
        "day": day_label_short(entry.day, context.lang),
        "hours": hours(entry.minutes, context.lang),
        "category": category_name(context, entry.category),
    }
    if entry.label:
        return context.t("hours.entry_line_label", label=entry.label, **params)
    return context.t("hours.entry_line", **params)


def amount_rows(context: BotContext, encode: Callable[[int], str]) -> list[list[tuple[str, str]]]:
    """The amount buttons (0,5 – 1 – 1,5 – 2 – 3 – other); ``encode(minutes)`` makes the payload."""
    buttons = [(hours(m, context.lang), encode(m)) for m in AMOUNTS]
    return [buttons[:3], [*buttons[3:], (context.t("hours.button.other"), encode(OTHER))]]


def amount_choice(context: BotContext, draft_id: int, unsure: HoursAmbiguous) -> tuple[str, Rows]:
    """The question for an unsure amount: the candidate readings as buttons, never a guess as fact."""
    options = unsure.params["options"]  # the core's params are untyped: minutes, as the parser gave them
    assert isinstance(options, (list, tuple))
    buttons = [(hours(int(m), context.lang), AMOUNT.encode(draft_id, int(m))) for m in options]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(context.t("hours.button.other"), AMOUNT.encode(draft_id, OTHER))])
    rows.append([(context.t("hours.button.cancel"), STOP.encode(draft_id))])
    return context.t(unsure.text_key), rows


def step(context: BotContext, draft: Draft, today: date) -> tuple[str, Rows]:
    """The question for what the draft still misses, or the summary with Confirm/Change."""
    stop = [(context.t("hours.button.cancel"), STOP.encode(draft.id))]
    understood = []  # repeat what is known while asking for the rest
    if draft.minutes is not None:
        understood.append(context.t("hours.understood_amount", hours=hours(draft.minutes, context.lang)))
    if draft.day is not None:
        understood.append(context.t("hours.understood_day", day=day_label(draft.day, context.lang)))
    if draft.label:
        understood.append(context.t("hours.summary_label", label=draft.label))
    known = "\n".join(understood) + "\n\n" if understood else ""
    match draft.next_step:
        case "amount":
            text = context.t("hours.ask_amount")
            return text, [*amount_rows(context, lambda m: AMOUNT.encode(draft.id, m)), stop]
        case "day":
            labels = ("hours.button.today", "hours.button.yesterday", "hours.button.day_before")
            days = [(context.t(key), DAY.encode(draft.id, back)) for back, key in enumerate(labels)]
            other = (context.t("hours.button.other_day"), DAY.encode(draft.id, OTHER_DAY))
            return known + context.t("hours.ask_day"), [days, [other], stop]
        case "category":
            categories = context.core.hours.categories
            lines = [
                context.t(
                    "hours.category_line",
                    name=category_name(context, c),
                    explain=context.t(f"hours.explain.{c}"),
                )
                for c in categories
            ]
            buttons = [(category_name(context, c), CATEGORY.encode(draft.id, c)) for c in categories]
            rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
            text = context.t("hours.ask_category", explanations=Markup("\n".join(lines)))
            return known + text, [*rows, stop]
    assert draft.minutes is not None and draft.day is not None and draft.category is not None
    title = context.t("hours.summary_edit" if draft.entry_id else "hours.summary_new")
    body = context.t(
        "hours.summary",
        hours=hours(draft.minutes, context.lang),
        day=day_label(draft.day, context.lang),
        category=category_name(context, draft.category),
    )
    parts = [title, "", body]
    if draft.label:
        parts.append(context.t("hours.summary_label", label=draft.label))
    rows = [
        [
            (context.t("hours.button.confirm"), CONFIRM.encode(draft.id)),
            (context.t("hours.button.change"), CHANGE.encode(draft.id)),
        ],
        stop,
    ]
    return "\n".join(parts), rows


async def show_step(
    update: Update, context: BotContext, draft_id: int | Draft, *, new_message: bool = False
) -> None:
    """The draft's next question or its summary; pass the draft itself when the use case returned it."""
    draft = draft_id if isinstance(draft_id, Draft) else await context.core.hours.draft(me(context), draft_id)
    text, rows = step(context, draft, context.core.hours.today())
    if new_message:
        await say(update, context, text, rows)
    else:
        await replace(update, context, text, rows)
