"""Reading the start and end of a new activity: typed times, the two readings of an ambiguous one, and
what was understood.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update

from bot.activities.rules import check_times
from bot.activities.when_answer import PERIOD_PHRASES, resolve_option, spoken_period, understand_when
from bot.text_errors import TimeAmbiguous
from bot.timeparse.parse import When, parse_when
from handlers.activities.draft import (
    options_of,
    parse_dt,
)
from handlers.activities.new_questions import ask
from handlers.activities.views import when_text
from handlers.common import BotContext


def when_answered(context: BotContext, draft: dict[str, Any], when: When) -> str:
    """Store an understood start (and end); the next step."""
    if not when.has_time:
        draft["day"] = when.start.date().isoformat()  # kept: the time may follow in the next message
        return "when"
    draft.pop("day", None)
    draft.pop("period", None)
    draft.pop("pending", None)
    draft["start"] = when.start.isoformat()
    if when.end is None:
        return "end"
    check_times(when.start, when.end)
    draft["end"] = when.end.isoformat()
    return "place"


def end_answered(context: BotContext, draft: dict[str, Any], end: When) -> str:
    start = parse_dt(draft["start"])
    check_times(start, end.start)  # also at most a day (a core rule)
    draft.pop("pending", None)
    draft["end"] = end.start.isoformat()
    return "place"


def read_when(context: BotContext, draft: dict[str, Any], text: str, step: str) -> When:
    """A typed start (``when``) or end (``end``); an ambiguous time is kept to be asked about.

    A period said without a clock time ("12 december", then "'s avonds") is kept like the day, so the
    "half acht" that follows is 19:30 without asking morning or evening again."""
    core = context.core
    if step == "when":
        if (period := spoken_period(text)) is not None:
            draft["period"] = period
        elif draft.get("period") in PERIOD_PHRASES:
            text = f"{text} {PERIOD_PHRASES[draft['period']]}"
    kept = date.fromisoformat(draft["day"]) if draft.get("day") else None
    if step == "end":
        # A bare clock time is read on the start's own day, so "19:00" after a 19:30 start is an error.
        kept = core.local(parse_dt(draft["start"])).date()
    try:
        if step == "end":
            day_start = core.local(parse_dt(draft["start"])).replace(hour=0, minute=0)
            return parse_when(text, day_start, tz=core.tz, lang=context.lang, allow_past=True)
        return understand_when(text, core.clock.now(), core.tz, context.lang, kept)
    except TimeAmbiguous as exc:
        draft["pending"] = {
            "text": text,
            "options": options_of(exc),
            "for": step,
            "day": kept and kept.isoformat(),
        }
        raise


def picked(context: BotContext, draft: dict[str, Any], option: str) -> str:
    """One of the offered readings chosen: apply it to the step that asked."""
    pending = draft["pending"]
    core = context.core
    kept = date.fromisoformat(pending["day"]) if pending.get("day") else None
    when = resolve_option(pending["text"], option, core.clock.now(), core.tz, context.lang, kept)
    if pending["for"] == "end":
        return end_answered(context, draft, when)
    return when_answered(context, draft, when)


async def after_when(update: Update, context: BotContext, draft: dict[str, Any], next_step: str) -> None:
    """After a start or end answer: say what was understood once both are known."""
    note = ""
    if next_step == "place":
        note = context.t(
            "nieuw.understood",
            when=when_text(context.core, context.lang, parse_dt(draft["start"]), parse_dt(draft["end"])),
        )
    await ask(update, context, next_step, note, draft)
