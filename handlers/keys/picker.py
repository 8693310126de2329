"""The pickers and names the /sleutel screens share: a key picker, a paged member picker, Cancel."""

from __future__ import annotations

from typing import Any

from bot.callbacks import action
from bot.members.service import Member, Role
from handlers.common import BotContext, Rows

CANCEL = action("key_x", min_role=Role.NEWCOMER)

PAGE_SIZE = 16
FEATURE = "keys"


def room_name(context: BotContext, room: str) -> str:
    return context.core.rooms.name(room, context.lang)


def cancel_row(context: BotContext) -> list[tuple[str, str]]:
    return [(context.t("button.cancel"), CANCEL.encode())]


async def key_picker(context: BotContext, make: Any, title_key: str) -> tuple[str, Rows]:
    keys = await context.core.keys.all()
    rows = [[(k.label, make(k))] for k in keys]
    rows.append(cancel_row(context))
    return context.t(title_key), rows


def member_page(
    context: BotContext, members: list[Member], page: int, pick: Any, turn: Any, extra: Rows = ()
) -> tuple[str, Rows]:
    if not members and not extra:
        return context.t("keys.nobody_to_pick"), [cancel_row(context)]
    pages = max(1, -(-len(members) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = members[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    buttons = [(m.name, pick(m)) for m in shown]
    rows: list[list[tuple[str, str]]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if page > 0:
        nav.append(("◀️", turn(page - 1)))
    if page < pages - 1:
        nav.append(("▶️", turn(page + 1)))
    rows.append(nav)
    rows.extend([list(r) for r in extra])
    rows.append(cancel_row(context))
    return "", rows
