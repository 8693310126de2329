"""The questions of /nieuw: each step's text and buttons, and the summary before saving.

``ask`` stores the step first (the member's conversation), so a restart asks the same question again.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import Update

from bot.activities.models import AUDIENCES
from bot.activities.recurrence import MAX_OCCURRENCES
from bot.i18n import clock_time, day_label
from bot.rooms import BOTH_ROOMS, is_room
from bot.timeparse.rules import AM, EVENING, NIGHT, PM
from handlers.activities.draft import (
    NW,
    draft_of,
    nav_row,
    parse_dt,
    period_row,
    save_draft,
)
from handlers.activities.views import place_text, when_text
from handlers.common import BotContext, replace, say

DEFAULT_HOURS = 2
#: The fields "Aanpassen" offers, and the steps that belong to each (answered before going back).
CHANGEABLE = ("title", "when", "place", "audience", "key", "repeat", "tasks")
# A period kept from an answer without a clock time: its name and an example time for the question.
PERIOD_KEYS = {AM: ("nieuw.morning", "10:00"), PM: ("nieuw.afternoon", "14:00"),
               EVENING: ("nieuw.evening", "19:30"), NIGHT: ("nieuw.night", "23:00")}  # fmt: skip
SUB_STEPS = {"when": ("when_pick", "end"), "place": ("place_text",), "repeat": ("repeat_count",)}


async def ask(
    update: Update, context: BotContext, step: str, note: str = "", draft: dict[str, Any] | None = None
) -> str:
    """Make ``step`` the current step (stored), then show its question with its buttons."""
    draft = draft if draft is not None else draft_of(context)
    if draft.get("changing") and step not in (draft["changing"], *SUB_STEPS.get(draft["changing"], ())):
        draft.pop("changing")  # the changed field is answered: back to the summary
        step = "summary"
    if not draft["path"] or draft["path"][-1] != step:
        draft["path"].append(step)
    await save_draft(context, draft)
    core, lang = context.core, context.lang
    rows: list[list[tuple[str, str]]] = []
    if step == "title":
        text = context.t("nieuw.ask_title")
    elif step == "when":
        kept = draft.get("day")
        period = PERIOD_KEYS.get(draft.get("period") or "")
        if kept and period:
            day = day_label(date.fromisoformat(kept), lang)
            text = context.t("nieuw.ask_time_for_day_period", day=day, period=context.t(period[0]),
                             example=period[1])  # fmt: skip
        elif kept:
            text = context.t("nieuw.ask_time_for_day", day=day_label(date.fromisoformat(kept), lang))
        else:
            text = context.t("nieuw.ask_when")
    elif step == "when_pick":
        text = context.t("nieuw.ask_period")
        rows.append(period_row(context, draft["pending"]["options"]))
    elif step == "end":
        start = parse_dt(draft["start"])
        default_end = start + timedelta(hours=DEFAULT_HOURS)
        text = context.t(
            "nieuw.ask_end",
            when=when_text(core, lang, start, default_end).split(",")[0]
            + ", "
            + clock_time(core.local(start), lang),
        )
        rows.append(
            [
                (
                    context.t("nieuw.default_end_button", time=clock_time(core.local(default_end), lang)),
                    NW.encode("2h"),
                )
            ]
        )
    elif step == "place":
        text = context.t("nieuw.ask_place")
        rows.append(
            [
                (context.core.rooms.name("huiskamer6", context.lang), NW.encode("huiskamer6")),
                (context.core.rooms.name("huiskamer7", context.lang), NW.encode("huiskamer7")),
            ]
        )
        rows.append([(context.t("nieuw.place_other_button"), NW.encode("other"))])
        # after "Andere plek", so the numbered buttons of the demo story and WhatsApp menus keep their place
        rows.append([(context.t("nieuw.both_rooms_button"), NW.encode(BOTH_ROOMS))])
    elif step == "place_text":
        text = context.t("nieuw.ask_place_text")
    elif step == "audience":
        text = context.t("nieuw.ask_audience")
        rows.append([(context.t(f"audience.{a}"), NW.encode(a)) for a in AUDIENCES])
    elif step == "key":
        default = is_room(draft["place"])
        text = context.t("nieuw.ask_key")
        yes, no = context.t("button.yes"), context.t("nieuw.no_button")
        rows.append(
            [
                (f"{yes} ✓" if default else yes, NW.encode("key_yes")),
                (no if default else f"{no} ✓", NW.encode("key_no")),
            ]
        )
    elif step == "repeat":
        text = context.t("nieuw.ask_repeat")
        rows.append([(context.t("nieuw.repeat_once"), NW.encode("once"))])
        rows.append(
            [
                (context.t("nieuw.repeat_weekly"), NW.encode("weekly")),
                (context.t("nieuw.repeat_biweekly"), NW.encode("biweekly")),
            ]
        )
        rows.append([(context.t("nieuw.repeat_monthly"), NW.encode("monthly_nth"))])
    elif step == "repeat_count":
        text = context.t("nieuw.ask_repeat_count", max=MAX_OCCURRENCES)
    elif step == "tasks":
        tasks = draft["tasks"]
        listed = "\n".join(context.t("nieuw.task_item", task=t, places=p) for t, p in tasks)
        text = context.t("nieuw.ask_tasks") if not tasks else context.t("nieuw.ask_more_tasks", tasks=listed)
        if tasks:
            rows.append([(context.t("nieuw.tasks_done_button"), NW.encode("done"))])
    elif step == "change":
        text = context.t("nieuw.change_what")
        buttons = [(context.t(f"nieuw.field_{name}"), NW.encode(f"c_{name}")) for name in CHANGEABLE]
        rows.extend(buttons[i : i + 2] for i in range(0, len(buttons), 2))
    else:
        text = summary_text(context, draft)
        rows.append([(context.t("nieuw.confirm_button"), NW.encode("ok"))])
        rows.append([(context.t("nieuw.change_button"), NW.encode("change"))])
    if note == context.t("nieuw.resumed"):
        rows.append([(context.t("nieuw.restart_button"), NW.encode("restart"))])
    rows.append(nav_row(context, back=step != "title"))
    if note:
        text = f"{note}\n\n{text}"
    if update.callback_query is not None:
        await replace(update, context, text, rows)
    else:
        await say(update, context, text, rows)
    return step


def summary_text(context: BotContext, draft: dict[str, Any]) -> str:
    core, lang = context.core, context.lang
    tasks = "\n".join(context.t("nieuw.task_item", task=t, places=p) for t, p in draft["tasks"])
    repeat = context.t(f"nieuw.repeat_{draft.get('repeat') or 'once'}".replace("monthly_nth", "monthly"))
    if draft.get("repeat"):
        repeat += f" ({context.tn('nieuw.repeat_times', draft['count'])})"
    return context.t(
        "nieuw.summary",
        title=draft["title"],
        when=when_text(core, lang, parse_dt(draft["start"]), parse_dt(draft["end"])),
        place=place_text(core, lang, draft["place"]),
        audience=context.t(f"audience.{draft['audience']}"),
        key=context.t("button.yes") if draft["needs_key"] else context.t("nieuw.no_button"),
        repeat=repeat,
        tasks=tasks,
    )


def fresh_draft() -> dict[str, Any]:
    return {"path": [], "tasks": [], "repeat": None, "count": None}
