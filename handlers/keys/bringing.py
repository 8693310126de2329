"""'Ik breng de sleutel' (from the key reminder and from an activity) and 'terug in de sleutelkast'."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.callbacks import action
from bot.keys.actions import BRING
from bot.keys.bringing import who_brings
from bot.keys.returning import return_to_box
from bot.members.service import Role
from handlers.common import BotContext, Button, done_pressing, me, replace, say

RETURN = action("key_back", int, min_role=Role.NEWCOMER)  # key id


async def key_rows(context: BotContext, activity: Any) -> list[list[Button]]:
    """For an activity's page: the 'ik breng de sleutel' button while nobody brings it."""
    if not activity.needs_key or activity.room is None:
        return []
    if await who_brings(context.core.keys, context.core.activities, activity) is not None:
        return []
    return [[(context.t("keys.bring_button"), BRING.encode(activity.id))]]


async def bring(update: Update, context: BotContext) -> None:
    (activity_id,) = context.callback_args
    await done_pressing(update)
    member = me(context)
    activity = await context.core.activities.get(int(activity_id))
    await context.core.keys.set_key_bringer(member, activity.id, member.id)
    await say(update, context, context.t("keys.you_bring", title=activity.title))


async def back_in_box(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    key = await return_to_box(context.core, me(context), int(key_id))
    await replace(update, context, context.t("keys.returned", label=key.label))


HANDLERS = ((BRING, bring), (RETURN, back_in_box))
