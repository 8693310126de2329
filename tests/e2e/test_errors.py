"""One error handler: a crash in a handler is logged with the update id and the user is told, kindly."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from handlers.common import BotContext
from tests.harness import Harness


async def test_an_unexpected_failure_is_apologised_for_and_logged(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(update: Update, context: BotContext) -> None:
        raise RuntimeError("disk on fire")

    bot.app.add_handler(CommandHandler("kapot", broken), group=-1)
    karim = await bot.member("Karim")
    with caplog.at_level(logging.ERROR):
        await karim.says("/kapot")
    karim.sees("er ging iets mis aan mijn kant", "Er is niets verloren gegaan")
    assert len(karim.last) == 1  # the fallback did not answer as well
    record = next(r for r in caplog.records if r.name == "handlers.errors")
    assert "update" in record.getMessage() and "disk on fire" in str(record.exc_info)
    await karim.says("/help")
    karim.sees("Dit kun je doen")


async def test_a_domain_error_shows_its_own_text(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    lotte_id = (await bot.member_record(lotte)).id
    await lotte.sends_callback(lotte.chat[-1].message_id, f"rm_ok:{lotte_id}")
    lotte.sees("Dat kun je niet bij jezelf doen")
    await lotte.sends_callback(lotte.chat[-1].message_id, "rm_ok:9999")
    lotte.sees("Dat bestaat niet meer")


async def test_a_database_that_cannot_save_says_so_honestly(bot: Harness) -> None:
    karim = await bot.member("Karim")
    # Another process (a careless backup script) holds the write lock longer than the bot waits.
    blocker = sqlite3.connect(bot.core.db.path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        await karim.says("/uren 2 gisteren")
    finally:
        blocker.rollback()
        blocker.close()
    karim.sees("Ik kan nu niets opslaan", "niet bewaard")
    karim.does_not_see("niets verloren")
    assert await bot.core.db.fetch_value("SELECT count(*) FROM hours_entries") == 0
