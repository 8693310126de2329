"""Test configuration shared by unit and end-to-end tests (no Telegram imports here)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import AccessConfig, CommunityConfig, Config, StorageConfig, TelegramConfig

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)  # a Monday morning
INVITE = "buren-test"


def make_config(tmp_path: Path, *, coordinators: tuple[int, ...] = (), **community: Any) -> Config:
    return Config(
        telegram=TelegramConfig(),
        community=CommunityConfig(**community),
        # Tests act faster than people: the flood budget is tested on its own (tests/e2e/test_flood.py).
        # The weekly limit on new activities likewise (tests/e2e/test_new_activity.py tests the default).
        access=AccessConfig(
            invite_code=INVITE, coordinators=coordinators, flood_burst=100_000, activities_per_week=1000
        ),
        storage=StorageConfig(path=tmp_path / "burenbot.sqlite3"),
    )
