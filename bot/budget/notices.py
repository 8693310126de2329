"""What the wijkbudget feature tells members: a request waiting for a coordinator, the decision (see
bot/notices.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.budget.actions import APPROVE, DECLINE, RECEIPT
from bot.budget.amount import money
from bot.i18n import day_label_short
from bot.notices import Reader, Rendered, notice_kind

REQUEST = "budget_request"
APPROVED = "budget_approved"
DECLINED = "budget_declined"


@notice_kind(REQUEST)
def _request(r: Reader, d: Mapping[str, Any]) -> Rendered:
    text = r.t(
        "budget.request_received",
        name=d["name"],
        purpose=d["purpose"],
        amount=money(int(d["cents"]), r.lang),
        day=day_label_short(date.fromisoformat(d["for_date"]), r.lang),
    )
    rows = [
        [
            (r.t("budget.approve_button"), APPROVE.encode(d["request_id"])),
            (r.t("budget.decline_button"), DECLINE.encode(d["request_id"])),
        ]
    ]
    return Rendered(text, rows)


@notice_kind("holding.budget")
def _holding_budget(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """A request of a leaving member still in play (it stays, for the group's accounts)."""
    return Rendered(
        r.t("leaving.holding_budget", purpose=d["purpose"], amount=money(int(d["cents"]), r.lang))
    )


@notice_kind(APPROVED)
def _approved(r: Reader, d: Mapping[str, Any]) -> Rendered:
    amount = money(int(d["cents"]), r.lang)
    text = r.t("budget.member_approved", purpose=d["purpose"], amount=amount)
    payer = d["paid_by"] or r.t("budget.payer_coordinator")
    text += "\n\n" + r.t(
        "budget.pay_back",
        spend_by=day_label_short(date.fromisoformat(d["spend_by"]), r.lang),
        way=r.t(f"budget.way_line.{d['way']}", payer=payer),
        receipt_by=day_label_short(date.fromisoformat(d["receipt_by"]), r.lang),
    )
    rows = [[(r.t("budget.receipt_button", purpose=d["purpose"][:30]), RECEIPT.encode(d["request_id"]))]]
    return Rendered(text, rows)


@notice_kind(DECLINED)
def _declined(r: Reader, d: Mapping[str, Any]) -> Rendered:
    reason = r.t(f"budget.reason.{d['preset']}") if d.get("preset") else d["reason"]
    if not reason:
        return Rendered(r.t("budget.member_declined_no_reason", purpose=d["purpose"]))
    return Rendered(r.t("budget.member_declined", purpose=d["purpose"], reason=reason))
