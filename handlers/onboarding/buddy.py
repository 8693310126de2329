"""/buddy: a newcomer asks for a buddy; a coordinator pairs them, or a volunteer offers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import action
from bot.commands import Command
from bot.members.service import Member, Role
from bot.onboarding.actions import PAIR
from bot.onboarding.buddies import BuddyRequest
from handlers.common import AnyApp, BotContext, Button, Rows, replace, say
from handlers.notify import answered_after, mention

COMMANDS = [Command("buddy", Role.NEWCOMER, "command.buddy")]

ASK = action("budask")
PICK = action("budpick", int, int, min_role=Role.COORDINATOR)  # request id, buddy member id
PAGE = action("budpage", int, int, min_role=Role.COORDINATOR)  # request id, page
OFFER = action("budoffer", int, min_role=Role.VOLUNTEER)  # request id
PAGE_SIZE = 12


async def buddy_command(update: Update, context: BotContext) -> None:
    member = context.member
    assert member is not None
    buddies = context.core.buddies
    if context.role is Role.NEWCOMER:
        await say(update, context, *await newcomer_view(context, member))
        return
    lines: list[str] = []
    for newcomer in await buddies.buddy_of_whom(member.id):
        lines.append(context.t("buddy.you_are_buddy_of", name=mention(newcomer)))
    requests = await buddies.open_requests()
    rows: list[list[Button]] = []
    if requests:
        lines.append(context.t("buddy.open_requests_title"))
        for request in requests:
            if request.newcomer.id == member.id:
                continue
            lines.append(context.t("buddy.open_request_line", name=request.newcomer.name))
            row = [(context.t("buddy.offer_button", name=request.newcomer.name), OFFER.encode(request.id))]
            if context.role is Role.COORDINATOR:
                row.append((context.t("buddy.pair_button"), PAIR.encode(request.id)))
            rows.append(row)
    else:
        lines.append(context.t("buddy.no_open_requests"))
    await say(update, context, "\n".join(lines), rows)


async def newcomer_view(context: BotContext, member: Member) -> tuple[str, Rows]:
    current = await context.core.buddies.current(member.id)
    if current is not None and current.buddy is not None:
        return context.t("buddy.your_buddy", name=mention(current.buddy)), []
    if current is not None:
        return context.t("buddy.waiting"), []
    return context.t("buddy.explain"), [[(context.t("buddy.ask_button"), ASK.encode())]]


async def ask_for_buddy(update: Update, context: BotContext) -> None:
    """Used by the button here and on the last welcome step."""
    member = context.member
    assert member is not None
    await context.core.buddies.ask(member)
    await say(update, context, context.t("buddy.asked"))


async def ask_pressed(update: Update, context: BotContext) -> None:
    await ask_for_buddy(update, context)


async def picker(context: BotContext, request: BuddyRequest, page: int) -> tuple[str, Rows]:
    candidates = await context.core.buddies.candidates(request.id)
    if not candidates:
        return context.t("buddy.nobody_to_pick"), []
    pages = max(1, -(-len(candidates) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = candidates[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    buttons = [(m.name, PICK.encode(request.id, m.id)) for m in shown]
    rows: list[list[Button]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav: list[Button] = []
    if page > 0:
        nav.append(("◀️", PAGE.encode(request.id, page - 1)))
    if page < pages - 1:
        nav.append(("▶️", PAGE.encode(request.id, page + 1)))
    rows.append(nav)
    return context.t("buddy.pick", name=request.newcomer.name), rows


async def start_pairing(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    await _show_picker(update, context, int(request_id), 0)


async def turn_page(update: Update, context: BotContext) -> None:
    request_id, page = context.callback_args
    await _show_picker(update, context, int(request_id), int(page))


async def _show_picker(update: Update, context: BotContext, request_id: int, page: int) -> None:
    request = await context.core.buddies.get(request_id)
    if request.status != "open":
        who = request.buddy.name if request.buddy else ""
        await replace(
            update, context, context.t("buddy.already_paired", name=request.newcomer.name, buddy=who)
        )
        return
    text, rows = await picker(context, request, page)
    await replace(update, context, text, rows)


async def picked(update: Update, context: BotContext) -> None:
    request_id, buddy_id = context.callback_args
    assert context.member is not None
    pairing = await context.core.buddies.pair(context.member, int(request_id), int(buddy_id))
    await replace(
        update,
        context,
        context.t("buddy.paired_by_you", newcomer=pairing.newcomer.name, buddy=pairing.buddy.name),
    )


async def offered(update: Update, context: BotContext) -> None:
    (request_id,) = context.callback_args
    assert context.member is not None
    pairing = await context.core.buddies.volunteer(context.member, int(request_id))
    await replace(update, context, context.t("buddy.thanks_for_offering", name=pairing.newcomer.name))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("buddy", buddy_command))
    app.add_handler(CallbackQueryHandler(answered_after(ask_pressed), pattern=f"^{ASK.name}$"))
    app.add_handler(CallbackQueryHandler(answered_after(start_pairing), pattern=f"^{PAIR.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(turn_page), pattern=f"^{PAGE.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(picked), pattern=f"^{PICK.name}:"))
    app.add_handler(CallbackQueryHandler(answered_after(offered), pattern=f"^{OFFER.name}:"))
