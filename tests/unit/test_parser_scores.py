"""Tuned and held-out case sets for times, hours and FAQ (issue 14).

The held-out sets were written before tuning and are never tuned on: their scores are reported, not
asserted to be 100%. What is asserted everywhere is the rule of the issue: no wrong reading shown as
fact. The one held-out FAQ question answered wrongly with confidence is named below, so a new one fails.
"""

from __future__ import annotations

import pytest

from bench._parser_scores import Score, all_scores

# Found when the held-out FAQ set was first scored; left as found (fixing it would tune on held-out).
KNOWN_WRONG_FAQ = {"kan ik geld krijgen voor mijn activiteit"}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {score.name: score for score in all_scores()}


def test_report(scores: dict[str, Score], capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print()
        for score in scores.values():
            print(score.line())
    assert len(scores) == 6


@pytest.mark.parametrize("name", ["when_tuned", "hours_tuned", "when_heldout", "hours_heldout"])
def test_no_time_or_amount_is_read_wrong_as_fact(scores: dict[str, Score], name: str) -> None:
    assert scores[name].wrong == []


@pytest.mark.parametrize("name", ["when_tuned", "hours_tuned"])
def test_every_tuned_time_and_amount_reads_right(scores: dict[str, Score], name: str) -> None:
    assert scores[name].accuracy == 1.0, [o for o in scores[name].outcomes if o.outcome != "right"]


def test_faq_never_answers_a_tuned_question_wrongly(scores: dict[str, Score]) -> None:
    assert scores["faq_tuned"].wrong == []
    assert {o.outcome for o in scores["faq_tuned"].outcomes} <= {"right", "offered"}


def test_faq_held_out_has_no_new_wrong_answers(scores: dict[str, Score]) -> None:
    assert {o.case for o in scores["faq_heldout"].wrong} <= KNOWN_WRONG_FAQ
