"""/help: only what this member's role may use, in their language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.commands import Command, commands_for
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, say
from handlers.inbox.open import open_count

COMMANDS = [Command("help", Role.STRANGER, "command.help")]


async def help_command(update: Update, context: BotContext) -> None:
    member = context.member
    if member is None or not member.is_active:
        key = "help.joining" if member is not None and member.is_joining else "stranger.intro"
        await say(update, context, context.t(key))
        return
    registry: list[Command] = context.application.bot_data["command_list"]
    lines = [context.t(f"help.intro.{context.role.name.lower()}", name=member.name), ""]
    if context.role is Role.COORDINATOR and (waiting := await open_count(context)):
        lines[1:1] = [context.tn("inbox.help_count", waiting), ""]
    lines += [
        f"/{command.name} – {context.t(command.help_key)}"
        for command in commands_for(context.role, registry)
        if command.name != "start"
    ]
    await say(update, context, "\n".join(lines))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("help", help_command))
