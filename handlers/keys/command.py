"""/sleutel: where each huiskamer key is, asking for one, hand-overs in two steps, corrections.

This module shows the key register and owns the typed steps; asking (key_requests), handing over
(key_handover) and the coordinator's corrections (key_corrections) live in their own modules and are
registered here.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
)

from bot.callbacks import action
from bot.commands import Command
from bot.conversation import Conversation
from bot.i18n import clock_time, day_label_short
from bot.jobs import Job
from bot.keys.actions import GIVE_TO
from bot.keys.pending import pending_requests
from bot.keys.service import Key
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, Rows, done_pressing, me, member_name, replace, say
from handlers.conversation import Flow, end_step
from handlers.keys import bringing as key_bringing
from handlers.keys import corrections as key_corrections
from handlers.keys import handover as key_handover
from handlers.keys import requests as key_requests
from handlers.keys.bringing import RETURN
from handlers.keys.corrections import ADD, FIX_LIST
from handlers.keys.handover import GIVE, remind_handovers
from handlers.keys.picker import CANCEL, FEATURE, key_picker, room_name
from handlers.keys.requests import ASK_LIST

COMMANDS = [Command("sleutel", Role.NEWCOMER, "command.sleutel")]

HISTORY_LIST = action("key_hists", min_role=Role.NEWCOMER)
HISTORY = action("key_hist", int, min_role=Role.NEWCOMER)


async def _name(context: BotContext, member_id: int | None) -> str:
    """Who, as the register shows it: 'oud-lid' for an erased member (never a blank), '' for nobody."""
    if member_id is None:
        return ""
    return await member_name(context, member_id) or context.t("keys.former_member")


MAX_GIVE_BUTTONS = 8


async def _key_line(context: BotContext, key: Key) -> str:
    if key.underway:
        return context.t(
            "keys.line_underway",
            label=key.label,
            holder=await _name(context, key.holder_id) or context.t("keys.keybox"),
            to=await _name(context, key.pending_to_id),
        )
    if key.holder_id is None:
        return context.t("keys.line_keybox", label=key.label)
    if context.member is not None and key.holder_id == context.member.id:
        return context.t("keys.line_yours", label=key.label)
    return context.t("keys.line_holder", label=key.label, holder=await _name(context, key.holder_id))


async def overview(context: BotContext) -> tuple[str, Rows]:
    keys = await context.core.keys.all()
    is_coordinator = context.role is Role.COORDINATOR
    lines = [context.t("keys.title")]
    if not keys:
        lines.append(context.t("keys.none_yet"))
    for room in ("huiskamer6", "huiskamer7"):
        room_keys = [k for k in keys if k.room == room]
        if room_keys:
            lines.append(f"\n<b>{_room_name_html(context, room)}</b>")
            lines.extend([await _key_line(context, k) for k in room_keys])
    my_id = context.member.id if context.member else None
    rows: list[list[tuple[str, str]]] = [
        [
            (context.t("keys.give_button", label=k.label), GIVE.encode(k.id, 0)),
            (context.t("keys.return_button"), RETURN.encode(k.id)),
        ]
        for k in keys
        if k.holder_id == my_id and not k.underway
    ]
    mine = {k.id for k in keys if k.holder_id == my_id}
    waiting = [
        r
        for r in await pending_requests(context.core.db, context.core.clock.now())
        if is_coordinator or r.key_id in mine or r.member_id == my_id
    ]
    if waiting:
        lines.append("\n" + context.t("keys.pending_title"))
        lines += [context.t("keys.pending_line", name=r.name, label=r.label, note=r.note) for r in waiting]
        rows += [
            [(context.t("keys.give_to_button", name=r.name), GIVE_TO.encode(r.key_id, r.member_id))]
            for r in waiting
            if r.key_id in mine and r.member_id != my_id
        ][:MAX_GIVE_BUTTONS]
    if keys:
        rows.append(
            [
                (context.t("keys.ask_button"), ASK_LIST.encode()),
                (context.t("keys.history_button"), HISTORY_LIST.encode()),
            ]
        )
    if is_coordinator:
        row = [(context.t("keys.add_button"), ADD.encode())]
        if keys:
            row.append((context.t("keys.fix_button"), FIX_LIST.encode()))
        rows.append(row)
    return "\n".join(lines), rows


def _room_name_html(context: BotContext, room: str) -> str:
    return context.core.texts.get(context.lang, "keys.room_name", name=room_name(context, room))


async def show(update: Update, context: BotContext) -> None:
    await end_step(context, FEATURE)
    text, rows = await overview(context)
    await say(update, context, text, rows)


async def history_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await key_picker(context, lambda k: HISTORY.encode(k.id), "keys.history_which")
    await replace(update, context, text, rows)


async def history(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    lines = [context.t("keys.history_title", label=key.label)]
    for event in await context.core.keys.history(key.id):
        local = context.core.local(event.at)
        lines.append(
            context.t(
                f"keys.event.{event.kind}",
                when=f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)}",
                actor=await _name(context, event.actor_id),
                to=await _name(context, event.to_id) or context.t("keys.keybox"),
                from_name=await _name(context, event.from_id),
            )
        )
    await replace(update, context, "\n".join(lines))


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await end_step(context, FEATURE)
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext, step: Conversation) -> None:
    """A typed answer to the step this member is on (a key's name, what a key is needed for)."""
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    if step.step == "request_note":
        await key_requests.send_request(update, context, int(step.draft["key_id"]), text, None)
        await end_step(context, FEATURE)
    elif step.step == "key_label":
        # add_key ends the step in its own transaction (a retry cannot add the key twice)
        await key_corrections.add_key(update, context, me(context), str(step.draft["room"]), text)


FLOWS = [Flow(FEATURE, "sleutel", ("key_",), on_text=typed)]


JOBS = [Job("key_handover_reminders", timedelta(minutes=15), remind_handovers)]


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("sleutel", show))
    for declared, callback in (
        *key_requests.HANDLERS,
        *key_handover.HANDLERS,
        *key_bringing.HANDLERS,
        (HISTORY_LIST, history_list),
        (HISTORY, history),
        *key_corrections.HANDLERS,
        (CANCEL, cancel),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}(:|$)"))
