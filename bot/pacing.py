"""Pacing within Telegram's flood limits: token buckets on an injected monotonic clock.

Telegram allows about 30 messages a second overall, one a second per chat (short bursts are tolerated)
and 20 a minute per group. We stay just inside those limits so a broadcast runs at the allowed speed
without provoking 429 answers; when one comes anyway, ``pause_all`` honours its ``retry_after``.
The overall burst is kept small on purpose: Telegram's own bucket then keeps slack for network jitter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    overall_per_s: float = 30.0
    overall_burst: float = 5.0
    per_chat_per_s: float = 1.0
    per_chat_burst: float = 1.0
    per_group_per_min: float = 20.0
    per_group_burst: float = 3.0


class Bucket:
    def __init__(self, capacity: float, per_s: float, now: float) -> None:
        self.capacity = capacity
        self.per_s = per_s
        self.tokens = capacity
        self.updated = now

    def wait(self, now: float) -> float:
        """Seconds until one token is there (0: now)."""
        self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.updated) * self.per_s)
        self.updated = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.per_s

    def take(self, now: float) -> None:
        self.wait(now)
        self.tokens -= 1.0

    def full(self, now: float) -> bool:
        self.wait(now)
        return self.tokens >= self.capacity


class Pacer:
    """Decides how long a send to a chat must wait; group chats have negative ids, as in Telegram."""

    def __init__(self, monotonic: Callable[[], float], limits: Limits = Limits()) -> None:
        self.monotonic = monotonic
        self.limits = limits
        self._overall = Bucket(limits.overall_burst, limits.overall_per_s, monotonic())
        self._chats: dict[int, Bucket] = {}
        self._paused_until = 0.0

    def wait_for(self, chat_id: int) -> float:
        now = self.monotonic()
        waits = [self._paused_until - now, self._overall.wait(now), self._chat(chat_id, now).wait(now)]
        return max(0.0, *waits)

    def global_wait(self) -> float:
        """Seconds before anything may go: the overall bucket and any 429 pause."""
        now = self.monotonic()
        return max(0.0, self._paused_until - now, self._overall.wait(now))

    def take(self, chat_id: int) -> None:
        now = self.monotonic()
        self._overall.take(now)
        self._chat(chat_id, now).take(now)
        if len(self._chats) > 5000:
            self._forget_idle(now)

    def pause_all(self, seconds: float) -> None:
        """A 429 said 'retry after N': nothing goes out before then."""
        self._paused_until = max(self._paused_until, self.monotonic() + seconds)

    def _chat(self, chat_id: int, now: float) -> Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            limits = self.limits
            if chat_id < 0:
                bucket = Bucket(limits.per_group_burst, limits.per_group_per_min / 60.0, now)
            else:
                bucket = Bucket(limits.per_chat_burst, limits.per_chat_per_s, now)
            self._chats[chat_id] = bucket
        return bucket

    def _forget_idle(self, now: float) -> None:
        for chat_id in [c for c, b in self._chats.items() if b.full(now)]:
            del self._chats[chat_id]
