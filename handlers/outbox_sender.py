"""The one worker that sends the outbox through Telegram, mapping Telegram's answers to outbox rules.

RetryAfter (429) -> pause and retry; Forbidden (403: blocked, left) -> unreachable; NetworkError and
TimedOut -> retry with back-off; other BadRequests -> failed (an edit that changes nothing counts as sent).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.channels import is_whatsapp_chat
from bot.core import Core
from bot.outbox import MENU, Outbox, OutboxItem
from handlers.commands_menu import menu_for_chat
from handlers.common import keyboard, retry_after_s

log = logging.getLogger(__name__)
TASK_KEY = "outbox_worker"
#: bot_data key of ``chat_id -> Bot`` when a second transport (WhatsApp) shares this worker.
ROUTE_KEY = "outbox_bot_for_chat"


#: The command menu a chat should have now (see ``bot.outbox.MENU``).
MenuFor = Callable[[int], Awaitable[Sequence[BotCommand]]]


async def deliver(bot: Bot, item: OutboxItem, menu_for: MenuFor | None = None) -> int | None:
    """One HTTP call (two when pinning); the sent message's id."""
    if item.kind == MENU:
        if menu_for is None:
            raise RuntimeError("this worker was started without a menu source")
        if not is_whatsapp_chat(item.chat_id):  # WhatsApp has no command menu
            commands = await menu_for(item.chat_id)
            await bot.set_my_commands(commands, scope=BotCommandScopeChat(item.chat_id))
        return None
    markup = keyboard(item.buttons)
    # The WhatsApp bridge picks a template by the row's kind when the 24-hour window is closed.
    extra: dict[str, Any] = (
        {"api_kwargs": {"burenbot_kind": item.kind, "burenbot_batch": item.batch}}
        if is_whatsapp_chat(item.chat_id)
        else {}
    )
    if item.edit_message_id is not None:
        if item.photo:
            await bot.edit_message_caption(
                item.chat_id, item.edit_message_id, caption=item.text, reply_markup=markup, **extra
            )
        else:
            await bot.edit_message_text(
                item.text, item.chat_id, item.edit_message_id, reply_markup=markup, **extra
            )
        return item.edit_message_id
    if item.photo:
        message = await bot.send_photo(
            item.chat_id, item.photo, caption=item.text, reply_markup=markup, **extra
        )
    else:
        message = await bot.send_message(item.chat_id, item.text, reply_markup=markup, **extra)
    if item.pin:
        try:
            await bot.pin_chat_message(item.chat_id, message.message_id, disable_notification=True)
        except TelegramError as exc:  # the message is out; a missing pin must not send it twice
            log.warning("could not pin outbox message %s: %s", item.id, exc)
    return message.message_id


async def send_one(bot: Bot, outbox: Outbox, item: OutboxItem, menu_for: MenuFor | None = None) -> None:
    try:
        message_id = await deliver(bot, item, menu_for)
    except RetryAfter as exc:
        await outbox.retry_after(item, retry_after_s(exc))
    except Forbidden as exc:
        await outbox.unreachable(item, str(exc))
    except BadRequest as exc:
        error = str(exc).lower()
        if "not modified" in error:
            await outbox.delivered(item, None)
        elif "chat not found" in error or "user not found" in error:
            await outbox.unreachable(item, str(exc))
        else:
            log.warning("outbox message %s refused: %s", item.id, exc)
            await outbox.failed(item, str(exc))
    except ChatMigrated as exc:
        # A group became a supergroup: the configured group_chat_id must be updated by hand.
        log.error(
            "outbox message %s: the group moved to chat id %s; update [telegram] group_chat_id",
            item.id,
            exc.new_chat_id,
        )
        await outbox.unreachable(item, f"chat migrated to {exc.new_chat_id}")
    except NetworkError as exc:  # includes TimedOut
        await outbox.retry_later(item, f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # anything else still settles the row, so nothing waits forever
        log.exception("outbox message %s failed", item.id)
        await outbox.failed(item, f"{type(exc).__name__}: {exc}")
    else:
        await outbox.delivered(item, message_id)


async def run_worker(
    bot: Bot,
    outbox: Outbox,
    route: Callable[[int], Bot] | None = None,
    menu_for: MenuFor | None = None,
) -> None:
    """Send until cancelled. Never dies of one bad row. ``route``: the bot for a chat, when not ``bot``;
    ``menu_for``: the command menu for a chat, for ``MENU`` rows."""
    while True:
        try:
            item, wait = await outbox.next_ready()
            if item is None:
                await outbox.wait_for_work(wait)
                continue
            await send_one(route(item.chat_id) if route else bot, outbox, item, menu_for)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("outbox worker error")
            await asyncio.sleep(1.0)


async def start_worker(application: Any) -> None:
    core: Core = application.bot_data["core"]
    outbox: Outbox = core.outbox
    recovered = await core.recover_delivery()
    if recovered:
        log.info("outbox: %d message(s) in flight at the last stop go again", recovered)
    application.bot_data[TASK_KEY] = asyncio.create_task(
        run_worker(
            application.bot,
            outbox,
            application.bot_data.get(ROUTE_KEY),
            lambda chat_id: menu_for_chat(application, chat_id),
        ),
        name=TASK_KEY,
    )


async def stop_worker(application: Any) -> None:
    task: asyncio.Task[None] | None = application.bot_data.pop(TASK_KEY, None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
