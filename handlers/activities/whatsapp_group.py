"""/groepsbericht (coordinators): the week's agenda as a text to paste into the existing WhatsApp group,
each activity with a wa.me link that opens the bot on that activity (the bot can't be in a 40-person
WhatsApp group itself). The text carries WhatsApp's own *bold*, so it looks right once pasted."""

from __future__ import annotations

import html
from urllib.parse import quote

from telegram import Update
from telegram.ext import CommandHandler

from bot.commands import Command
from bot.i18n import clock_time, day_label_short
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, say

COMMANDS = [Command("groepsbericht", Role.COORDINATOR, "command.groepsbericht")]


def wa_me_link(number: str, text: str) -> str:
    return f"https://wa.me/{number}?text={quote(text)}"


async def group_message(update: Update, context: BotContext) -> None:
    number = context.core.config.whatsapp.display_number
    if not number:
        await say(update, context, context.t("whatsapp.group_post_no_number"))
        return
    week = await context.core.activities.agenda(days=7)
    lang = context.core.config.community.language  # the group reads the community's language
    if not week:
        await say(update, context, context.t("whatsapp.group_post_empty"))
        return
    lines = [context.core.texts.get(lang, "whatsapp.group_post_title"), ""]
    for detail in week:
        activity = detail.activity
        start = context.core.local(activity.starts_at)
        lines.append(
            context.core.texts.get(
                lang,
                "whatsapp.group_post_line",
                day=day_label_short(start, lang),
                time=clock_time(start, lang),
                title=html.escape(activity.title),
                link=wa_me_link(number, f"start act_{activity.id}"),
            )
        )
    await say(update, context, context.t("whatsapp.group_post_intro"))
    await say(update, context, "\n".join(lines))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("groepsbericht", group_message))
