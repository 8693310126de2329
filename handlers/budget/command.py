"""/budget: asking for wijkbudget money, coordinators deciding, receipts, and the year's overview.

This module holds the member's request flow and owns the typed-input groups; receipts (budget_receipts)
and the coordinator's decisions (budget_decisions) live in their own modules and are registered here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
)

from bot.budget.actions import RECEIPT
from bot.budget.amount import money, parse_amount
from bot.budget.service import parse_request_date
from bot.callbacks import action
from bot.commands import Command
from bot.conversation import Conversation
from bot.errors import NotFound
from bot.i18n import day_label_short
from bot.members.service import Role
from handlers.budget import decisions as budget_decisions
from handlers.budget import receipts as budget_receipts
from handlers.budget.steps import CANCEL, FEATURE, MAX_LINES, cancel_row, request_line
from handlers.common import AnyApp, BotContext, Rows, done_pressing, me, replace, say
from handlers.conversation import Flow, end_step, put_step, step_of

COMMANDS = [Command("budget", Role.NEWCOMER, "command.budget"), Command("bon", Role.NEWCOMER, "command.bon")]

NEW = action("bud_new", min_role=Role.NEWCOMER)
SEND = action("bud_send", min_role=Role.NEWCOMER)


async def overview(context: BotContext) -> tuple[str, Rows]:
    member = me(context)
    rows: list[list[tuple[str, str]]] = []
    lines = [context.t("budget.title")]
    if context.role is Role.COORDINATOR:
        year_lines, year_rows = await budget_decisions.year_overview(context, member)
        lines.extend(year_lines)
        rows.extend(year_rows)
    mine = await context.core.budget.requests_of(member)
    if context.role is not Role.COORDINATOR:
        lines.append(context.t("budget.mine_title"))
        if not mine:
            lines.append(context.t("budget.mine_none"))
        lines.extend(request_line(context, r) for r in mine[:MAX_LINES])
    for request in mine:
        if request.status == "approved":
            label = context.t("budget.receipt_button", purpose=request.purpose[:30])
            rows.append([(label, RECEIPT.encode(request.id))])
    rows.append([(context.t("budget.new_button"), NEW.encode())])
    return "\n".join(lines), rows


async def show(update: Update, context: BotContext) -> None:
    draft = step_of(context, FEATURE)
    if draft is not None and draft.step in REQUEST_STEPS:
        await _ask(update, context, draft.step, draft.draft, resumed=True)  # a request left half typed
        return
    await end_step(context, FEATURE)
    text, rows = await overview(context)
    await say(update, context, text, rows)


REQUEST_STEPS = ("purpose", "amount", "date", "confirm")


async def _ask(
    update: Update, context: BotContext, step: str, data: dict[str, Any], resumed: bool = False
) -> None:
    """Make ``step`` of a new request the current one and ask its question."""
    await put_step(context, FEATURE, step, **data)
    rows: list[list[tuple[str, str]]] = [cancel_row(context)]
    if step == "confirm":
        text = context.t(
            "budget.confirm",
            purpose=data["purpose"],
            amount=money(int(data["cents"]), context.lang),
            day=day_label_short(date.fromisoformat(data["date"]), context.lang),
        )
        rows = [[(context.t("budget.send_button"), SEND.encode()), *cancel_row(context)]]
    else:
        text = context.t(f"budget.ask_{step}")
    if resumed:
        text = f"{context.t('budget.resumed')}\n\n{text}"
    await say(update, context, text, rows)


async def new(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await put_step(context, FEATURE, "purpose")
    await replace(update, context, context.t("budget.ask_purpose"), [cancel_row(context)])


async def send(update: Update, context: BotContext) -> None:
    asker = me(context)
    draft = step_of(context, FEATURE)
    if draft is None or draft.step != "confirm":
        raise NotFound("no budget draft")
    data = draft.draft
    # The request ends the budget step in its own transaction: pressing Send again cannot ask twice.
    await context.core.budget.request(
        asker, str(data["purpose"]), int(data["cents"]), date.fromisoformat(data["date"])
    )
    context.conversation = None
    await done_pressing(update)
    await replace(update, context, context.t("budget.sent"))


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await end_step(context, FEATURE)
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext, draft: Conversation) -> None:
    """A typed answer to the budget step this member is on; a wrong answer keeps the step."""
    member = me(context)
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    budget, data = context.core.budget, draft.draft
    if draft.step == "purpose":
        purpose = " ".join(text.split())
        budget.check_purpose(purpose)
        await _ask(update, context, "amount", {"purpose": purpose})
    elif draft.step == "amount":
        await _ask(update, context, "date", {**data, "cents": parse_amount(text)})
    elif draft.step == "date":
        day = parse_request_date(text, context.core.clock.now(), context.core.tz)
        await _ask(update, context, "confirm", {**data, "date": day.isoformat()})
    elif draft.step in ("confirm", "decline_confirm"):
        await say(update, context, context.t("budget.use_buttons"))
    elif draft.step == "reason":
        await budget_decisions.declined(update, context, member, int(data["request_id"]), text)
    elif draft.step == "spent":
        await budget_receipts.settle(update, context, member, int(data["request_id"]), parse_amount(text))
    elif draft.step == "year_budget":
        await budget_decisions.year_budget_set(update, context, member, int(data["year"]), text)
    elif draft.step == "receipt":
        await say(update, context, context.t("budget.receipt_expected"), [cancel_row(context)])


async def photo(update: Update, context: BotContext, draft: Conversation) -> None:
    """A receipt sent while this member is on the receipt step (see budget_receipts.save_receipt)."""
    if draft.step not in ("receipt", "spent"):
        await say(update, context, context.t("budget.use_buttons"), [cancel_row(context)])
        return
    await budget_receipts.save_receipt(update, context, me(context), draft)


def _left(context: BotContext, draft: Conversation) -> str | None:
    """Leaving a request half typed says so; a single question (a reason, a receipt) just ends."""
    if draft.step in ("amount", "date", "confirm"):
        return context.t("budget.request_left")
    return None


FLOWS = [Flow(FEATURE, "budget", ("bud_",), on_text=typed, on_photo=photo, left=_left)]


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("budget", show))
    app.add_handler(CommandHandler("bon", budget_receipts.bon))
    for declared, callback in (
        (NEW, new),
        (SEND, send),
        (RECEIPT, budget_receipts.receipt),
        *budget_decisions.HANDLERS,
        (CANCEL, cancel),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}(:|$)"))
