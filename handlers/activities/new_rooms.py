"""Choosing a huiskamer in /nieuw: a taken room offers the other one, another time, or (for a
coordinator) booking anyway.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.members.service import Role
from bot.rooms import ROOM_IDS, other_room
from handlers.activities.draft import (
    NW,
    OldQuestion,
    nav_row,
    parse_dt,
    save_draft,
)
from handlers.activities.new_questions import ask
from handlers.activities.views import when_text
from handlers.common import BotContext, me, replace


async def choose_place(update: Update, context: BotContext, draft: dict[str, Any], choice: str) -> None:
    if choice == "other":
        await ask(update, context, "place_text", draft=draft)
        return
    core = context.core
    start, end = parse_dt(draft["start"]), parse_dt(draft["end"])
    if choice == "override":
        context.core.activities.edits.check_may_override_room(me(context))
        room = draft.get("wanted_room")
        if room is None:  # no room was taken at this question: the button is old or forged
            raise OldQuestion()
        draft["override"] = True
    else:
        room = choice
        draft["override"] = False
        other = await core.activities.room_conflict(room, start, end)
        if other is not None:
            draft["wanted_room"] = room
            rows: list[list[tuple[str, str]]] = []
            alternative = other_room(room)
            rooms = context.core.rooms
            if room in ROOM_IDS and await core.activities.room_conflict(alternative, start, end) is None:
                rows.append(
                    [
                        (
                            context.t("nieuw.take_room_button", place=rooms.name(alternative, context.lang)),
                            NW.encode(alternative),
                        )
                    ]
                )
            rows.append([(context.t("nieuw.other_time_button"), NW.encode("other_time"))])
            if context.role >= Role.COORDINATOR:
                rows.append([(context.t("nieuw.override_button"), NW.encode("override"))])
            rows.append(nav_row(context))
            text = context.t(
                "activity.room_taken",
                title=other.title,
                when=when_text(core, context.lang, other.starts_at, other.ends_at),
            )
            await save_draft(context, draft)
            await replace(update, context, text, rows)
            return
    draft["place"] = room
    await ask(update, context, "audience", draft=draft)
