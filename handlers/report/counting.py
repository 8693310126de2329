"""The visitor count typed after "Ander getal": read right, or asked again (with the readings as buttons
when there are a few); then, optionally, a photo that may be shared or is only for the report. The steps
live in the member's conversation, so a restart loses nothing."""

from __future__ import annotations

import io

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.budget.service import check_receipt_size
from bot.conversation import Conversation
from bot.report.actions import PHOTO, VISITORS_EXACT, VISITORS_OTHER
from bot.report.counting import Count, read_count
from bot.report.photos import PhotoNotImage, add_photo
from bot.report.visitors import FLOW, record_count
from handlers.common import AnyApp, BotContext, Button, me, replace, say
from handlers.conversation import Flow, put_step
from handlers.notify import answered_after


def photo_rows(context: BotContext, activity_id: int) -> list[list[Button]]:
    """The optional photo after a count, with the choice who may see it made on the button."""
    return [
        [(context.t("report.photo_button_shared"), PHOTO.encode(activity_id, 1))],
        [(context.t("report.photo_button_report"), PHOTO.encode(activity_id, 0))],
    ]


def count_label(count: Count) -> str:
    return str(count.low) if count.low == count.high else f"{count.low}–{count.high}"


async def ask_number(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    activity = await context.core.activities.get(int(activity_id))
    await put_step(context, FLOW, "number", activity=activity.id)
    await replace(update, context, context.t("report.visitors_type", activity=activity.title))


async def typed(update: Update, context: BotContext, conversation: Conversation) -> bool:
    assert update.message is not None
    activity_id = int(conversation.draft["activity"])
    reading = read_count(update.message.text or "")
    if reading.count is not None:
        activity = await record_count(context.core, me(context), activity_id, reading.count)
        context.conversation = None  # the use case ended it with the count
        thanks = context.t(
            "report.visitors_thanks", visitors=count_label(reading.count), title=activity.title
        )
        await say(update, context, thanks)
        return True
    if reading.candidates:
        rows: list[list[Button]] = [
            [(count_label(c), VISITORS_EXACT.encode(activity_id, c.low, c.high)) for c in reading.candidates]
        ]
        await say(update, context, context.t("report.visitors_which"), rows)
        return True
    await say(update, context, context.t("report.visitors_not_understood"))
    return True


async def picked(update: Update, context: BotContext) -> None:
    activity_id, low, high = (int(v) for v in context.callback_args)
    count = Count(low, high)
    activity = await record_count(context.core, me(context), activity_id, count)
    context.conversation = None
    thanks = context.t("report.visitors_thanks", visitors=count_label(count), title=activity.title)
    await replace(update, context, thanks, photo_rows(context, activity.id))


async def ask_photo(update: Update, context: BotContext) -> None:
    activity_id, shareable = (int(v) for v in context.callback_args)
    activity = await context.core.activities.get(activity_id)
    await put_step(context, FLOW, "photo", activity=activity.id, shareable=bool(shareable))
    key = "report.photo_ask_shared" if shareable else "report.photo_ask_report"
    await say(update, context, context.t(key, activity=activity.title))


async def photo(update: Update, context: BotContext, conversation: Conversation) -> bool:
    message = update.effective_message
    if conversation.step != "photo" or message is None:
        return False
    if message.photo:
        file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
    elif message.document is not None and (message.document.mime_type or "").startswith("image/"):
        file_id, size = message.document.file_id, message.document.file_size
    else:
        raise PhotoNotImage()
    check_receipt_size(size)
    buffer = io.BytesIO()
    await (await context.bot.get_file(file_id)).download_to_memory(buffer)
    shareable = bool(conversation.draft.get("shareable"))
    activity_id = int(conversation.draft["activity"])
    await add_photo(context.core, me(context), activity_id, buffer.getvalue(), shareable)
    context.conversation = None  # the use case ended the step with the photo
    key = "report.photo_saved_shared" if shareable else "report.photo_saved_report"
    await say(update, context, context.t(key))
    return True


FLOWS = [
    Flow(
        FLOW,
        None,
        (VISITORS_OTHER.name, VISITORS_EXACT.name, PHOTO.name),
        on_text=typed,
        on_photo=photo,
    )
]


def register(app: AnyApp) -> None:
    for declared, handler in ((VISITORS_OTHER, ask_number), (VISITORS_EXACT, picked), (PHOTO, ask_photo)):
        app.add_handler(CallbackQueryHandler(answered_after(handler), pattern=f"^{declared.name}:"))
