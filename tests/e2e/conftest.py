from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from bot.config import Config
from tests.harness import Harness, start_harness, stop_harness


@pytest.fixture
async def bot(config: Config, clock: ManualClock) -> AsyncIterator[Harness]:
    harness = await start_harness(config, clock=clock)
    yield harness
    await stop_harness(harness)
