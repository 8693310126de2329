"""Asking for a key: pick the key, say what for (an upcoming activity or a typed note), tell the holder."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.activities.models import ActivitySummary
from bot.callbacks import action
from bot.errors import NotFound
from bot.i18n import clock_time, day_label_short
from bot.keys.service import Key
from bot.members.service import Role
from bot.rooms import rooms_of
from handlers.common import BotContext, done_pressing, me, member_name, replace
from handlers.conversation import put_step
from handlers.keys.picker import FEATURE, cancel_row, key_picker

ASK_LIST = action("key_asks", min_role=Role.NEWCOMER)
ASK = action("key_ask", int, min_role=Role.NEWCOMER)
ASK_ACTIVITY = action("key_aska", int, int, min_role=Role.NEWCOMER)
ASK_NOTE = action("key_askn", int, min_role=Role.NEWCOMER)


async def ask_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await key_picker(context, lambda k: ASK.encode(k.id), "keys.ask_which")
    await replace(update, context, text, rows)


async def ask(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    activities = await _upcoming_activities(context, key.room)
    if activities:
        rows: list[list[tuple[str, str]]] = [
            [(_activity_label(context, a), ASK_ACTIVITY.encode(key.id, a.id))] for a in activities[:8]
        ]
        rows.append([(context.t("keys.ask_other"), ASK_NOTE.encode(key.id))])
        rows.append(cancel_row(context))
        await replace(update, context, context.t("keys.ask_activity", label=key.label), rows)
        return
    await _ask_note(update, context, key)


async def ask_note(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    await _ask_note(update, context, await context.core.keys.get(int(key_id)))


async def _ask_note(update: Update, context: BotContext, key: Key) -> None:
    await put_step(context, FEATURE, "request_note", key_id=key.id)
    await replace(update, context, context.t("keys.ask_note", label=key.label), [cancel_row(context)])


async def ask_activity(update: Update, context: BotContext) -> None:
    key_id, activity_id = context.callback_args
    await done_pressing(update)
    activities = await _upcoming_activities(context, None)
    chosen = next((a for a in activities if a.id == int(activity_id)), None)
    if chosen is None:
        raise NotFound(f"activity {activity_id}")
    await send_request(update, context, int(key_id), _activity_label(context, chosen), chosen.id)


async def _upcoming_activities(context: BotContext, room: str | None) -> list[ActivitySummary]:
    now = context.core.clock.now()
    found = await context.core.activities.activities_between(now, now + timedelta(days=31))
    return [a for a in found if (room is None or room in rooms_of(a.place)) and not a.cancelled]


def _activity_label(context: BotContext, activity: ActivitySummary) -> str:
    local = context.core.local(activity.starts_at)
    return f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)} {activity.title}"[:60]


async def send_request(
    update: Update, context: BotContext, key_id: int, note: str, activity_id: int | None
) -> None:
    """Records the request and tells the holder and the coordinators, each once."""
    requester = me(context)
    key = await context.core.keys.request_key(requester, key_id, note, activity_id)
    holder_name = await member_name(context, key.holder_id)
    key_name = "keys.request_sent_holder" if holder_name else "keys.request_sent"
    await replace(update, context, context.t(key_name, label=key.label, holder=holder_name))


HANDLERS = ((ASK_LIST, ask_list), (ASK, ask), (ASK_ACTIVITY, ask_activity), (ASK_NOTE, ask_note))
