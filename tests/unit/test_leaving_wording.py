"""What the coordinators read about a leaving member's holdings: only what happened, in the right number."""

from __future__ import annotations

from bot.leaving import handled_keys


def test_one_key_is_singular_and_no_task_says_nothing_of_places() -> None:
    assert handled_keys(["key"]) == ["leaving.handled_key"]


def test_two_keys_and_a_task() -> None:
    assert handled_keys(["task", "key", "key"]) == ["leaving.handled_places", "leaving.handled_keys"]


def test_a_buddy_or_a_budget_request_adds_no_line_of_its_own() -> None:
    assert handled_keys(["buddy", "budget"]) == []
