"""Flood control: token buckets like Telegram's documented limits, driven by an injectable clock.

Telegram's FAQ: about one message per second per chat (short bursts are tolerated), 20 messages per
minute per group and about 30 messages per second overall. Only message sending and editing count.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from telesim.errors import ApiError, too_many_requests


@dataclass
class RateLimits:
    enabled: bool = True
    per_chat_per_s: float = 1.0
    per_chat_burst: int = 3
    per_group_per_min: int = 20
    overall_per_s: int = 30


class TokenBucket:
    def __init__(self, capacity: float, refill_per_s: float, now: float) -> None:
        self.capacity = capacity
        self.refill_per_s = refill_per_s
        self.tokens = capacity
        self.updated = now

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_s)
        self.updated = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self.refill(now)
        if self.tokens >= 1.0:
            return 0.0
        if self.refill_per_s <= 0:
            return math.inf
        return (1.0 - self.tokens) / self.refill_per_s


class RateLimiter:
    def __init__(self, monotonic: Callable[[], float]) -> None:
        self.monotonic = monotonic
        self.limits = RateLimits()
        self._chat: dict[int, TokenBucket] = {}
        self._group: dict[int, TokenBucket] = {}
        self._overall: TokenBucket | None = None
        self._storm_until = -math.inf
        self._storm_retry_after = 3

    def start_storm(self, duration_s: float, retry_after: int) -> None:
        self._storm_until = self.monotonic() + duration_s
        self._storm_retry_after = max(1, int(retry_after))

    def reset(self) -> None:
        self._chat.clear()
        self._group.clear()
        self._overall = None

    def check(self, chat_id: int | None) -> None:
        """Consume one token from every bucket that applies, or raise a 429 consuming nothing."""
        now = self.monotonic()
        if now < self._storm_until:
            raise too_many_requests(self._storm_retry_after)
        limits = self.limits
        if not limits.enabled:
            return
        buckets: list[TokenBucket] = []
        overall = self._overall
        if overall is None or overall.capacity != limits.overall_per_s:
            self._overall = TokenBucket(limits.overall_per_s, limits.overall_per_s, now)
        assert self._overall is not None
        buckets.append(self._overall)
        if chat_id is not None:
            buckets.append(
                self._bucket(self._chat, chat_id, limits.per_chat_burst, limits.per_chat_per_s, now)
            )
            if chat_id < 0:
                per_min = limits.per_group_per_min
                buckets.append(self._bucket(self._group, chat_id, per_min, per_min / 60.0, now))
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            raise _retry(wait)
        for bucket in buckets:
            bucket.tokens -= 1.0

    @staticmethod
    def _bucket(
        table: dict[int, TokenBucket], key: int, capacity: float, rate: float, now: float
    ) -> TokenBucket:
        bucket = table.get(key)
        if bucket is None or bucket.capacity != capacity or bucket.refill_per_s != rate:
            bucket = table[key] = TokenBucket(capacity, rate, now)
        return bucket


def _retry(wait: float) -> ApiError:
    return too_many_requests(max(1, math.ceil(wait)) if math.isfinite(wait) else 3600)
