"""What the simulator remembers: members' chats, approved templates, media, and the rate limits."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

WINDOW = timedelta(hours=24)
PAIR_BURST = 10  # messages to one person at once before the ~1 per 6 s pair rate bites
PAIR_INTERVAL_S = 6.0
THROUGHPUT_PER_S = 80  # Meta's default messages per second per phone number

PAIR_RATE = 131056
THROUGHPUT = 130429
WINDOW_CLOSED = 131047


@dataclass
class WaMessage:
    """One message in a member's chat, as their phone would show it."""

    wamid: str
    from_bot: bool
    kind: str  # text, interactive, template, image, document, button
    text: str
    choices: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of buttons or list rows
    template: str | None = None
    media_id: str | None = None
    status: str = "sent"


@dataclass
class Template:
    name: str
    language: str
    category: str
    body: str
    buttons: tuple[str, ...] = ()  # quick reply titles


@dataclass
class Member:
    wa_id: str
    name: str
    chat: list[WaMessage] = field(default_factory=list)
    last_inbound: datetime | None = None
    pair_tokens: float = PAIR_BURST
    pair_at: float | None = None


class Limits:
    """Per-pair (a token bucket: a short burst, then one per 6 s) and per-number (80/s) rates, on the
    monotonic clock. Meta documents the rate, not the burst; PAIR_BURST is our assumption."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        self.sent: deque[float] = deque()
        self.pair_burst = PAIR_BURST
        self.throughput = THROUGHPUT_PER_S

    def refusal(self, member: Member) -> int | None:
        now = self.monotonic()
        while self.sent and now - self.sent[0] >= 1.0:
            self.sent.popleft()
        if member.pair_at is None:
            member.pair_tokens = self.pair_burst  # a full bucket at the first message
        else:
            member.pair_tokens = min(
                self.pair_burst, member.pair_tokens + (now - member.pair_at) / PAIR_INTERVAL_S
            )
        member.pair_at = now
        if len(self.sent) >= self.throughput:
            return THROUGHPUT
        if member.pair_tokens < 1:
            return PAIR_RATE
        self.sent.append(now)
        member.pair_tokens -= 1
        return None


def utc_now() -> datetime:
    return datetime.now(UTC)
