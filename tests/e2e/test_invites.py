"""Invite codes: random when none is configured, shown and renewed with /uitnodiging, guessing is slow."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.members.invites import TRIES_PER_HOUR
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import make_config


@pytest.fixture
async def no_code_bot(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Harness]:
    config = make_config(tmp_path)
    config = dataclasses.replace(config, access=dataclasses.replace(config.access, invite_code=""))
    harness = await start_harness(config, clock=clock)
    yield harness
    await stop_harness(harness)


async def joins(bot: Harness, name: str, code: str) -> Person:
    person = await bot.stranger(name)
    await person.says(f"/start {code}")
    await person.says(name)
    await person.presses("Nederlands")
    assert (await bot.member_record(person)).is_active
    return person


async def test_a_random_code_is_made_shown_renewed_and_guessing_is_limited(no_code_bot: Harness) -> None:
    bot = no_code_bot
    code = await bot.core.members.invites.current()
    assert len(code) == 12 and code != "buren"
    assert await bot.core.members.invites.current() == code  # kept, not made anew each time

    lotte = await joins(bot, "Lotte", code)
    async with bot.core.db.transaction() as conn:
        await conn.execute("UPDATE members SET is_coordinator = 1 WHERE telegram_id = ?", (lotte.user_id,))
    await lotte.says("/uitnodiging")
    lotte.sees(f"https://t.me/{bot.sim.bot_username}?start={code}")

    guesser = await bot.stranger("Gokker")
    for attempt in range(TRIES_PER_HOUR):
        await guesser.says(f"/start gok{attempt}")
        guesser.sees("klopt niet")
    await guesser.says(f"/start {code}")  # even the right code: the hour of guessing is not over
    guesser.sees("te vaak")
    assert await bot.core.members.find(guesser.user_id) is None

    await lotte.presses("Nieuwe link maken")
    lotte.sees("De oude link werkt dan niet meer")
    await lotte.presses("Ja, nieuwe link")
    new = await bot.core.members.invites.current()
    assert new != code
    lotte.sees(f"?start={new}")
    late = await bot.stranger("Laat")
    await late.says(f"/start {code}")
    late.sees("klopt niet")
    await joins(bot, "Noor", new)
