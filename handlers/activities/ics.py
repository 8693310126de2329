"""/agenda ics: my tasks as a calendar file."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.activities.ics import claims_ics
from handlers.common import BotContext, say


async def send_my_ics(update: Update, context: BotContext) -> None:
    assert context.member is not None and update.effective_chat is not None
    core = context.core
    claims = await core.claims.all_claims_of(context.member.id)
    if not claims:
        await say(update, context, context.t("ics.empty"))
        return
    name = core.config.community.name
    data = claims_ics(
        claims, core.tz, core.clock.now(), name, lambda place: core.rooms.place_name(place, context.lang)
    )
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(data, filename="mijn-taken.ics"),
        caption=context.t("ics.caption"),
    )
