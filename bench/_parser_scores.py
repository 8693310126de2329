"""Scoring the parsers on the case sets in ``tests/data`` (tuned and held-out), shared by the tests and
``bench/parsers.py``.

Every case ends in one of three outcomes: ``right`` (the expected reading, or the expected refusal),
``asked`` (a question with candidate buttons, or a refusal, where a reading was expected: a miss, but a
safe one) and ``wrong`` (a reading shown as fact that is not the expected one: the outcome issue 14
forbids). For the FAQ, ``offered`` means the right topic is among the two or three buttons shown when
no topic is clearly ahead: the behaviour the issue asks for, counted apart from a sure right answer.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.content_loader import load_content
from bot.errors import DomainError
from bot.hours.parse import parse_hours_entry
from bot.onboarding.faq import FaqIndex, decide
from bot.text_errors import HoursAmbiguous
from bot.timeparse.parse import when_cli

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Outcome:
    case: str
    outcome: str  # "right", "offered" (FAQ: among the buttons), "asked" or "wrong"
    got: str


@dataclass(frozen=True)
class Score:
    name: str
    outcomes: tuple[Outcome, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.outcome for o in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.counts["right"] / len(self.outcomes)

    @property
    def wrong(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome == "wrong"]

    def line(self) -> str:
        c = self.counts
        offered = f"{c['offered']:2} offered as a button, " if "faq" in self.name else ""
        return (
            f"{self.name:<14} {len(self.outcomes):3} cases: {c['right']:3} right ({self.accuracy:6.1%}), "
            f"{offered}{c['asked']:2} asked, {c['wrong']:2} wrong as fact"
        )


def _load(name: str) -> dict:  # type: ignore[type-arg]
    with (DATA / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def score_times(name: str) -> Score:
    """Expected as in when_cases.toml; "ASK": a TimeAmbiguous question; "ERROR": any refusal."""
    data = _load(name)
    outcomes = []
    for text, expected in data["cases"]:
        _, out = when_cli(text, data["now"], "nl", AMSTERDAM)
        refused = out.startswith("ERROR")
        asked_as_expected = expected == "ASK" and "ambiguous" in out
        if out == expected or (expected == "ERROR" and refused) or asked_as_expected:
            outcome = "right"
        elif refused:
            outcome = "asked"
        else:
            outcome = "wrong"
        outcomes.append(Outcome(text, outcome, out))
    return Score(name, tuple(outcomes))


def score_hours(name: str) -> Score:
    """``minutes`` (+ ``day``): the reading expected; ``expect`` "ASK" or "ERROR" otherwise."""
    data = _load(name)
    now = datetime.fromisoformat(data["now"]).replace(tzinfo=AMSTERDAM)
    outcomes = []
    for case in data["cases"]:
        try:
            draft = parse_hours_entry(case["text"], now)
        except HoursAmbiguous as unsure:
            got, kind = f"ask {unsure.params['options']}", "ASK"
        except DomainError as error:
            got, kind = f"error {type(error).__name__}", "ERROR"
        else:
            got, kind = f"{draft.minutes} min {draft.day.isoformat()}", "READ"
        expected = case.get("expect", "READ")
        if kind == "READ":
            fits = expected == "READ" and draft.minutes == case["minutes"]
            fits = fits and ("day" not in case or draft.day.isoformat() == case["day"])
            outcome = "right" if fits else "wrong"
        else:
            outcome = "right" if kind == expected or (expected == "ASK" and kind == "ERROR") else "asked"
        outcomes.append(Outcome(case["text"], outcome, got))
    return Score(name, tuple(outcomes))


def score_faq(name: str, index: FaqIndex | None = None) -> Score:
    """``expect``: the topic that must be the one answer or among the buttons; "none": no answer."""
    index = index or FaqIndex(load_content())
    outcomes = []
    for case in _load(name)["cases"]:
        found = decide(index.search(case["q"], case["lang"]))
        expected = case["expect"]
        if found.sure is not None:
            got = found.sure.topic.id
            outcome = "right" if got == expected else "wrong"
        else:
            ids = [hit.topic.id for hit in found.candidates]
            got = "choose " + ",".join(ids) if ids else "none"
            if expected == "none":
                outcome = "right" if not ids else "asked"
            else:
                outcome = "offered" if expected in ids else "asked"
        outcomes.append(Outcome(case["q"], outcome, got))
    return Score(name, tuple(outcomes))


def all_scores() -> list[Score]:
    index = FaqIndex(load_content())
    return [
        score_times("when_tuned"),
        score_times("when_heldout"),
        score_hours("hours_tuned"),
        score_hours("hours_heldout"),
        score_faq("faq_tuned", index),
        score_faq("faq_heldout", index),
    ]
