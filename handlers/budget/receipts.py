"""Receipts for approved wijkbudget money: a photo or image file, then the amount actually spent."""

from __future__ import annotations

import io

from telegram import Update

from bot.budget.actions import RECEIPT
from bot.budget.amount import money, parse_amount
from bot.budget.service import BudgetRequest, ReceiptNotImage, check_receipt_size
from bot.conversation import Conversation
from bot.members.service import Member
from handlers.budget.steps import FEATURE, MAX_LINES, cancel_row
from handlers.common import BotContext, Rows, done_pressing, me, say
from handlers.conversation import end_step, put_step

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif")


async def bon(update: Update, context: BotContext) -> None:
    """/bon: hand in a receipt; with one approved request straight away, with several a button each."""
    waiting = [r for r in await context.core.budget.requests_of(me(context)) if r.status == "approved"]
    if not waiting:
        await say(update, context, context.t("budget.bon_none"))
        return
    if len(waiting) == 1:
        await _ask_receipt(update, context, waiting[0])
        return
    rows: Rows = [
        [(context.t("budget.receipt_button", purpose=r.purpose[:30]), RECEIPT.encode(r.id))]
        for r in waiting[:MAX_LINES]
    ]
    await say(update, context, context.t("budget.bon_which"), [*rows, cancel_row(context)])


async def receipt(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    request = await context.core.budget.check_receipt_allowed(me(context), int(request_id))
    await done_pressing(update)
    await _ask_receipt(update, context, request)


async def _ask_receipt(update: Update, context: BotContext, request: BudgetRequest) -> None:
    await put_step(context, FEATURE, "receipt", request_id=request.id)
    await say(
        update, context, context.t("budget.ask_receipt", purpose=request.purpose), [cancel_row(context)]
    )


async def settle(update: Update, context: BotContext, member: Member, request_id: int, cents: int) -> None:
    request = await context.core.budget.set_spent(member, request_id, cents)
    await end_step(context, FEATURE)
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


async def save_receipt(update: Update, context: BotContext, member: Member, draft: Conversation) -> None:
    """A receipt: a photo or an image file, at most 10 MB; the caption may hold the amount spent."""
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
    request_id = int(draft.draft["request_id"])
    name = await context.core.budget.add_receipt(member, request_id, buffer.getvalue())
    caption = (message.caption or "").strip()
    if caption:
        await settle(update, context, member, request_id, parse_amount(caption))
    else:
        await put_step(context, FEATURE, "spent", request_id=request_id)
        await say(
            update,
            context,
            context.t("budget.receipt_saved", file=name.rsplit("/", 1)[-1]),
            [cancel_row(context)],
        )
