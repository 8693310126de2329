"""Editing the time or place of an activity, and cancelling it: for its organiser and coordinators.

Everyone who claimed a place is told of a change; a cancelled activity stays in history.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    ConversationHandler,
)

from bot.activities.rules import clean_place
from bot.callbacks import action
from bot.errors import InvalidInput
from bot.rooms import ROOM_IDS
from bot.timeparse.parse import parse_when
from handlers.activities.draft import (
    DRAFT,
    EDIT_PLACE_STEP,
    EDIT_PLACE_TEXT,
    EDIT_WHEN,
    NW,
    draft_of,
    nav_row,
)
from handlers.activities.views import place_text, when_text
from handlers.common import BotContext, Rows, done_pressing, replace, say

EDIT_TIME = action("act_time", int)
EDIT_PLACE = action("act_place", int)
CANCEL_ACT = action("act_cancel", int)
CANCEL_ACT_OK = action("act_cancel_ok", int)
KEEP_ACT = action("act_keep", int)


# --- editing and cancelling (organiser or coordinator) ---------------------------------------------


def edit_rows(context: BotContext, activity_id: int) -> Rows:
    return [
        [
            (context.t("activity.edit_time_button"), EDIT_TIME.encode(activity_id)),
            (context.t("activity.edit_place_button"), EDIT_PLACE.encode(activity_id)),
        ],
        [(context.t("activity.cancel_button"), CANCEL_ACT.encode(activity_id))],
    ]


async def start_edit_time(update: Update, context: BotContext) -> str:
    (activity_id,) = context.callback_args
    assert context.member is not None and context.user_data is not None
    activity = await context.core.activities.get(int(activity_id))
    if not context.core.activities.can_edit(context.member, activity):
        from bot.activities.errors import NotOrganiser

        raise NotOrganiser()
    await done_pressing(update)
    context.user_data[DRAFT] = {"path": [EDIT_WHEN], "activity": activity.id}
    await say(
        update, context, context.t("edit.ask_when", title=activity.title), [nav_row(context, back=False)]
    )
    return EDIT_WHEN


async def on_edit_when(update: Update, context: BotContext) -> int:
    draft = draft_of(context)
    core = context.core
    assert context.member is not None
    activity = await core.activities.get(draft["activity"])
    text = (update.effective_message.text if update.effective_message else "") or ""
    when = parse_when(text, core.clock.now(), tz=core.tz, lang=context.lang)
    if not when.has_time:
        raise InvalidInput("no time")
    end = when.end or when.start + (activity.ends_at - activity.starts_at)
    await core.activities.move(context.member, activity.id, when.start, end)
    context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
    await say(
        update,
        context,
        context.t("edit.moved", title=activity.title, when=when_text(core, context.lang, when.start, end)),
    )
    raise ApplicationHandlerStop(ConversationHandler.END)


async def start_edit_place(update: Update, context: BotContext) -> str:
    (activity_id,) = context.callback_args
    assert context.user_data is not None
    activity = await context.core.activities.get(int(activity_id))
    await done_pressing(update)
    context.user_data[DRAFT] = {"path": [EDIT_PLACE_STEP], "activity": activity.id}
    rows = [
        [
            (context.core.rooms.name("huiskamer6", context.lang), NW.encode("huiskamer6")),
            (context.core.rooms.name("huiskamer7", context.lang), NW.encode("huiskamer7")),
        ],
        [(context.t("nieuw.place_other_button"), NW.encode("other"))],
        nav_row(context, back=False),
    ]
    await say(update, context, context.t("edit.ask_place", title=activity.title), rows)
    return EDIT_PLACE_STEP


async def on_edit_place_button(update: Update, context: BotContext) -> str | int:
    (choice,) = context.callback_args
    await done_pressing(update)
    draft = draft_of(context)
    if choice == "cancel":
        context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
        await replace(update, context, context.t("nieuw.cancelled"))
        return ConversationHandler.END
    if choice == "other":
        await replace(update, context, context.t("nieuw.ask_place_text"), [nav_row(context, back=False)])
        return EDIT_PLACE_TEXT
    if choice in ROOM_IDS:
        return await _apply_place(update, context, draft["activity"], str(choice))
    return EDIT_PLACE_STEP


async def on_edit_place_text(update: Update, context: BotContext) -> int:
    draft = draft_of(context)
    place = clean_place((update.effective_message.text if update.effective_message else "") or "")
    raise ApplicationHandlerStop(await _apply_place(update, context, draft["activity"], place))


async def _apply_place(update: Update, context: BotContext, activity_id: int, place: str) -> int:
    assert context.member is not None
    core = context.core
    await core.activities.change_place(context.member, activity_id, place)
    activity = await core.activities.get(activity_id)
    context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
    await say(
        update,
        context,
        context.t("edit.place_changed", title=activity.title, place=place_text(core, context.lang, place)),
    )
    return ConversationHandler.END


async def ask_cancel(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    activity = await context.core.activities.get(int(activity_id))
    await done_pressing(update)
    rows = [
        [
            (context.t("activity.cancel_yes"), CANCEL_ACT_OK.encode(activity.id)),
            (context.t("activity.cancel_no"), KEEP_ACT.encode(activity.id)),
        ]
    ]
    when = when_text(context.core, context.lang, activity.starts_at, activity.ends_at)
    await replace(
        update, context, context.t("activity.cancel_confirm", title=activity.title, when=when), rows
    )


async def confirm_cancel(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    assert context.member is not None
    await context.core.activities.cancel(context.member, int(activity_id))
    activity = await context.core.activities.get(int(activity_id))
    await done_pressing(update)
    await replace(update, context, context.t("activity.cancelled_done", title=activity.title))


async def keep(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("activity.kept"))
