"""Flood control and fault injection, as PTB experiences them."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from telesim import Faults, RateLimits, TelegramSimulator

from .conftest import FakeClock


@pytest.fixture
def anna(sim: TelegramSimulator) -> int:
    user = sim.add_user("Anna")
    sim.user_sends_text(user.user_id, "/start")
    return user.user_id


def _retry_seconds(exc: RetryAfter) -> float:
    value = exc._retry_after  # the public attribute warns about its future timedelta type
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


async def test_burst_then_429_then_refill(
    sim: TelegramSimulator, bot: Bot, anna: int, clock: FakeClock
) -> None:
    for text in ("een", "twee", "drie"):
        await bot.send_message(anna, text)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(anna, "vier")
    assert _retry_seconds(caught.value) == 1
    assert sim.requests[-1].error_code == 429
    clock.advance(1.0)
    await bot.send_message(anna, "vier")
    assert sim.sent_count(anna) == 4


async def test_group_limit_per_minute(sim: TelegramSimulator, bot: Bot, anna: int, clock: FakeClock) -> None:
    sim.rate_limits = RateLimits(per_chat_per_s=100, per_chat_burst=100, per_group_per_min=20)
    group = sim.add_group("Buren", [anna])
    for number in range(20):
        await bot.send_message(group.chat_id, f"bericht {number}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.chat_id, "te veel")
    assert _retry_seconds(caught.value) == 3  # one token per 3 s at 20/min
    clock.advance(3.0)
    await bot.send_message(group.chat_id, "weer goed")


async def test_disabled_limits_and_non_counting_methods(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sim.rate_limits = RateLimits(enabled=False)
    for number in range(10):
        await bot.send_message(anna, str(number))
    sim.rate_limits = RateLimits()
    for _ in range(10):
        await bot.get_chat(anna)


async def test_429_storm(sim: TelegramSimulator, bot: Bot, anna: int, clock: FakeClock) -> None:
    sim.start_429_storm(10.0, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(anna, "storm")
    assert _retry_seconds(caught.value) == 7
    await bot.get_chat(anna)  # not rate limited
    clock.advance(10.0)
    await bot.send_message(anna, "na de storm")


async def test_server_errors_are_network_errors(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sim.faults = Faults(error_rate=1.0)
    for _ in range(4):
        with pytest.raises(NetworkError):
            await bot.send_message(anna, "kapot")
    assert sim.sent_count(anna) == 0
    assert {r.error_code for r in sim.requests[-4:]} <= {500, 502}
    assert await bot.get_updates(timeout=0) is not None  # polling is spared by default


async def test_drop_before_and_after_apply(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sim.faults = Faults(drop_rate=1.0)
    with pytest.raises(NetworkError):
        await bot.send_message(anna, "weg")
    assert sim.sent_count(anna) == 0
    sim.faults = Faults(drop_after_apply_rate=1.0)
    with pytest.raises(NetworkError):
        await bot.send_message(anna, "toch aangekomen")
    assert [m.text for m in sim.chat_view(anna) if m.from_bot] == ["toch aangekomen"]
    sim.faults = Faults()
    await bot.send_message(anna, "weer normaal")


async def test_latency_becomes_timed_out(sim: TelegramSimulator, anna: int) -> None:
    slow = Bot(sim.token, base_url=sim.base_url, request=HTTPXRequest(read_timeout=0.1))
    async with slow:
        sim.faults = Faults(latency_s=0.4)
        with pytest.raises(TimedOut):
            await slow.send_message(anna, "traag")
        sim.faults = Faults()


async def test_faults_are_reproducible_with_a_seed() -> None:
    import random

    from telesim.faults import decide

    def kinds(seed: int) -> list[str]:
        rng = random.Random(seed)
        faults = Faults(error_rate=0.3, drop_rate=0.3)
        return [decide(faults, rng, polling=False).kind.value for _ in range(20)]

    assert kinds(1) == kinds(1)
    assert decide(Faults(error_rate=1.0), random.Random(0), polling=True).kind.value == "none"
