"""Handing a key over in two steps: the holder offers it, the receiver confirms or refuses; reminders."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.callbacks import action
from bot.keys.actions import CONFIRM, GIVE_TO, REFUSE
from bot.members.service import Role
from handlers.common import BotContext, core_of, done_pressing, me, member_name, replace
from handlers.keys.picker import member_page

GIVE = action("key_give", int, int, min_role=Role.NEWCOMER)  # key, page of the member picker


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
    key, _ = await context.core.keys.offer(giver, int(key_id), int(member_id))
    receiver = await context.core.members.get(int(member_id))
    await replace(update, context, context.t("keys.offered", label=key.label, name=receiver.name))


async def confirm(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.confirm(me(context), int(key_id), int(offer_id))
    await replace(update, context, context.t("keys.confirmed", label=key.label))


async def refuse(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.refuse(me(context), int(key_id), int(offer_id))
    holder = await member_name(context, key.holder_id) or context.t("keys.keybox")
    await replace(update, context, context.t("keys.refused", label=key.label, holder=holder))


async def remind_handovers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After 24 hours unconfirmed, both the giver and the receiver are reminded, once (by the core)."""
    core = core_of(application)
    await core.keys.due_reminders(core.clock.now())


HANDLERS = ((GIVE, give), (GIVE_TO, give_to), (CONFIRM, confirm), (REFUSE, refuse))
