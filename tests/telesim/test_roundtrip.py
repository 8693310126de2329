"""A real PTB Application polling the simulator over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from telesim import SimButton, TelegramSimulator

from .conftest import wait_until


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Klaar", callback_data="done")]])
    await update.message.reply_text(f"echo: {' '.join(context.args or [])}", reply_markup=keyboard)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"pressed {query.data}")
    await query.edit_message_text(f"<b>{query.data}</b>", parse_mode="HTML")


@pytest.fixture
async def app(sim: TelegramSimulator) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = (
        ApplicationBuilder().token(sim.token).base_url(sim.base_url).base_file_url(sim.base_file_url).build()
    )
    application.add_handler(CommandHandler("echo", echo))
    application.add_handler(CallbackQueryHandler(on_button))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_command_round_trip_and_button(sim: TelegramSimulator, app: Application) -> None:  # type: ignore[type-arg]
    anna = sim.add_user("Anna", username="anna")
    sim.user_sends_text(anna.user_id, "/echo hallo buren")
    await wait_until(lambda: sim.last_bot_message(anna.user_id) is not None)
    reply = sim.last_bot_message(anna.user_id)
    assert reply is not None
    assert reply.text == "echo: hallo buren"
    assert reply.buttons == [[SimButton("Klaar", callback_data="done")]]

    sim.user_presses_button(anna.user_id, reply.message_id, "done")
    await wait_until(lambda: sim.chat_view(anna.user_id)[-1].edit_count == 1)
    edited = sim.chat_view(anna.user_id)[-1]
    assert edited.text == "done"
    assert edited.html == "<b>done</b>"
    assert edited.buttons == []  # editing without reply_markup removes the keyboard, like Telegram
    assert [(a.user_id, a.text) for a in sim.callback_answers] == [(anna.user_id, "pressed done")]
    assert [r.method for r in sim.requests][:2] == ["getMe", "deleteWebhook"]


async def test_command_with_bot_name(sim: TelegramSimulator, app: Application) -> None:  # type: ignore[type-arg]
    bert = sim.add_user("Bert")
    sim.user_sends_text(bert.user_id, "/echo@burenbot_test_bot x")
    await wait_until(lambda: sim.sent_count(bert.user_id) == 1)
    assert sim.chat_view(bert.user_id)[0].entities == [{"type": "bot_command", "offset": 0, "length": 23}]


async def test_pressing_a_missing_button_is_refused(sim: TelegramSimulator, bot: Bot) -> None:
    anna = sim.add_user("Anna")
    sim.user_sends_text(anna.user_id, "hoi")
    sent = await bot.send_message(anna.user_id, "zonder knoppen")
    with pytest.raises(ValueError, match="no button"):
        sim.user_presses_button(anna.user_id, sent.message_id, "forged")
    update_id = sim.user_sends_callback(anna.user_id, sent.message_id, "forged")
    updates = await bot.get_updates(offset=update_id)
    assert updates[0].callback_query is not None
    assert updates[0].callback_query.data == "forged"


async def test_get_updates_offsets_and_long_poll(sim: TelegramSimulator, bot: Bot) -> None:
    anna = sim.add_user("Anna")
    first = sim.user_sends_text(anna.user_id, "een")
    second = sim.user_sends_text(anna.user_id, "twee")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    updates = await bot.get_updates(offset=second, timeout=0)
    assert [u.update_id for u in updates] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert sim.pending_update_count() == 0

    import asyncio

    poll = asyncio.create_task(bot.get_updates(offset=second + 1, timeout=10))
    await asyncio.sleep(0.05)
    third = sim.user_sends_text(anna.user_id, "drie")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.update_id for u in updates] == [third]
    assert updates[0].message is not None and updates[0].message.text == "drie"


async def test_allowed_updates_filters(sim: TelegramSimulator, bot: Bot) -> None:
    anna = sim.add_user("Anna")
    sim.user_sends_text(anna.user_id, "hoi")
    sent = await bot.send_message(anna.user_id, "x")
    sim.user_sends_callback(anna.user_id, sent.message_id, "a")
    updates = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert [u.callback_query is not None for u in updates] == [True]


async def test_stop_returns_promptly_during_long_poll() -> None:
    import asyncio

    simulator = TelegramSimulator()
    await simulator.start()
    bot = Bot(simulator.token, base_url=simulator.base_url)
    async with bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await asyncio.sleep(0.1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await simulator.stop()
        assert loop.time() - started < 2.0
        assert await asyncio.wait_for(poll, 2) == ()
