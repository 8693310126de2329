"""Shared fixtures: a fresh SQLite file per test and a manual clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.core import Core, open_core
from tests.harness_config import START, make_config


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
async def core(config: Config, clock: ManualClock) -> AsyncIterator[Core]:
    core = await open_core(config, clock)
    yield core
    await core.close()
