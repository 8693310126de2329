"""Asking for a key: pick the key, say what for (an upcoming activity or a typed note), tell the holder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update

from bot.callbacks import action
from bot.i18n import clock_time, day_label_short
from bot.keys.service import Key
from bot.members.service import Member, NotFound, Role
from handlers.common import BotContext, Rows, done_pressing, me, member_name, replace
from handlers.conversation import put_step
from handlers.keys.handover import GIVE_TO
from handlers.keys.picker import FEATURE, cancel_row, key_picker
from handlers.tell import coordinators, tell, text_for

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


async def _upcoming_activities(context: BotContext, room: str | None) -> list[Any]:
    activities = getattr(context.core, "activities", None)
    if activities is None:
        return []
    now = context.core.clock.now()
    result = activities.activities_between(now, now + timedelta(days=31))
    if hasattr(result, "__await__"):
        result = await result
    return [a for a in result if (room is None or a.room == room) and str(a.status).lower() != "cancelled"]


def _activity_label(context: BotContext, activity: Any) -> str:
    local = context.core.local(activity.starts_at)
    return f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)} {activity.title}"[:60]


async def send_request(
    update: Update, context: BotContext, key_id: int, note: str, activity_id: int | None
) -> None:
    """Records the request and tells the holder and the coordinators, each once."""
    requester = me(context)
    key = await context.core.keys.request_key(requester, key_id, note, activity_id)
    app = context.application
    told: set[int] = {requester.id}
    if key.holder_id is not None and key.holder_id not in told:
        holder = await context.core.members.get(key.holder_id)
        await tell(app, holder, *_request_message(app, holder, key, requester, note))
        told.add(holder.id)
    for coordinator in await coordinators(app):
        if coordinator.id not in told:
            await tell(app, coordinator, *_request_message(app, coordinator, key, requester, note))
            told.add(coordinator.id)
    holder_name = await member_name(context, key.holder_id)
    key_name = "keys.request_sent_holder" if holder_name else "keys.request_sent"
    await replace(update, context, context.t(key_name, label=key.label, holder=holder_name))


def _request_message(app: Any, reader: Member, key: Key, requester: Member, note: str) -> tuple[str, Rows]:
    text = text_for(app, reader, "keys.request_received", name=requester.name, label=key.label, note=note)
    button = text_for(app, reader, "keys.give_to_button", name=requester.name)
    return text, [[(button, GIVE_TO.encode(key.id, requester.id))]]


HANDLERS = ((ASK_LIST, ask_list), (ASK, ask), (ASK_ACTIVITY, ask_activity), (ASK_NOTE, ask_note))
