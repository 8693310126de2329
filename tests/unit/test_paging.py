"""Long lists as several messages: each within Telegram's limit, each page saying what it is."""

from __future__ import annotations

from telegram.constants import MessageLimit

from handlers.paging import text_pages


def heading(page: int, pages: int) -> str:
    return f"<i>November 2026 — blad {page} van {pages}</i>"


def test_every_page_starts_with_its_heading_and_stays_within_the_limit() -> None:
    lines = [
        f"░░░░░░░░░░ Maria-Fernanda van den Berg-Oudshoorn de Jong {i:03d}: 0 / 10 uur" for i in range(400)
    ]
    pages = text_pages(lines, heading=heading)
    assert len(pages) > 2
    for number, page in enumerate(pages, 1):
        assert page.startswith(heading(number, len(pages)) + "\n")
        assert len(page) <= MessageLimit.MAX_TEXT_LENGTH
    assert "\n".join(page.split("\n", 1)[1] for page in pages) == "\n".join(lines)


def test_a_heading_at_the_very_edge_of_the_limit_still_fits() -> None:
    # Lines that fill a page to the last character without a heading.
    lines = ["x" * 999] * 12
    pages = text_pages(lines, limit=2000, heading=heading)
    assert all(len(page) <= 2000 for page in pages)


def test_a_list_that_fits_in_one_message_has_no_heading_and_no_mark() -> None:
    assert text_pages(["Anna", "Karim"], heading=heading) == ["Anna\nKarim"]
    assert text_pages(["Anna", "Karim"]) == ["Anna\nKarim"]


def test_without_a_heading_pages_keep_their_mark_at_the_end() -> None:
    pages = text_pages(["x" * 60] * 3, limit=130)
    assert [page.rsplit("\n", 1)[1] for page in pages] == ["<i>(1/2)</i>", "<i>(2/2)</i>"]
