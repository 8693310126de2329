"""Fair handling under floods: how much one person may ask of the bot, so no one stalls everyone.

Two rules, both in memory (a restart forgets them, which is harmless):

- ``UpdateBudget``: a token bucket per Telegram user on the monotonic clock. A person at human pace never
  meets it; a script sending 150 messages in ten seconds gets the first ``burst`` handled, then one at the
  refill rate, and the rest dropped, with one "slow down" notice per ``notice_every_s``.
- ``StrangerReplies``: someone who is not (or no longer) a member is answered at most once per
  ``window`` of the bot's clock; every answer costs a message in their chat, which Telegram throttles.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

#: Forget people who have been quiet this long, so the tables stay small under a flood of new ids.
PRUNE_AT = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float
    noticed_at: float = float("-inf")


@dataclass
class UpdateBudget:
    burst: int = 30
    per_second: float = 2.0
    notice_every_s: float = 60.0
    monotonic: Callable[[], float] = time.monotonic
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def allow(self, user_id: int) -> bool:
        """Take one update from the user's budget; False: drop it."""
        now = self.monotonic()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True
        return False

    def should_notice(self, user_id: int) -> bool:
        """After a dropped update: tell the person to slow down, once per ``notice_every_s``."""
        bucket = self._buckets.get(user_id)
        now = self.monotonic()
        if bucket is None or now - bucket.noticed_at < self.notice_every_s:
            return False
        bucket.noticed_at = now
        return True

    def _prune(self, now: float) -> None:
        full_after = self.burst / self.per_second
        for user_id in [u for u, b in self._buckets.items() if now - b.at > full_after]:
            del self._buckets[user_id]


@dataclass
class StrangerReplies:
    window: timedelta = timedelta(minutes=5)
    _last: dict[int, datetime] = field(default_factory=dict)

    def may_answer(self, user_id: int, now: datetime) -> bool:
        """True at most once per ``window`` for each user (and records the answer)."""
        last = self._last.get(user_id)
        if last is not None and now - last < self.window:
            return False
        if len(self._last) >= PRUNE_AT:
            self._last = {u: t for u, t in self._last.items() if now - t < self.window}
        self._last[user_id] = now
        return True
