"""/budget: asking for wijkbudget money, coordinators deciding, receipts, and the year's overview.

This module holds the member's request flow and owns the typed-input groups; receipts (budget_receipts)
and the coordinator's decisions (budget_decisions) live in their own modules and are registered here.
"""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot.budget.actions import RECEIPT
from bot.budget.amount import money, parse_amount
from bot.budget.service import parse_request_date
from bot.callbacks import action
from bot.commands import Command
from bot.i18n import day_label_short
from bot.members.service import NotFound, Role
from handlers.budget import decisions as budget_decisions
from handlers.budget import receipts as budget_receipts
from handlers.budget.steps import CANCEL, FEATURE, MAX_LINES, cancel_row, request_line
from handlers.common import BotContext, Rows, done_pressing, me, replace, say

COMMANDS = [Command("budget", Role.NEWCOMER, "command.budget")]

NEW = action("bud_new", min_role=Role.NEWCOMER)
SEND = action("bud_send", min_role=Role.NEWCOMER)

INPUT_GROUP = -14


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
    await context.core.drafts.clear(me(context).id, FEATURE)
    text, rows = await overview(context)
    await say(update, context, text, rows)


async def new(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await context.core.drafts.put(me(context).id, FEATURE, "purpose")
    await replace(update, context, context.t("budget.ask_purpose"), [cancel_row(context)])


async def send(update: Update, context: BotContext) -> None:
    asker = me(context)
    draft = await context.core.drafts.get(asker.id, FEATURE)
    if draft is None or draft.step != "confirm":
        raise NotFound("no budget draft")
    await context.core.budget.request(
        asker, str(draft.data["purpose"]), int(draft.data["cents"]), date.fromisoformat(draft.data["date"])
    )
    await context.core.drafts.clear(asker.id, FEATURE)
    await done_pressing(update)
    await replace(update, context, context.t("budget.sent"))


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await context.core.drafts.clear(me(context).id, FEATURE)
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext) -> None:
    """A typed answer to the budget step this member is on; a wrong answer keeps the step."""
    member = context.member
    if member is None or not member.is_active:
        return
    draft = await context.core.drafts.get(member.id, FEATURE)
    if draft is None:
        return
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    drafts, budget, data = context.core.drafts, context.core.budget, draft.data
    if draft.step == "purpose":
        purpose = " ".join(text.split())
        budget.check_purpose(purpose)
        await drafts.put(member.id, FEATURE, "amount", purpose=purpose)
        await say(update, context, context.t("budget.ask_amount"), [cancel_row(context)])
    elif draft.step == "amount":
        cents = parse_amount(text)
        await drafts.put(member.id, FEATURE, "date", **data, cents=cents)
        await say(update, context, context.t("budget.ask_date"), [cancel_row(context)])
    elif draft.step == "date":
        day = parse_request_date(text, context.core.clock.now(), context.core.tz)
        await drafts.put(member.id, FEATURE, "confirm", **data, date=day.isoformat())
        summary = context.t(
            "budget.confirm",
            purpose=data["purpose"],
            amount=money(int(data["cents"]), context.lang),
            day=day_label_short(day, context.lang),
        )
        await say(
            update,
            context,
            summary,
            [[(context.t("budget.send_button"), SEND.encode()), *cancel_row(context)]],
        )
    elif draft.step == "reason":
        await budget_decisions.declined(update, context, member, int(data["request_id"]), text)
    elif draft.step == "spent":
        await budget_receipts.settle(update, context, member, int(data["request_id"]), parse_amount(text))
    elif draft.step == "year_budget":
        await budget_decisions.year_budget_set(update, context, member, int(data["year"]), text)
    elif draft.step == "receipt":
        await say(update, context, context.t("budget.receipt_expected"), [cancel_row(context)])
    raise ApplicationHandlerStop


async def photo(update: Update, context: BotContext) -> None:
    """A receipt sent while this member is on the receipt step (see budget_receipts.save_receipt)."""
    member = context.member
    if member is None or not member.is_active:
        return
    draft = await context.core.drafts.get(member.id, FEATURE)
    if draft is None or draft.step not in ("receipt", "spent"):
        return
    await budget_receipts.save_receipt(update, context, member, draft)
    raise ApplicationHandlerStop


def register(app: Application) -> None:  # type: ignore[type-arg]
    private = f.ChatType.PRIVATE & f.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & f.TEXT & ~f.COMMAND, typed), group=INPUT_GROUP)
    app.add_handler(MessageHandler(private & (f.PHOTO | f.Document.ALL), photo), group=INPUT_GROUP)
    app.add_handler(CommandHandler("budget", show))
    for declared, callback in (
        (NEW, new),
        (SEND, send),
        (RECEIPT, budget_receipts.receipt),
        *budget_decisions.HANDLERS,
        (CANCEL, cancel),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}(:|$)"))
