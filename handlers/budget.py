"""/budget: asking for wijkbudget money, coordinators deciding, receipts, and the year's overview."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot.amountparse import parse_amount
from bot.budget import (
    MAX_YEAR_CENTS,
    BudgetRequest,
    ReceiptNotImage,
    check_receipt_size,
    money,
    parse_request_date,
)
from bot.callbacks import action
from bot.commands import Command
from bot.i18n import day_label_short
from bot.members import Member, NotFound, Role
from handlers.common import BotContext, Rows, done_pressing, replace, say
from handlers.tell import coordinators, tell, text_for

COMMANDS = [Command("budget", Role.NEWCOMER, "command.budget")]

NEW = action("bud_new", min_role=Role.NEWCOMER)
SEND = action("bud_send", min_role=Role.NEWCOMER)
RECEIPT = action("bud_receipt", int, min_role=Role.NEWCOMER)
SHOW = action("bud_show", int, min_role=Role.COORDINATOR)
APPROVE = action("bud_ok", int, min_role=Role.COORDINATOR)
DECLINE = action("bud_no", int, min_role=Role.COORDINATOR)
SET_YEAR = action("bud_year", int, min_role=Role.COORDINATOR)
CANCEL = action("bud_x", min_role=Role.NEWCOMER)

FEATURE = "budget"
LEAVE_GROUP = -15
INPUT_GROUP = -14
MAX_LINES = 30  # a Telegram message holds 4096 characters; the CSV export has everything
MAX_DECIDE_BUTTONS = 8
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif")


def _me(context: BotContext) -> Member:
    assert context.member is not None
    return context.member


def _cancel_row(context: BotContext) -> list[tuple[str, str]]:
    return [(context.t("button.cancel"), CANCEL.encode())]


async def _name(context: BotContext, member_id: int | None) -> str:
    if member_id is None:
        return ""
    try:
        return (await context.core.members.get(member_id)).name
    except NotFound:
        return "?"


def _request_line(context: BotContext, request: BudgetRequest, name: str = "") -> str:
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


async def overview(context: BotContext) -> tuple[str, Rows]:
    me = _me(context)
    budget = context.core.budget
    rows: list[list[tuple[str, str]]] = []
    lines = [context.t("budget.title")]
    if context.role is Role.COORDINATOR:
        year = budget.this_year()
        view = await budget.overview(me, year)
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
            lines.append(_request_line(context, request, await _name(context, request.member_id)))
        waiting = [r for r in view.requests if r.status == "requested"][:MAX_DECIDE_BUTTONS]
        for request in waiting:
            label = context.t("budget.decide_button", purpose=request.purpose[:30])
            rows.append([(label, SHOW.encode(request.id))])
        rows.append([(context.t("budget.set_year_button", year=year), SET_YEAR.encode(year))])
    mine = await budget.requests_of(me)
    if context.role is not Role.COORDINATOR:
        lines.append(context.t("budget.mine_title"))
        if not mine:
            lines.append(context.t("budget.mine_none"))
        lines.extend(_request_line(context, r) for r in mine[:MAX_LINES])
    for request in mine:
        if request.status == "approved":
            label = context.t("budget.receipt_button", purpose=request.purpose[:30])
            rows.append([(label, RECEIPT.encode(request.id))])
    rows.append([(context.t("budget.new_button"), NEW.encode())])
    return "\n".join(lines), rows


async def show(update: Update, context: BotContext) -> None:
    await context.core.drafts.clear(_me(context).id, FEATURE)
    text, rows = await overview(context)
    await say(update, context, text, rows)


async def new(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await context.core.drafts.put(_me(context).id, FEATURE, "purpose")
    await replace(update, context, context.t("budget.ask_purpose"), [_cancel_row(context)])


async def send(update: Update, context: BotContext) -> None:
    me = _me(context)
    draft = await context.core.drafts.get(me.id, FEATURE)
    if draft is None or draft.step != "confirm":
        raise NotFound("no budget draft")
    request = await context.core.budget.request(
        me, str(draft.data["purpose"]), int(draft.data["cents"]), date.fromisoformat(draft.data["date"])
    )
    await context.core.drafts.clear(me.id, FEATURE)
    await done_pressing(update)
    await replace(update, context, context.t("budget.sent"))
    app = context.application
    for coordinator in await coordinators(app):
        if coordinator.id != me.id:
            await tell(app, coordinator, *_decision_message(app, coordinator, request, me.name))


def _decision_message(app: Any, reader: Member, request: BudgetRequest, name: str) -> tuple[str, Rows]:
    text = text_for(
        app,
        reader,
        "budget.request_received",
        name=name,
        purpose=request.purpose,
        amount=money(request.amount_cents, reader.language),
        day=day_label_short(request.for_date, reader.language),
    )
    rows = [
        [
            (text_for(app, reader, "budget.approve_button"), APPROVE.encode(request.id)),
            (text_for(app, reader, "budget.decline_button"), DECLINE.encode(request.id)),
        ]
    ]
    return text, rows


async def show_request(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_decidable(_me(context), int(request_id))
    await done_pressing(update)
    name = await _name(context, request.member_id)
    text, rows = _decision_message(context.application, _me(context), request, name)
    await say(update, context, text, rows)


async def approve(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.approve(_me(context), int(request_id))
    await done_pressing(update)
    amount = money(request.amount_cents, context.lang)
    await replace(update, context, context.t("budget.approved", purpose=request.purpose, amount=amount))
    member = await context.core.members.get(request.member_id)
    app = context.application
    text = text_for(
        app,
        member,
        "budget.member_approved",
        purpose=request.purpose,
        amount=money(request.amount_cents, member.language),
    )
    await tell(
        app,
        member,
        text,
        [
            [
                (
                    text_for(app, member, "budget.receipt_button", purpose=request.purpose[:30]),
                    RECEIPT.encode(request.id),
                )
            ]
        ],
    )


async def decline(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_decidable(_me(context), int(request_id))
    await done_pressing(update)
    await context.core.drafts.put(_me(context).id, FEATURE, "reason", request_id=request.id)
    await say(
        update, context, context.t("budget.ask_reason", purpose=request.purpose), [_cancel_row(context)]
    )


async def receipt(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_receipt_allowed(_me(context), int(request_id))
    await done_pressing(update)
    await context.core.drafts.put(_me(context).id, FEATURE, "receipt", request_id=request.id)
    await say(
        update, context, context.t("budget.ask_receipt", purpose=request.purpose), [_cancel_row(context)]
    )


async def set_year(update: Update, context: BotContext) -> None:
    (year,) = context.callback_args
    await done_pressing(update)
    await context.core.drafts.put(_me(context).id, FEATURE, "year_budget", year=int(year))
    await say(update, context, context.t("budget.ask_year_budget", year=year), [_cancel_row(context)])


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await context.core.drafts.clear(_me(context).id, FEATURE)
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
        await say(update, context, context.t("budget.ask_amount"), [_cancel_row(context)])
    elif draft.step == "amount":
        cents = parse_amount(text)
        await drafts.put(member.id, FEATURE, "date", **data, cents=cents)
        await say(update, context, context.t("budget.ask_date"), [_cancel_row(context)])
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
            [[(context.t("budget.send_button"), SEND.encode()), *_cancel_row(context)]],
        )
    elif draft.step == "reason":
        request = await budget.decline(member, int(data["request_id"]), text)
        await drafts.clear(member.id, FEATURE)
        await say(update, context, context.t("budget.declined", purpose=request.purpose))
        asker = await context.core.members.get(request.member_id)
        await tell(
            context.application,
            asker,
            text_for(
                context.application,
                asker,
                "budget.member_declined",
                purpose=request.purpose,
                reason=request.decline_reason or "",
            ),
        )
    elif draft.step == "spent":
        await _settle(update, context, member, int(data["request_id"]), parse_amount(text))
    elif draft.step == "year_budget":
        cents = parse_amount(text, max_cents=MAX_YEAR_CENTS)
        await budget.set_year_budget(member, int(data["year"]), cents)
        await drafts.clear(member.id, FEATURE)
        await say(
            update,
            context,
            context.t("budget.year_set", year=data["year"], amount=money(cents, context.lang)),
        )
    elif draft.step == "receipt":
        await say(update, context, context.t("budget.receipt_expected"), [_cancel_row(context)])
    raise ApplicationHandlerStop


async def _settle(update: Update, context: BotContext, member: Member, request_id: int, cents: int) -> None:
    request = await context.core.budget.set_spent(member, request_id, cents)
    await context.core.drafts.clear(member.id, FEATURE)
    await say(
        update,
        context,
        context.t(
            "budget.settled",
            purpose=request.purpose,
            spent=money(cents, context.lang),
            receipts=request.receipts,
        ),
    )


async def photo(update: Update, context: BotContext) -> None:
    """A receipt: a photo or an image file, at most 10 MB; the caption may hold the amount spent."""
    member = context.member
    if member is None or not member.is_active:
        return
    draft = await context.core.drafts.get(member.id, FEATURE)
    if draft is None or draft.step not in ("receipt", "spent"):
        return
    message = update.effective_message
    assert message is not None
    if message.photo:
        file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
    elif message.document is not None:
        if (message.document.mime_type or "").lower() not in IMAGE_TYPES:
            raise ReceiptNotImage()
        file_id, size = message.document.file_id, message.document.file_size
    else:
        raise ReceiptNotImage()
    check_receipt_size(size)
    telegram_file = await context.bot.get_file(file_id)
    check_receipt_size(telegram_file.file_size)
    buffer = io.BytesIO()
    await telegram_file.download_to_memory(buffer)
    request_id = int(draft.data["request_id"])
    name = await context.core.budget.add_receipt(member, request_id, buffer.getvalue())
    caption = (message.caption or "").strip()
    if caption:
        await _settle(update, context, member, request_id, parse_amount(caption))
    else:
        await context.core.drafts.put(member.id, FEATURE, "spent", request_id=request_id)
        await say(
            update,
            context,
            context.t("budget.receipt_saved", file=name.rsplit("/", 1)[-1]),
            [_cancel_row(context)],
        )
    raise ApplicationHandlerStop


async def leave_flow(update: Update, context: BotContext) -> None:
    """Typing a command leaves a half-finished step (the command itself is handled as usual)."""
    if context.member is not None and context.member.is_active:
        await context.core.drafts.clear(context.member.id, FEATURE)


async def leave_on_other_button(update: Update, context: BotContext) -> None:
    """A button of another feature also leaves the step, so its typed answers are not read as ours."""
    data = update.callback_query.data if update.callback_query else None
    if not (data or "").startswith("bud_"):
        await leave_flow(update, context)


def register(app: Application) -> None:  # type: ignore[type-arg]
    private = f.ChatType.PRIVATE & f.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & f.COMMAND, leave_flow), group=LEAVE_GROUP)
    app.add_handler(CallbackQueryHandler(leave_on_other_button), group=LEAVE_GROUP)
    app.add_handler(MessageHandler(private & f.TEXT & ~f.COMMAND, typed), group=INPUT_GROUP)
    app.add_handler(MessageHandler(private & (f.PHOTO | f.Document.ALL), photo), group=INPUT_GROUP)
    app.add_handler(CommandHandler("budget", show))
    for declared, callback in (
        (NEW, new),
        (SEND, send),
        (RECEIPT, receipt),
        (SHOW, show_request),
        (APPROVE, approve),
        (DECLINE, decline),
        (SET_YEAR, set_year),
        (CANCEL, cancel),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}(:|$)"))
