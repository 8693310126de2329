"""One page of a long list: the one function /open (and later /leden) pages with, easy to swap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    shown: list[T]
    number: int  # 0-based, clamped into range
    count: int  # at least 1, also for an empty list
    first_index: int  # position of shown[0] in the whole list


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    """Page ``number`` of ``items``; a page past the end (items left meanwhile) shows the last one."""
    count = max(1, -(-len(items) // size))
    number = min(max(number, 0), count - 1)
    start = number * size
    return Page(list(items[start : start + size]), number, count, start)
