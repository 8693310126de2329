"""Periodic wake-ups. The database says what is due; a job only looks at the right moments."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[Any], Awaitable[None]]  # awaited with the running application
