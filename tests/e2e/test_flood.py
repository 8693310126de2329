"""One person cannot stall everyone: a member floods, a stranger floods, and a bystander is still answered.

Telegram throttles each chat (about one message a second); the simulator does the same. Before the gate
had a per-person budget and replies stopped sleeping on 429s, the bystander's /help waited behind
hundreds of throttled answers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import AccessConfig
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import make_config

FLOOD_MEMBER, FLOOD_STRANGER = 150, 60


@pytest.fixture
async def fair_bot(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Harness]:
    """The bot as `burenbot run` builds it: the production flood budget, updates side by side."""
    config = make_config(tmp_path)
    config = dataclasses.replace(
        config, access=dataclasses.replace(config.access, flood_burst=AccessConfig.flood_burst)
    )
    harness = await start_harness(config, clock=clock, concurrent_updates=16, in_order_per_sender=True)
    yield harness
    await stop_harness(harness)


async def answer_time(bot: Harness, person: Person, text: str) -> tuple[float, list[str]]:
    """Seconds from sending to the bot having answered, and what the person got (no pacing, no drain)."""
    before = len(person.chat)
    started = time.monotonic()
    await bot.processor.wait_for({bot.sim.user_sends_text(person.user_id, text)})
    seconds = time.monotonic() - started
    return seconds, [m.text for m in person.chat[before:] if m.from_bot]


async def queued_replies(bot: Harness, person: Person) -> list[str]:
    rows = await bot.core.db.fetch_all(
        "SELECT text FROM outbox WHERE chat_id = ? AND status IN ('queued', 'sending')", (person.user_id,)
    )
    return [row["text"] for row in rows]


def bot_messages(person: Person) -> list[str]:
    return [m.text for m in person.chat if m.from_bot]


async def test_a_flooding_member_and_stranger_do_not_stall_a_bystander(fair_bot: Harness) -> None:
    bot = fair_bot
    anna = await bot.member("Anna")
    bob = await bot.member("Bob")
    eve = await bot.stranger("Eve")
    calm, answer = await answer_time(bot, anna, "/help")
    assert any("/uren" in text for text in answer)
    bob_before = len(bot_messages(bob))

    flood = [bot.sim.user_sends_text(bob.user_id, f"hallo {i}") for i in range(FLOOD_MEMBER)]
    flood += [bot.sim.user_sends_text(eve.user_id, f"hoi {i}") for i in range(FLOOD_STRANGER)]
    flooded, answer = await answer_time(bot, anna, "/help")
    assert any("/uren" in text for text in answer), "the bystander lost her answer"
    # Bounded by the unflooded answer on this machine, so a busy machine slows both alike.
    assert flooded < max(2.0, 3 * calm), f"bystander answered after {flooded:.1f}s (unflooded {calm:.1f}s)"

    await bot.processor.wait_for(set(flood))
    assert len(bot_messages(eve)) == 1, "a stranger is answered once per few minutes, not per message"
    # Bob's answers: delivered, or waiting in the outbox until his throttled chat may receive again.
    bob_got = bot_messages(bob)[bob_before:] + await queued_replies(bot, bob)
    assert len(bob_got) <= AccessConfig.flood_burst + 10, len(bob_got)
    assert sum("Rustig aan" in text for text in bob_got) == 1
    # Bob's own order is kept: the answers he did get follow his messages in sequence, and he can go on.
    await asyncio.sleep(1 / (AccessConfig.flood_per_minute / 60))  # the budget refills in real time
    _, answer = await answer_time(bot, bob, "/help")
    assert any("/uren" in text for text in answer + await queued_replies(bot, bob))
