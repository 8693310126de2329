"""Registered last: whatever no feature understood still gets a short, helpful answer.

A plain message outside any flow is read by ``bot.onboarding.plain``: a command word runs that command
(only one the member's role may use), "ik kan toch niet" shows the give-back choices of /mijn, a greeting
or thanks gets a short answer with the main buttons, and anything else is searched in /wegwijs.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler
from telegram.ext import filters as f

from bot.callbacks import action
from bot.commands import Command, commands_for
from bot.onboarding.plain import read_plain
from handlers.common import AnyApp, BotContext, Rows, done_pressing, say
from handlers.onboarding.faq import show_answers

LONG_TEXT = 1000
MAIN_COMMANDS = ("agenda", "mijn", "uren", "wegwijs")
MENU = action("menu", str)  # a main button: the command it runs


def main_rows(context: BotContext) -> Rows:
    buttons = [(context.t(f"fallback.button.{name}"), MENU.encode(name)) for name in MAIN_COMMANDS]
    return [buttons[:2], buttons[2:]]


async def run_command(update: Update, context: BotContext, name: str, args: tuple[str, ...] = ()) -> None:
    """Run /name as if it was typed, when this member's role may use it (else the help)."""
    registry: list[Command] = context.application.bot_data["command_list"]
    if name not in {c.name for c in commands_for(context.role, registry)}:
        name, args = "help", ()
    for group in sorted(context.application.handlers):
        for handler in context.application.handlers[group]:
            if isinstance(handler, CommandHandler) and name in handler.commands:
                context.args = list(args)
                await handler.callback(update, context)
                return


async def unknown_command(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("fallback.unknown_command"))


async def other_text(update: Update, context: BotContext) -> None:
    text = (update.effective_message.text if update.effective_message else "") or ""
    member = context.member
    if len(text) > LONG_TEXT:
        await say(update, context, context.t("fallback.long_text"))
    elif not any(ch.isalnum() for ch in text):
        await say(update, context, context.t("fallback.emoji"))
    elif member is None or not member.is_active:
        await say(update, context, context.t("fallback.text"))
    else:
        await understand(update, context, text)


async def understand(update: Update, context: BotContext, text: str) -> None:
    reading = read_plain(text)
    name = context.member.name if context.member else ""
    if reading.kind == "command" and reading.command == "stop":
        await say(update, context, context.t("fallback.stopped"), main_rows(context))
    elif reading.kind == "command" and reading.command is not None:
        await run_command(update, context, reading.command, reading.args)
    elif reading.kind == "give_back":
        await run_command(update, context, "mijn")
    elif reading.kind in ("greeting", "thanks", "okay"):
        await say(update, context, context.t(f"fallback.{reading.kind}", name=name), main_rows(context))
    else:
        await show_answers(update, context, text)


async def menu_button(update: Update, context: BotContext) -> None:
    (name,) = context.callback_args
    await done_pressing(update)
    if str(name) in MAIN_COMMANDS:
        await run_command(update, context, str(name))


async def media(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("fallback.media"))


async def stale_button(update: Update, context: BotContext) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(context.t("error.old_button"), show_alert=True)


def register(app: AnyApp) -> None:
    app.add_handler(MessageHandler(f.COMMAND, unknown_command))
    app.add_handler(MessageHandler(f.TEXT, other_text))
    app.add_handler(MessageHandler(~f.TEXT, media))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=f"^{MENU.name}:"))
    app.add_handler(CallbackQueryHandler(stale_button))
