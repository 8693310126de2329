"""A paged list of members as buttons, so a coordinator never types an id."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import action
from bot.members.service import Member, Role
from handlers.common import BotContext, Button, done_pressing, replace
from handlers.paging import nav_row, page_window

PICK = action("pick", str, int, min_role=Role.COORDINATOR)
PAGE = action("mpage", str, int, min_role=Role.COORDINATOR)
PAGE_SIZE = 16
PURPOSES = {
    "cadd": "members.pick_new_coordinator",
    "crem": "members.pick_old_coordinator",
    "rm": "members.pick_remove",
}


async def candidates(context: BotContext, purpose: str) -> list[Member]:
    members = await context.core.members.active_members()
    me = context.member.id if context.member else None
    roles = context.core.members.role_of
    if purpose == "cadd":
        return [m for m in members if roles(m) is not Role.COORDINATOR]
    if purpose == "crem":
        return [m for m in members if m.coordinator_flag and m.id != me]
    return [m for m in members if m.id != me]


async def member_picker(context: BotContext, purpose: str, page: int) -> tuple[str, list[list[Button]]]:
    if purpose not in PURPOSES:
        purpose = "rm"
    members = await candidates(context, purpose)
    if not members:
        return context.t("members.pick_nobody"), []
    window = page_window(members, page, PAGE_SIZE)
    buttons = [(m.name, PICK.encode(purpose, m.id)) for m in window.items]
    rows: list[list[tuple[str, str]]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(nav_row(window, lambda p: PAGE.encode(purpose, p)))
    return context.t(PURPOSES[purpose]), rows


async def turn_page(update: Update, context: BotContext) -> None:
    purpose, page = context.callback_args
    await done_pressing(update)
    text, rows = await member_picker(context, str(purpose), int(page))
    await replace(update, context, text, rows)
