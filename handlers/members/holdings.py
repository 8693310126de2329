"""What a member still holds, shown before /verwijder or /vergeetmij is confirmed."""

from __future__ import annotations

from bot.members.service import Member
from handlers.common import BotContext


async def holdings_text(context: BotContext, member: Member, *, self_: bool = False) -> str:
    """'' when they hold nothing; else a paragraph listing it and what confirming will do with it."""
    leaving = context.core.leaving
    lines = leaving.describe(context.lang, await leaving.holdings(member.id))
    if not lines:
        return ""
    title = (
        context.t("leaving.holdings_self")
        if self_
        else context.t("leaving.holdings_member", name=member.name)
    )
    return "\n\n" + "\n".join([title, *lines]) + "\n\n" + context.t("leaving.holdings_after")
