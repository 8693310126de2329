"""The core stories over WhatsApp: the unchanged handlers behind the bridge, against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from bot.config import Config
from tests.wa_harness import WaHarness, start_wa_harness, stop_wa_harness


@pytest.fixture
async def wa(config: Config, clock: ManualClock) -> AsyncIterator[WaHarness]:
    harness = await start_wa_harness(config, clock=clock)
    yield harness
    await stop_wa_harness(harness)


async def test_join_through_the_wa_me_text(wa: WaHarness) -> None:
    anna = wa.stranger("Anna")
    await anna.says("start buren-test")
    anna.sees("naam")
    await anna.says("Anna")
    assert "🇳🇱 Nederlands" in anna.choices()
    await anna.presses("Nederlands")
    member = await wa.member_record(anna)
    assert member.is_active
    channel = await wa.core.db.fetch_value("SELECT channel FROM members WHERE id = ?", (member.id,))
    assert channel == "whatsapp"
    assert wa.sim.refusals == []
