"""Handling updates side by side, each person's in the order they sent them.

One at a time (PTB's default), a flood from one person delays everyone's answers. Many at once, one
person's "/uren" and the "2" that follows could be handled out of order. So: up to ``MAX_CONCURRENT``
updates run at once, but each sender waits for their own previous update first. A sender's waiting
updates do not hold a slot (the per-sender lock is taken before PTB's semaphore), so a flood cannot fill
the slots and keep a bystander waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT = 16


def sender_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class InOrderPerSender(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}

    # PTB marks process_update @final (subclasses should override do_process_update only), but the
    # sender's lock has to be taken *before* PTB's semaphore, or one flood fills every slot; the stub's
    # @final forces the ignore.
    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]
        sender = sender_of(update)
        if sender is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(sender, asyncio.Lock())
        self._queued[sender] = self._queued.get(sender, 0) + 1
        try:
            async with lock:  # asyncio.Lock is FIFO: the sender's updates keep their order
                await super().process_update(update, coroutine)
        finally:
            self._queued[sender] -= 1
            if not self._queued[sender]:
                del self._queued[sender], self._locks[sender]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
