"""Lists that grow with the group, within Telegram's limits at any size.

Two shapes, both here so every list does it the same way:

- ``text_pages(lines)``: a long read-only list (``/leden``, ``/overzicht``) as several messages, each
  within 4096 characters, never splitting a line; ``say_list`` sends them and puts the actions (the
  buttons) in a message of their own after the list, so they are always at the bottom and never lost
  in a message that had to be split.
- ``page_window(items, page, size)`` + ``nav_row``: a list of buttons (pickers, ``/open``) one page at a
  time with ◀️ ▶️, so a keyboard stays within Telegram's button limits (at most 100 buttons).

Use: ``await say_list(update, context, lines, actions_text, rows)``; or for a picker
``window = page_window(members, page, 16)`` then ``rows = [...window.items...] + [nav_row(window, lambda p:
PAGE.encode(purpose, p))]``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import Update
from telegram.constants import MessageLimit

from handlers.common import BotContext, Button, Rows, say

T = TypeVar("T")
#: Room below Telegram's 4096 for the "(2/3)" page mark; lengths are counted on the HTML source, which is
#: never shorter than the text Telegram counts after parsing the tags.
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH - 16
MAX_BUTTONS_PER_PAGE = 50


#: What starts each page of a list that needs more than one: (page, pages) -> "November 2026 — blad 2 van 3".
PageHeading = Callable[[int, int], str]


def text_pages(
    lines: Sequence[str], limit: int = TEXT_LIMIT, heading: PageHeading | None = None
) -> list[str]:
    """Join lines into as few messages as fit; a single line longer than ``limit`` is cut.

    When more than one is needed, each ends with "(2/3)", or starts with ``heading(2, 3)`` when given: a
    page read on its own (the second of /overzicht) then still says what it is a page of.
    """
    pages = _join(lines, limit)
    if len(pages) == 1:
        return pages
    if heading is None:
        return [f"{page}\n<i>({i}/{len(pages)})</i>" for i, page in enumerate(pages, 1)]
    # Room for the longest heading there can be: never more pages than lines.
    room = len(heading(len(lines), len(lines))) + 1
    pages = _join(lines, limit - room)
    return [f"{heading(i, len(pages))}\n{page}" for i, page in enumerate(pages, 1)]


def _join(lines: Sequence[str], limit: int) -> list[str]:
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = line if len(line) <= limit else line[: limit - 1] + "…"
        extra = len(line) + (1 if current else 0)
        if current and size + extra > limit:
            pages.append("\n".join(current))
            current, size = [], 0
            extra = len(line)
        current.append(line)
        size += extra
    if current or not pages:
        pages.append("\n".join(current))
    return pages


async def say_list(
    update: Update,
    context: BotContext,
    lines: Sequence[str],
    actions_text: str = "",
    rows: Rows | None = None,
    heading: PageHeading | None = None,
) -> None:
    """The list in as many messages as it needs (see ``text_pages`` for ``heading``), then the actions in
    their own message (or several, each within Telegram's button limit, when there is a button per item)."""
    for page in text_pages(lines, heading=heading):
        await say(update, context, page)
    for chunk in button_chunks(rows or []):
        await say(update, context, actions_text or "👇", chunk)


def button_chunks(rows: Rows, limit: int = MAX_BUTTONS_PER_PAGE) -> list[Rows]:
    """Rows grouped so that no message carries more than ``limit`` buttons."""
    chunks: list[Rows] = []
    current: list[Sequence[Button]] = []
    count = 0
    for row in rows:
        if not row:
            continue
        if current and count + len(row) > limit:
            chunks.append(current)
            current, count = [], 0
        current.append(row)
        count += len(row)
    if current:
        chunks.append(current)
    return chunks


@dataclass(frozen=True)
class Window(Generic[T]):
    items: list[T]
    page: int
    pages: int


def page_window(items: Sequence[T], page: int, size: int) -> Window[T]:
    """The items of one page (``page`` is clamped, so an old button never points past the end)."""
    size = max(1, min(size, MAX_BUTTONS_PER_PAGE))
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return Window(list(items[page * size : (page + 1) * size]), page, pages)


def nav_row(window: Window[T], encode: Callable[[int], str]) -> list[Button]:
    """◀️ and ▶️ where there is a page to go to; empty when everything fits on one."""
    row: list[Button] = []
    if window.page > 0:
        row.append(("◀️", encode(window.page - 1)))
    if window.page < window.pages - 1:
        row.append(("▶️", encode(window.page + 1)))
    return row
