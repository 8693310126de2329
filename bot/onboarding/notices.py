"""What the newcomers feature tells members: a buddy's newcomer took a first task, a buddy pair ended
because one of them left, a question for the coordinators (see bot/notices.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.notices import Reader, Rendered, mention, notice_kind
from bot.onboarding.actions import ADD, ANSWER, HOME, PAIR

FIRST_CLAIM = "buddy_first_claim"
BUDDY_LEFT = "buddy_left"
QUESTION = "faq_question"
ANSWER_FOR_YOU = "faq_answer"
BUDDY_WANTED = "buddy_wanted"
BUDDY_PAIRED = "buddy_paired"


@notice_kind(FIRST_CLAIM)
def _first_claim(r: Reader, d: Mapping[str, Any]) -> Rendered:
    newcomer = mention(d["newcomer"], d.get("telegram_id"))
    if d.get("task"):
        return Rendered(r.t("buddy.first_claim_task", newcomer=newcomer, task=d["task"]))
    return Rendered(r.t("buddy.first_claim", newcomer=newcomer))


@notice_kind(BUDDY_LEFT)
def _buddy_left(r: Reader, d: Mapping[str, Any]) -> Rendered:
    if d["was"] == "newcomer":  # an erased member has no name
        key = "buddy.left_newcomer" if d["name"] else "buddy.left_newcomer_anonymous"
    else:
        key = "buddy.left_buddy" if d["name"] else "buddy.left_buddy_anonymous"
    return Rendered(r.t(key, name=d["name"]))


@notice_kind(QUESTION)
def _question(r: Reader, d: Mapping[str, Any]) -> Rendered:
    text = r.t("faq.coord_question", name=d["name"], question=d["question"])
    rows = [
        [
            (r.t("faq.answer_button"), ANSWER.encode(d["question_id"])),
            (r.t("faq.add_button"), ADD.encode(d["question_id"])),
        ]
    ]
    return Rendered(text, rows)


@notice_kind("holding.buddy")
def _holding_buddy(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """A leaving member's buddy pair: ``was`` says which side they are."""
    key = "leaving.holding_buddy_of" if d["was"] == "buddy" else "leaving.holding_buddy"
    return Rendered(r.t(key, name=d["name"] or r.t("activity.former_member")))


@notice_kind(BUDDY_WANTED)
def _buddy_wanted(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the coordinators: a newcomer asks for a buddy."""
    rows = [[(r.t("buddy.pair_button"), PAIR.encode(d["request_id"]))]]
    return Rendered(r.t("buddy.coord_new_request", name=d["name"]), rows)


@notice_kind(BUDDY_PAIRED)
def _buddy_paired(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To each of a new pair: who the other is, with a link to start a chat."""
    other = mention(d["other"], d.get("other_telegram_id"))
    if d["you_are"] == "newcomer":
        return Rendered(r.t("buddy.intro_newcomer", buddy=other))
    return Rendered(r.t("buddy.intro_buddy", newcomer=other))


@notice_kind(ANSWER_FOR_YOU)
def _answer(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the asker: the coordinator's answer, with the way back to the topics."""
    text = r.t("faq.answer_for_you", question=d["question"], answer=d["answer"])
    return Rendered(text, [[(r.t("faq.all_topics"), HOME.encode())]])
