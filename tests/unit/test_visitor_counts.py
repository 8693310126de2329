"""The typed visitor count: read right or ask, scored on the tuning set and on the held-out set that was
written before the parser (tests/data/visitor_counts_*.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.report.counting import Count, read_count

DATA = Path(__file__).parent.parent / "data"


def cases(name: str) -> list[tuple[str, str]]:
    lines = (DATA / f"visitor_counts_{name}.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def outcome(text: str) -> str:
    count = read_count(text).count
    if count is None:
        return "ask"
    return str(count.low) if count.low == count.high else f"{count.low}-{count.high}"


def score(name: str) -> tuple[int, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(right, misread, asked though readable): a misreading is the failure that counts."""
    right, misread, asked = 0, [], []
    for text, expected in cases(name):
        got = outcome(text)
        if got == expected:
            right += 1
        elif got == "ask":
            asked.append((text, expected, got))
        else:
            misread.append((text, expected, got))
    return right, misread, asked


@pytest.mark.parametrize("name", ["tune", "heldout"])
def test_never_a_wrong_count(name: str) -> None:
    right, misread, asked = score(name)
    total = len(cases(name))
    print(f"{name}: {right}/{total} right, {len(misread)} misread, {len(asked)} asked though readable")
    assert misread == [], misread


def test_the_tuning_set_is_read_in_full_and_the_held_out_set_mostly() -> None:
    assert score("tune")[0] == len(cases("tune"))
    right, _, _ = score("heldout")
    assert right / len(cases("heldout")) >= 0.85


@pytest.mark.parametrize(
    ("text", "candidates"),
    [("30 of 40", (Count(30, 30), Count(40, 40), Count(30, 40))), ("veel", ()), ("40+", ())],
)
def test_unsure_counts_are_asked_with_the_readings_as_choices(
    text: str, candidates: tuple[Count, ...]
) -> None:
    reading = read_count(text)
    assert reading.count is None and reading.candidates == candidates
