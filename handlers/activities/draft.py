"""What the /nieuw and edit steps share: the draft, navigation buttons, and step names.

The draft is the member's conversation (flow ``nieuw``, see handlers/conversation.py): persisted after
every step (times as ISO text), so a restart resumes where the member was.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.callbacks import action
from bot.errors import InvalidInput
from bot.text_errors import TimeAmbiguous
from handlers.common import BotContext
from handlers.conversation import put_step, step_of

NW = action("nw", str)  # a choice within the /nieuw conversation
ACT_EDIT = action("act_edit", int)  # name, description, tasks (handlers.activities.change)
ED = action("ed", str)  # a choice within the edit conversation (flow ``bewerk``)
EDIT_WHEN, EDIT_PLACE_STEP, EDIT_PLACE_TEXT = "edit_when", "edit_place", "edit_place_text"
EDIT_WHEN_PICK = "edit_when_pick"
EDIT_STEPS = (EDIT_WHEN, EDIT_WHEN_PICK, EDIT_PLACE_STEP, EDIT_PLACE_TEXT)
FLOW = "nieuw"


class DraftGone(InvalidInput):
    text_key = "nieuw.gone"


class OldQuestion(InvalidInput):
    """A button of a question the flow has moved past (or a forged one): nothing is changed."""

    text_key = "nieuw.old_question"


def draft_of(context: BotContext) -> dict[str, Any]:
    """A copy of the member's /nieuw or edit draft (``DraftGone`` when there is none)."""
    conversation = step_of(context, FLOW)
    if conversation is None:
        raise DraftGone()
    return {**conversation.draft, "path": list(conversation.draft.get("path", [conversation.step]))}


async def save_draft(context: BotContext, draft: dict[str, Any]) -> None:
    """Store the draft with its last path entry as the current step."""
    await put_step(context, FLOW, draft["path"][-1], **draft)


def nav_row(context: BotContext, back: bool = True) -> list[tuple[str, str]]:
    row = [(context.t("nieuw.cancel_button"), NW.encode("cancel"))]
    if back:
        row.insert(0, (context.t("nieuw.back_button"), NW.encode("back")))
    return row


def options_of(error: TimeAmbiguous) -> list[str]:
    """The "HH:MM" readings an ambiguous time was raised with (the contract with bot.timeparse)."""
    options = error.params["options"]
    assert isinstance(options, list)
    return [str(option) for option in options]


def period_row(context: BotContext, options: list[str]) -> list[tuple[str, str]]:
    """The readings of an ambiguous time as buttons: "08:00 (ochtend)", "20:00 (avond)"."""
    return [
        (
            context.t(
                "nieuw.period_option",
                time=option,
                period=context.t("nieuw.morning" if int(option[:2]) < 12 else "nieuw.evening"),
            ),
            NW.encode(f"o{i}"),
        )
        for i, option in enumerate(options)
    ]


def parse_dt(text: str) -> datetime:
    return datetime.fromisoformat(text)
