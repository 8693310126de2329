"""Editing the time or place of an activity, and cancelling it: for its organiser and coordinators.

Everyone who claimed a place is told of a change; a cancelled activity stays in history.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.activities.rules import clean_place
from bot.activities.when_answer import pick_option, resolve_option
from bot.callbacks import action
from bot.errors import InvalidInput
from bot.rooms import BOTH_ROOMS, is_room
from bot.text_errors import TimeAmbiguous
from bot.timeparse.parse import When, parse_when
from handlers.activities.change import show_preview
from handlers.activities.draft import (
    ACT_EDIT,
    EDIT_PLACE_STEP,
    EDIT_PLACE_TEXT,
    EDIT_WHEN,
    EDIT_WHEN_PICK,
    FLOW,
    NW,
    draft_of,
    nav_row,
    options_of,
    period_row,
)
from handlers.common import BotContext, Button, done_pressing, replace, say
from handlers.conversation import end_step, put_step

EDIT_TIME = action("act_time", int)
EDIT_PLACE = action("act_place", int)
CANCEL_ACT = action("act_cancel", int)
CANCEL_ACT_OK = action("act_cancel_ok", int)
KEEP_ACT = action("act_keep", int)


# --- editing and cancelling (organiser or coordinator) ---------------------------------------------


def edit_rows(context: BotContext, activity_id: int) -> list[list[Button]]:
    return [
        [
            (context.t("activity.edit_time_button"), EDIT_TIME.encode(activity_id)),
            (context.t("activity.edit_place_button"), EDIT_PLACE.encode(activity_id)),
        ],
        [
            (context.t("activity.edit_button"), ACT_EDIT.encode(activity_id)),
            (context.t("activity.cancel_button"), CANCEL_ACT.encode(activity_id)),
        ],
    ]


async def start_edit_time(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    assert context.member is not None
    activity = await context.core.activities.get(int(activity_id))
    if not context.core.activities.edits.can_edit(context.member, activity):
        from bot.activities.errors import NotOrganiser

        raise NotOrganiser()
    await done_pressing(update)
    await put_step(context, FLOW, EDIT_WHEN, path=[EDIT_WHEN], activity=activity.id)
    await say(
        update, context, context.t("edit.ask_when", title=activity.title), [nav_row(context, back=False)]
    )


async def on_edit_when(update: Update, context: BotContext) -> None:
    """The typed new time; an ambiguous one ("om 8") is asked about with its two readings as buttons,
    and "'s avonds" or "20:00" typed after that question answers it."""
    draft = draft_of(context)
    core = context.core
    text = (update.effective_message.text if update.effective_message else "") or ""
    pending = draft.get("pending") if draft["path"][-1] == EDIT_WHEN_PICK else None
    option = pick_option(text, pending["options"]) if pending else None
    if pending and option:
        when = resolve_option(pending["text"], option, core.clock.now(), core.tz, context.lang)
    else:
        try:
            when = parse_when(text, core.clock.now(), tz=core.tz, lang=context.lang)
        except TimeAmbiguous as exc:
            await _ask_period(update, context, draft, text, options_of(exc))
            return
    await apply_when(update, context, draft, when)


async def _ask_period(
    update: Update, context: BotContext, draft: dict[str, Any], text: str, options: list[str]
) -> None:
    pending = {"text": text, "options": options}
    await put_step(
        context, FLOW, EDIT_WHEN_PICK, path=[EDIT_WHEN_PICK], activity=draft["activity"], pending=pending
    )
    rows = [period_row(context, options), nav_row(context, back=False)]
    await say(update, context, context.t("nieuw.ask_period"), rows)


async def on_edit_period_button(update: Update, context: BotContext, choice: str) -> None:
    """One of the two readings pressed."""
    draft = draft_of(context)
    options = draft["pending"]["options"]
    index = int(choice[1:]) if choice[1:].isdigit() else len(options)
    if index >= len(options):
        return
    core = context.core
    when = resolve_option(draft["pending"]["text"], options[index], core.clock.now(), core.tz, context.lang)
    await apply_when(update, context, draft, when)


async def apply_when(update: Update, context: BotContext, draft: dict[str, Any], when: When) -> None:
    core = context.core
    assert context.member is not None
    activity = await core.activities.get(draft["activity"])
    if not when.has_time:
        raise InvalidInput("no time")
    end = when.end or when.start + (activity.ends_at - activity.starts_at)
    await show_preview(
        update, context, activity.id, starts_at=when.start.isoformat(), ends_at=end.isoformat()
    )


async def start_edit_place(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    activity = await context.core.activities.get(int(activity_id))
    await done_pressing(update)
    await put_step(context, FLOW, EDIT_PLACE_STEP, path=[EDIT_PLACE_STEP], activity=activity.id)
    rows = [
        [
            (context.core.rooms.name("huiskamer6", context.lang), NW.encode("huiskamer6")),
            (context.core.rooms.name("huiskamer7", context.lang), NW.encode("huiskamer7")),
        ],
        [(context.t("nieuw.place_other_button"), NW.encode("other"))],
        [(context.t("nieuw.both_rooms_button"), NW.encode(BOTH_ROOMS))],
        nav_row(context, back=False),
    ]
    await say(update, context, context.t("edit.ask_place", title=activity.title), rows)


async def on_edit_place_button(update: Update, context: BotContext) -> None:
    (choice,) = context.callback_args
    await done_pressing(update)
    draft = draft_of(context)
    if choice == "cancel":
        await end_step(context, FLOW)
        await replace(update, context, context.t("nieuw.cancelled"))
        return
    if draft["path"][-1] == EDIT_WHEN_PICK and str(choice).startswith("o"):
        await on_edit_period_button(update, context, str(choice))
        return
    if choice == "other":
        await put_step(context, FLOW, EDIT_PLACE_TEXT, path=[EDIT_PLACE_TEXT], activity=draft["activity"])
        await replace(update, context, context.t("nieuw.ask_place_text"), [nav_row(context, back=False)])
        return
    if is_room(str(choice)):
        await _apply_place(update, context, draft["activity"], str(choice))


async def on_edit_place_text(update: Update, context: BotContext) -> None:
    draft = draft_of(context)
    place = clean_place((update.effective_message.text if update.effective_message else "") or "")
    await _apply_place(update, context, draft["activity"], place)


async def _apply_place(update: Update, context: BotContext, activity_id: int, place: str) -> None:
    """The new place goes to the preview first, like every other change."""
    await show_preview(update, context, activity_id, place=place)


async def confirm_cancel(update: Update, context: BotContext) -> None:
    """ "Ja, afzeggen" on a confirmation sent before a cancel asked why: cancels without a reason."""
    (activity_id,) = context.callback_args
    assert context.member is not None
    await context.core.activities.edits.cancel(context.member, int(activity_id))
    activity = await context.core.activities.get(int(activity_id))
    await done_pressing(update)
    await replace(update, context, context.t("activity.cancelled_done", title=activity.title))


async def keep(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await replace(update, context, context.t("activity.kept"))
