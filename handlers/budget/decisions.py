"""The coordinator's side of /budget: the year's overview, approving or declining, the year's budget."""

from __future__ import annotations

from telegram import Update

from bot.budget.actions import APPROVE, APPROVE_CONFIRM, APPROVE_WAY, DECLINE, DECLINE_CONFIRM, DECLINE_PRESET
from bot.budget.amount import money, parse_amount
from bot.budget.service import (
    DECLINE_PRESETS,
    MAX_YEAR_CENTS,
    BudgetRequest,
    approval_notice,
    decline_notice,
    request_notice,
)
from bot.callbacks import action
from bot.errors import NotFound
from bot.members.service import Member, Role
from bot.notices import Notice
from handlers.budget.steps import FEATURE, MAX_LINES, cancel_row, request_line
from handlers.common import BotContext, Button, done_pressing, me, member_name, replace, say
from handlers.conversation import end_step, put_step, step_of

SHOW = action("bud_show", int, min_role=Role.COORDINATOR)
SET_YEAR = action("bud_year", int, min_role=Role.COORDINATOR)

MAX_DECIDE_BUTTONS = 8


async def year_overview(context: BotContext, coordinator: Member) -> tuple[list[str], list[list[Button]]]:
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


async def _preview(context: BotContext, request: BudgetRequest, notice: Notice) -> str:
    """What the asker will read, quoted for the coordinator before she confirms."""
    name = await member_name(context, request.member_id)
    shown = context.core.notices.text_for(context.lang, notice)
    return f"{context.t('budget.preview', name=name)}\n\n{shown.text}"


async def approve(update: Update, context: BotContext, way: str | None = None) -> None:
    """The approval preview: what the asker reads for the chosen way of paying back, then "Goedkeuren"."""
    budget = context.core.budget
    request = await budget.check_decidable(me(context), int(context.callback_args[0]))
    way_picked = way is not None
    way = budget.pay_way(way)
    await done_pressing(update)
    text = await _preview(context, request, approval_notice(request, way, budget.config))
    rows: list[list[tuple[str, str]]] = []
    if len(budget.config.ways) > 1:
        for option in budget.config.ways:
            mark = "● " if option == way else "○ "
            rows.append([(mark + context.t(f"budget.way.{option}"), APPROVE_WAY.encode(request.id, option))])
    confirm = (context.t("budget.approve_button"), APPROVE_CONFIRM.encode(request.id, way))
    rows.append([confirm, *cancel_row(context)])
    if way_picked:
        await replace(update, context, text, rows)  # the same preview, another way
    else:
        await say(update, context, text, rows)  # below the request, which stays readable


async def pick_way(update: Update, context: BotContext) -> None:
    await approve(update, context, str(context.callback_args[1]))


async def approve_confirmed(update: Update, context: BotContext) -> None:
    request_id, way = context.callback_args
    request = await context.core.budget.approve(me(context), int(request_id), str(way))
    await done_pressing(update)
    amount = money(request.amount_cents, context.lang)
    text = context.t("budget.approved", purpose=request.purpose, amount=amount)
    await replace(update, context, f"{text}\n{context.t(f'budget.way.{way}')}")


async def decline(update: Update, context: BotContext) -> None:
    """Declining starts with the reason: a preset button, typed text, or none."""
    (request_id,) = context.callback_args
    request = await context.core.budget.check_decidable(me(context), int(request_id))
    await done_pressing(update)
    await put_step(context, FEATURE, "reason", request_id=request.id)
    rows: list[list[tuple[str, str]]] = [
        [(context.t(f"budget.reason.{preset}"), DECLINE_PRESET.encode(request.id, preset))]
        for preset in DECLINE_PRESETS
    ]
    rows.append([(context.t("budget.reason_none_button"), DECLINE_PRESET.encode(request.id, "none"))])
    rows.append(cancel_row(context))
    await say(update, context, context.t("budget.ask_reason", purpose=request.purpose), rows)


async def _confirm_decline(
    update: Update, context: BotContext, request: BudgetRequest, reason: str | None, preset: str | None
) -> None:
    """Keep the reason in the step and show what the asker will read, with the confirm button."""
    await put_step(context, FEATURE, "decline_confirm", request_id=request.id, reason=reason, preset=preset)
    text = await _preview(context, request, decline_notice(request, reason, preset))
    rows: list[list[tuple[str, str]]] = [
        [(context.t("budget.decline_confirm_button"), DECLINE_CONFIRM.encode(request.id))],
        [(context.t("budget.other_reason_button"), DECLINE.encode(request.id)), *cancel_row(context)],
    ]
    await say(update, context, text, rows)


async def declined(update: Update, context: BotContext, member: Member, request_id: int, reason: str) -> None:
    """The typed reason for declining: the preview of what the asker reads, to confirm."""
    budget = context.core.budget
    request = await budget.check_decidable(member, request_id)
    await _confirm_decline(update, context, request, budget.check_reason(reason), None)


async def pick_reason(update: Update, context: BotContext) -> None:
    request_id, preset = context.callback_args
    request = await context.core.budget.check_decidable(me(context), int(request_id))
    await done_pressing(update)
    if preset == "none":
        await _confirm_decline(update, context, request, None, None)
    else:
        await _confirm_decline(update, context, request, None, str(preset))


async def decline_confirmed(update: Update, context: BotContext) -> None:
    """The confirmed decline, with the reason kept in the step."""
    (request_id,) = context.callback_args
    draft = step_of(context, FEATURE)
    if draft is None or draft.step != "decline_confirm" or draft.draft.get("request_id") != int(request_id):
        raise NotFound("no decline to confirm")
    preset = draft.draft.get("preset")
    reason = context.t(f"budget.reason.{preset}") if preset else draft.draft.get("reason")
    request = await context.core.budget.decline(me(context), int(request_id), reason, preset)
    await end_step(context, FEATURE)
    await done_pressing(update)
    await replace(update, context, context.t("budget.declined", purpose=request.purpose))


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


HANDLERS = (
    (SHOW, show_request),
    (APPROVE, approve),
    (APPROVE_WAY, pick_way),
    (APPROVE_CONFIRM, approve_confirmed),
    (DECLINE, decline),
    (DECLINE_PRESET, pick_reason),
    (DECLINE_CONFIRM, decline_confirmed),
    (SET_YEAR, set_year),
)
