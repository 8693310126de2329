"""/open: the coordinator's inbox. A paged list with a button per item; each item opens with its action."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import action
from bot.commands import Command
from bot.inbox.paging import page_of
from bot.inbox.service import Inbox
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, Button, me, replace, say
from handlers.inbox.render import card, item_button, item_line
from handlers.notify import answered_after

COMMANDS = [Command("open", Role.COORDINATOR, "command.open")]

PAGE = action("inb_page", int, min_role=Role.COORDINATOR)
OPEN = action("inb_item", str, str, int, min_role=Role.COORDINATOR)  # kind, ref, page to go back to
DONE = action("inb_done", str, str, int, min_role=Role.COORDINATOR)
RECEIPT = action("inb_rcpt", str, int, min_role=Role.COORDINATOR)  # receipt item ref, page
BRING = action("inb_bring", int, int, min_role=Role.COORDINATOR)  # activity id, page

#: Eight items keep the message far below Telegram's 4,096 characters and the keyboard readable.
PAGE_SIZE = 8


async def inbox_list(context: BotContext, number: int, note: str = "") -> tuple[str, list[list[Button]]]:
    items = await Inbox(context.core).items(me(context))
    page = page_of(items, number, PAGE_SIZE)
    lines = [note, ""] if note else []
    if not items:
        lines.append(context.t("inbox.empty"))
        return "\n".join(lines), []
    lines.append(context.tn("inbox.title", len(items)))
    if page.count > 1:
        lines.append(context.t("inbox.page", page=page.number + 1, pages=page.count))
    lines.append("")
    rows: list[list[Button]] = []
    for position, item in enumerate(page.shown, start=page.first_index + 1):
        lines.append(f"{position}. {item_line(context, item)}")
        rows.append(
            [(f"{position}. {item_button(context, item)}", OPEN.encode(item.kind, item.ref, page.number))]
        )
    nav: list[Button] = []
    if page.number > 0:
        nav.append(("◀️", PAGE.encode(page.number - 1)))
    if page.number < page.count - 1:
        nav.append(("▶️", PAGE.encode(page.number + 1)))
    rows.append(nav)
    return "\n".join(lines), rows


async def open_command(update: Update, context: BotContext) -> None:
    await say(update, context, *await inbox_list(context, 0))


async def turn_page(update: Update, context: BotContext) -> None:
    (number,) = context.callback_args
    await replace(update, context, *await inbox_list(context, int(number)))


async def open_item(update: Update, context: BotContext) -> None:
    kind, ref, number = context.callback_args
    item = await Inbox(context.core).item(me(context), str(kind), str(ref))
    text, rows = await card(context, item, int(number), RECEIPT, BRING)
    rows.append(
        [
            (context.t("inbox.done_button"), DONE.encode(item.kind, item.ref, int(number))),
            (context.t("inbox.back_button"), PAGE.encode(int(number))),
        ]
    )
    await replace(update, context, text, rows)


async def mark_done(update: Update, context: BotContext) -> None:
    kind, ref, number = context.callback_args
    await Inbox(context.core).mark_handled(me(context), str(kind), str(ref))
    await replace(update, context, *await inbox_list(context, int(number), context.t("inbox.handled")))


async def ask_receipt(update: Update, context: BotContext) -> None:
    ref, number = context.callback_args
    item = await Inbox(context.core).ask_for_receipt(me(context), str(ref))
    note = context.t("inbox.receipt_asked", name=item.params["name"])
    await replace(update, context, *await inbox_list(context, int(number), note))


async def bring_key(update: Update, context: BotContext) -> None:
    activity_id, number = context.callback_args
    coordinator = me(context)
    await context.core.keys.set_key_bringer(coordinator, int(activity_id), coordinator.id)
    activity = await context.core.activities.get(int(activity_id))
    note = context.t("inbox.you_bring", title=activity.title)
    await replace(update, context, *await inbox_list(context, int(number), note))


async def open_count(context: BotContext) -> int:
    """For /help: how many items wait for this coordinator."""
    return await Inbox(context.core).count(me(context))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("open", open_command))
    for declared, handler in (
        (PAGE, turn_page),
        (OPEN, open_item),
        (DONE, mark_done),
        (RECEIPT, ask_receipt),
        (BRING, bring_key),
    ):
        app.add_handler(CallbackQueryHandler(answered_after(handler), pattern=f"^{declared.name}:"))
