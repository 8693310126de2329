"""The visitor count typed after "Ander getal": read right, or asked again (with the readings as buttons
when there are a few). The step lives in the member's conversation, so a restart loses nothing."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.conversation import Conversation
from bot.report.actions import VISITORS_EXACT, VISITORS_OTHER
from bot.report.counting import Count, read_count
from bot.report.visitors import FLOW, record_count
from handlers.common import BotContext, Button, me, replace, say
from handlers.conversation import Flow, put_step
from handlers.notify import answered_after


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
    await replace(update, context, thanks)


FLOWS = [Flow(FLOW, None, (VISITORS_OTHER.name, VISITORS_EXACT.name), on_text=typed)]


def register(app: Application) -> None:  # type: ignore[type-arg]
    for declared, handler in ((VISITORS_OTHER, ask_number), (VISITORS_EXACT, picked)):
        app.add_handler(CallbackQueryHandler(answered_after(handler), pattern=f"^{declared.name}:"))
