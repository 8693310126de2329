"""A periodic wake-up, declared by a feature's ``JOBS`` (here, so handlers can import it without a cycle)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any


@dataclass(frozen=True)
class Job:
    """A periodic wake-up. The database says what is due; the job only looks at the right moments."""

    name: str
    every: timedelta
    run: Callable[[Any], Awaitable[None]]
