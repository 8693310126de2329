"""The coordinator's side of /budget: the year's overview, approving or declining, the year's budget."""

from __future__ import annotations

from telegram import Update

from bot.budget.actions import APPROVE, DECLINE
from bot.budget.amount import money, parse_amount
from bot.budget.service import MAX_YEAR_CENTS, request_notice
from bot.callbacks import action
from bot.members.service import Member, Role
from handlers.budget.steps import FEATURE, MAX_LINES, cancel_row, request_line
from handlers.common import BotContext, Rows, done_pressing, me, member_name, replace, say
from handlers.conversation import end_step, put_step

SHOW = action("bud_show", int, min_role=Role.COORDINATOR)
SET_YEAR = action("bud_year", int, min_role=Role.COORDINATOR)

MAX_DECIDE_BUTTONS = 8


async def year_overview(context: BotContext, coordinator: Member) -> tuple[list[str], Rows]:
    """The year's budget, totals and every request, with buttons for the ones waiting for a decision."""
    budget = context.core.budget
    rows: list[list[tuple[str, str]]] = []
    lines: list[str] = []
    year = budget.this_year()
    view = await budget.overview(coordinator, year)
    lang = context.lang
    if view.budget_cents is None:
        lines.append(context.t("budget.no_year_budget", year=year))
    else:
        lines.append(context.t("budget.year_budget", year=year, amount=money(view.budget_cents, lang)))
    lines.append(
        context.t(
            "budget.totals",
            spent=money(view.spent_cents, lang),
            approved=money(view.approved_cents, lang),
            requested=money(view.requested_cents, lang),
        )
    )
    if view.left_cents is not None:
        lines.append(context.t("budget.left", amount=money(view.left_cents, lang)))
    lines.append("")
    lines.append(context.t("budget.per_activity"))
    if not view.requests:
        lines.append(context.t("budget.no_requests"))
    hidden = max(0, len(view.requests) - MAX_LINES)
    if hidden:
        lines.append(context.tn("budget.more", hidden))
    for request in view.requests[hidden:]:
        lines.append(request_line(context, request, await member_name(context, request.member_id)))
    waiting = [r for r in view.requests if r.status == "requested"][:MAX_DECIDE_BUTTONS]
    for request in waiting:
        label = context.t("budget.decide_button", purpose=request.purpose[:30])
        rows.append([(label, SHOW.encode(request.id))])
    rows.append([(context.t("budget.set_year_button", year=year), SET_YEAR.encode(year))])
    return lines, rows


async def show_request(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_decidable(me(context), int(request_id))
    await done_pressing(update)
    name = await member_name(context, request.member_id)
    notice = request_notice(request.id, name, request.purpose, request.amount_cents, request.for_date)
    shown = context.core.notices.text_for(context.lang, notice)
    await say(update, context, shown.text, shown.rows)


async def approve(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.approve(me(context), int(request_id))
    await done_pressing(update)
    amount = money(request.amount_cents, context.lang)
    await replace(update, context, context.t("budget.approved", purpose=request.purpose, amount=amount))


async def decline(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_decidable(me(context), int(request_id))
    await done_pressing(update)
    await put_step(context, FEATURE, "reason", request_id=request.id)
    await say(update, context, context.t("budget.ask_reason", purpose=request.purpose), [cancel_row(context)])


async def declined(update: Update, context: BotContext, member: Member, request_id: int, reason: str) -> None:
    """The typed reason for declining: the request is declined and the asker is told why."""
    request = await context.core.budget.decline(member, request_id, reason)
    await end_step(context, FEATURE)
    await say(update, context, context.t("budget.declined", purpose=request.purpose))


async def set_year(update: Update, context: BotContext) -> None:
    (year,) = context.callback_args
    await done_pressing(update)
    await put_step(context, FEATURE, "year_budget", year=int(year))
    await say(update, context, context.t("budget.ask_year_budget", year=year), [cancel_row(context)])


async def year_budget_set(update: Update, context: BotContext, member: Member, year: int, text: str) -> None:
    """The typed budget for a year."""
    cents = parse_amount(text, max_cents=MAX_YEAR_CENTS)
    await context.core.budget.set_year_budget(member, year, cents)
    await end_step(context, FEATURE)
    await say(update, context, context.t("budget.year_set", year=year, amount=money(cents, context.lang)))


HANDLERS = ((SHOW, show_request), (APPROVE, approve), (DECLINE, decline), (SET_YEAR, set_year))
