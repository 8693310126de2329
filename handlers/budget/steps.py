"""What every /budget screen shares: the draft's feature name, Cancel, and a request as one line."""

from __future__ import annotations

from bot.budget.amount import money
from bot.budget.service import BudgetRequest
from bot.callbacks import action
from bot.i18n import day_label_short
from bot.members.service import Role
from handlers.common import BotContext

CANCEL = action("bud_x", min_role=Role.NEWCOMER)

FEATURE = "budget"
MAX_LINES = 30  # a Telegram message holds 4096 characters; the CSV export has everything


def cancel_row(context: BotContext) -> list[tuple[str, str]]:
    return [(context.t("button.cancel"), CANCEL.encode())]


def request_line(context: BotContext, request: BudgetRequest, name: str = "") -> str:
    spent = money(request.spent_cents, context.lang) if request.spent_cents is not None else ""
    return context.t(
        f"budget.line.{request.status}",
        day=day_label_short(request.for_date, context.lang),
        purpose=request.purpose,
        amount=money(request.amount_cents, context.lang),
        spent=spent,
        name=name,
        reason=request.decline_reason or "",
        receipts=request.receipts,
    )
