"""The outbox worker settles every row, whatever Telegram (or a bug) throws at it."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from telegram.error import ChatMigrated

from bot.core import Core
from bot.outbox import NewMessage
from handlers.outbox_sender import run_worker


class RefusingBot:
    """Stands in for Telegram's side only: every send raises the given error."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def send_message(self, *args: object, **kwargs: object) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "status"),
    [(ChatMigrated(-100123), "unreachable"), (ValueError("a bad button"), "failed")],
)
async def test_unexpected_errors_settle_the_row(core: Core, error: Exception, status: str) -> None:
    await core.outbox.enqueue(
        [NewMessage(chat_id=-42, text="Hallo groep", dedupe_key="k1", kind="announcement")]
    )
    task = asyncio.create_task(run_worker(RefusingBot(error), core.outbox))  # type: ignore[arg-type]
    try:
        await core.outbox.drain(within_s=5)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    row = await core.db.fetch_one("SELECT status FROM outbox WHERE dedupe_key = 'k1'")
    assert row is not None and row["status"] == status
