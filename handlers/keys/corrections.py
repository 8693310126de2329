"""The coordinator's side of /sleutel: adding a key to a huiskamer and correcting who holds one."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import action
from bot.errors import NotFound
from bot.keys.service import Key
from bot.members.service import Member, Role
from handlers.common import BotContext, Rows, done_pressing, me, member_name, replace, say
from handlers.conversation import put_step
from handlers.keys.picker import FEATURE, cancel_row, key_picker, member_page, room_name

ADD = action("key_add", min_role=Role.COORDINATOR)
ADD_ROOM = action("key_addr", str, min_role=Role.COORDINATOR)
FIX_LIST = action("key_fixs", min_role=Role.COORDINATOR)
FIX = action("key_fix", int, int, min_role=Role.COORDINATOR)  # key, page
FIX_TO = action("key_fixto", int, int, min_role=Role.COORDINATOR)  # key, member (0: key box)


async def add(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    rows = [[(room_name(context, room), ADD_ROOM.encode(room))] for room in ("huiskamer6", "huiskamer7")]
    rows.append(cancel_row(context))
    await replace(update, context, context.t("keys.add_which_room"), rows)


async def add_room(update: Update, context: BotContext) -> None:
    (room,) = context.callback_args
    await done_pressing(update)
    if room not in ("huiskamer6", "huiskamer7"):
        raise NotFound(f"room {room}")
    await put_step(context, FEATURE, "key_label", room=room)
    await replace(
        update,
        context,
        context.t("keys.add_label", room=room_name(context, str(room))),
        [cancel_row(context)],
    )


async def add_key(update: Update, context: BotContext, member: Member, room: str, label: str) -> None:
    """The typed name of a new key: the key is added and the coordinator picks who holds it."""
    key = await context.core.keys.add_key(member, room, label)
    _, rows = _holder_picker(context, key, await context.core.members.active_members(), 0)
    await say(update, context, context.t("keys.added", label=key.label), rows)


def _holder_picker(context: BotContext, key: Key, members: list[Member], page: int) -> tuple[str, Rows]:
    keybox = [[(context.t("keys.keybox_button"), FIX_TO.encode(key.id, 0))]]
    return member_page(
        context,
        members,
        page,
        lambda m: FIX_TO.encode(key.id, m.id),
        lambda p: FIX.encode(key.id, p),
        keybox,
    )


async def fix_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await key_picker(context, lambda k: FIX.encode(k.id, 0), "keys.fix_which")
    await replace(update, context, text, rows)


async def fix(update: Update, context: BotContext) -> None:
    key_id, page = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    _, rows = _holder_picker(context, key, await context.core.members.active_members(), int(page))
    await replace(update, context, context.t("keys.fix_who", label=key.label), rows)


async def fix_to(update: Update, context: BotContext) -> None:
    key_id, member_id = context.callback_args
    await done_pressing(update)
    holder_id = int(member_id) or None
    key = await context.core.keys.correct(me(context), int(key_id), holder_id)
    holder = await member_name(context, key.holder_id) or context.t("keys.keybox")
    await replace(update, context, context.t("keys.fixed", label=key.label, holder=holder))


HANDLERS = ((ADD, add), (ADD_ROOM, add_room), (FIX_LIST, fix_list), (FIX, fix), (FIX_TO, fix_to))
