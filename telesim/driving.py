"""Driving a python-telegram-bot Application against the simulator, deterministically.

Used by the test harness and the terminal demo: ``UpdateTracker`` tells exactly when the bot has
finished handling an update (no sleeps), and ``HumanPace`` lets flood control see a person's pace.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram.ext import BaseUpdateProcessor

WAIT_SECONDS = 15


class UpdateTracker(BaseUpdateProcessor):
    """An update processor that runs updates like PTB's own and records when each one is done."""

    def __init__(self, max_concurrent_updates: int = 1) -> None:
        super().__init__(max_concurrent_updates)
        self._done: set[int] = set()
        self._changed = asyncio.Condition()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await coroutine
        finally:
            update_id = getattr(update, "update_id", None)
            async with self._changed:
                if update_id is not None:
                    self._done.add(update_id)
                self._changed.notify_all()

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def wait_for(self, update_ids: set[int]) -> None:
        """Until every one of ``update_ids`` is handled (bounded, so a hung handler fails the caller)."""
        async with asyncio.timeout(WAIT_SECONDS), self._changed:
            await self._changed.wait_for(lambda: update_ids <= self._done)


class HumanPace:
    """A flood-control clock: real time plus a pause for every action a person takes.

    People don't type four messages a second, scripts do; a bot that bursts messages still hits the limits.
    """

    PAUSE_SECONDS = 2.0

    def __init__(self) -> None:
        self._offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self._offset

    def pause(self) -> None:
        self._offset += self.PAUSE_SECONDS
