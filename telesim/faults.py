"""Fault injection: server errors, latency and dropped connections, decided by a seeded RNG.

Faults hit bot API methods only. ``getUpdates`` is spared unless ``affect_polling`` is set, because a
broken poll loop mostly tests PTB rather than the bot.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum


@dataclass
class Faults:
    #: Probability of answering 500/502 without applying the method.
    error_rate: float = 0.0
    #: Fixed delay before answering (the method is applied after the delay).
    latency_s: float = 0.0
    #: Extra uniformly random delay in ``[0, latency_jitter_s]``.
    latency_jitter_s: float = 0.0
    #: Probability of closing the connection without applying the method.
    drop_rate: float = 0.0
    #: Probability of applying the method and then closing the connection without an answer.
    drop_after_apply_rate: float = 0.0
    affect_polling: bool = False
    #: The next N calls of each named method answer 500 without applying, e.g. ``{"editMessageText": 4}``,
    #: or only those to one chat, ``{"editMessageText:1234": 4}``: a reply that cannot be delivered after
    #: the bot committed (the user then tries again).
    fail_methods: dict[str, int] = field(default_factory=dict)
    #: The same, answered 429 "retry after 1" instead: Telegram throttling this chat for one call.
    throttle_methods: dict[str, int] = field(default_factory=dict)


class FaultKind(Enum):
    NONE = "none"
    ERROR_500 = "error_500"
    ERROR_502 = "error_502"
    DROP = "drop"
    DROP_AFTER_APPLY = "drop_after_apply"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class FaultDecision:
    kind: FaultKind
    delay_s: float


def decide(
    faults: Faults, rng: random.Random, *, polling: bool, method: str = "", chat_id: object = None
) -> FaultDecision:
    for counts, kind in (
        (faults.fail_methods, FaultKind.ERROR_500),
        (faults.throttle_methods, FaultKind.THROTTLED),
    ):
        for key in (f"{method}:{chat_id}", method):
            if counts.get(key, 0) > 0:
                counts[key] -= 1
                return FaultDecision(kind, 0.0)
    if polling and not faults.affect_polling:
        return FaultDecision(FaultKind.NONE, 0.0)
    delay = faults.latency_s
    if faults.latency_jitter_s > 0:
        delay += rng.uniform(0.0, faults.latency_jitter_s)
    if faults.error_rate > 0 and rng.random() < faults.error_rate:
        kind = FaultKind.ERROR_500 if rng.random() < 0.5 else FaultKind.ERROR_502
        return FaultDecision(kind, delay)
    if faults.drop_rate > 0 and rng.random() < faults.drop_rate:
        return FaultDecision(FaultKind.DROP, delay)
    if faults.drop_after_apply_rate > 0 and rng.random() < faults.drop_after_apply_rate:
        return FaultDecision(FaultKind.DROP_AFTER_APPLY, delay)
    return FaultDecision(FaultKind.NONE, delay)
