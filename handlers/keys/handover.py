"""Handing a key over in two steps: the holder offers it, the receiver confirms or refuses; reminders."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.callbacks import action
from bot.keys.service import Key
from bot.members.service import Member, Role
from handlers.common import BotContext, Rows, core_of, done_pressing, me, member_name, replace
from handlers.keys.picker import member_page
from handlers.tell import tell, text_for

GIVE = action("key_give", int, int, min_role=Role.NEWCOMER)  # key, page of the member picker
GIVE_TO = action("key_giveto", int, int, min_role=Role.NEWCOMER)  # key, member
CONFIRM = action("key_ok", int, int, min_role=Role.NEWCOMER)  # key, offer
REFUSE = action("key_no", int, int, min_role=Role.NEWCOMER)


async def give(update: Update, context: BotContext) -> None:
    """The holder picks who gets the key."""
    key_id, page = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    members = [m for m in await context.core.members.active_members() if m.id not in (key.holder_id,)]
    text, rows = member_page(
        context, members, int(page), lambda m: GIVE_TO.encode(key.id, m.id), lambda p: GIVE.encode(key.id, p)
    )
    await replace(update, context, context.t("keys.give_who", label=key.label) if members else text, rows)


async def give_to(update: Update, context: BotContext) -> None:
    """Step one of the hand-over: recorded as underway; the receiver gets buttons to confirm."""
    key_id, member_id = context.callback_args
    await done_pressing(update)
    giver = me(context)
    key, offer_id = await context.core.keys.offer(giver, int(key_id), int(member_id))
    receiver = await context.core.members.get(int(member_id))
    await replace(update, context, context.t("keys.offered", label=key.label, name=receiver.name))
    await tell(
        context.application,
        receiver,
        *_offer_message(context.application, receiver, key, giver.name, offer_id),
    )


def _offer_message(
    app: Any, receiver: Member, key: Key, giver: str, offer_id: int, *, reminder: bool = False
) -> tuple[str, Rows]:
    text_key = "keys.offer_reminder" if reminder else "keys.offer_received"
    text = text_for(app, receiver, text_key, name=giver, label=key.label)
    rows = [
        [
            (text_for(app, receiver, "keys.confirm_button"), CONFIRM.encode(key.id, offer_id)),
            (text_for(app, receiver, "keys.refuse_button"), REFUSE.encode(key.id, offer_id)),
        ]
    ]
    return text, rows


async def confirm(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    receiver = me(context)
    before = await context.core.keys.get(int(key_id))
    key = await context.core.keys.confirm(receiver, int(key_id), int(offer_id))
    await replace(update, context, context.t("keys.confirmed", label=key.label))
    await _tell_giver(context, before, "keys.giver_confirmed", receiver.name, key.label)


async def refuse(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    receiver = me(context)
    before = await context.core.keys.get(int(key_id))
    key = await context.core.keys.refuse(receiver, int(key_id), int(offer_id))
    holder = await member_name(context, key.holder_id) or context.t("keys.keybox")
    await replace(update, context, context.t("keys.refused", label=key.label, holder=holder))
    await _tell_giver(context, before, "keys.giver_refused", receiver.name, key.label)


async def _tell_giver(context: BotContext, before: Key, text_key: str, name: str, label: str) -> None:
    if before.pending_by_id is None or before.pending_by_id == me(context).id:
        return
    giver = await context.core.members.get(before.pending_by_id)
    await tell(
        context.application, giver, text_for(context.application, giver, text_key, name=name, label=label)
    )


async def remind_handovers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After 24 hours unconfirmed, both the giver and the receiver are reminded, once."""
    core = core_of(application)
    for key in await core.keys.due_reminders(core.clock.now()):
        assert key.pending_to_id is not None and key.pending_event_id is not None
        receiver = await core.members.get(key.pending_to_id)
        giver = await core.members.get(key.pending_by_id) if key.pending_by_id else None
        giver_name = giver.name if giver else ""
        await tell(
            application,
            receiver,
            *_offer_message(application, receiver, key, giver_name, key.pending_event_id, reminder=True),
        )
        if giver is not None and giver.id != receiver.id:
            await tell(
                application,
                giver,
                text_for(application, giver, "keys.giver_reminder", name=receiver.name, label=key.label),
            )


HANDLERS = ((GIVE, give), (GIVE_TO, give_to), (CONFIRM, confirm), (REFUSE, refuse))
