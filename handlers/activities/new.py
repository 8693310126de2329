"""/nieuw: a guided conversation to create an activity.

Every step has Back and Cancel; a typed command leaves the flow. Nothing is saved before Confirm.
The same conversation hosts the edit steps of ``handlers.activity_edit``.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)
from telegram.ext import filters as f
from telegram.warnings import PTBUserWarning

from bot.activities.errors import NoTasks, RoomTaken
from bot.activities.models import AUDIENCES, ROOMS, NewActivity, other_room
from bot.activities.recurrence import MAX_OCCURRENCES, Repeat, RepeatInvalid
from bot.activities.rules import check_times, clean_title, parse_task_line
from bot.commands import Command
from bot.errors import InvalidInput
from bot.i18n import clock_time
from bot.members.service import Role
from bot.timeparse.parse import parse_when
from handlers import groups
from handlers.activities import group_post
from handlers.activities.draft import (
    DRAFT,
    EDIT_PLACE_STEP,
    EDIT_PLACE_TEXT,
    EDIT_WHEN,
    NW,
    draft_of,
    ends_update,
    nav_row,
    parse_dt,
)
from handlers.activities.edit import (
    CANCEL_ACT,
    CANCEL_ACT_OK,
    EDIT_PLACE,
    EDIT_TIME,
    KEEP_ACT,
    ask_cancel,
    confirm_cancel,
    keep,
    on_edit_place_button,
    on_edit_place_text,
    on_edit_when,
    start_edit_place,
    start_edit_time,
)
from handlers.activities.views import place_text, when_text
from handlers.common import BotContext, done_pressing, replace, say

COMMANDS = [Command("nieuw", Role.NEWCOMER, "command.nieuw")]


STEPS = (
    "title",
    "when",
    "end",
    "place",
    "place_text",
    "audience",
    "key",
    "repeat",
    "repeat_count",
    "tasks",
    "summary",
)
DEFAULT_HOURS = 2
GROUP = groups.NEW_ACTIVITY


async def ask(update: Update, context: BotContext, step: str, note: str = "") -> str:
    """Show the question of ``step`` (with its buttons) and make it the current step."""
    draft = draft_of(context)
    if not draft["path"] or draft["path"][-1] != step:
        draft["path"].append(step)
    core, lang = context.core, context.lang
    rows: list[list[tuple[str, str]]] = []
    if step == "title":
        text = context.t("nieuw.ask_title")
    elif step == "when":
        text = context.t("nieuw.ask_when")
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
                (context.t("place.huiskamer6"), NW.encode("huiskamer6")),
                (context.t("place.huiskamer7"), NW.encode("huiskamer7")),
            ]
        )
        rows.append([(context.t("nieuw.place_other_button"), NW.encode("other"))])
    elif step == "place_text":
        text = context.t("nieuw.ask_place_text")
    elif step == "audience":
        text = context.t("nieuw.ask_audience")
        rows.append([(context.t(f"audience.{a}"), NW.encode(a)) for a in AUDIENCES])
    elif step == "key":
        default = draft["place"] in ROOMS
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
    else:
        text = _summary(context, draft)
        rows.append([(context.t("nieuw.confirm_button"), NW.encode("ok"))])
        rows.append([(context.t("nieuw.change_button"), NW.encode("change"))])
    rows.append(nav_row(context, back=step != "title"))
    if note:
        text = f"{note}\n\n{text}"
    if update.callback_query is not None:
        await replace(update, context, text, rows)
    else:
        await say(update, context, text, rows)
    return step


def _summary(context: BotContext, draft: dict[str, Any]) -> str:
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


async def start(update: Update, context: BotContext) -> str:
    assert context.user_data is not None and context.member is not None
    await context.core.activities.check_may_create(context.member)  # refuse before the first question
    context.user_data[DRAFT] = {"path": [], "tasks": [], "repeat": None, "count": None}
    return await ask(update, context, "title")


async def on_text(update: Update, context: BotContext) -> str:
    draft = draft_of(context)
    step = draft["path"][-1]
    text = (update.effective_message.text if update.effective_message else "") or ""
    core = context.core
    next_step = step
    if step == "title":
        draft["title"] = clean_title(text)
        next_step = "when"
    elif step == "when":
        when = parse_when(text, core.clock.now(), tz=core.tz, lang=context.lang)
        if not when.has_time:
            raise ApplicationHandlerStop(await ask(update, context, "when", context.t("nieuw.need_time")))
        draft["start"] = when.start.isoformat()
        if when.end is None:
            next_step = "end"
        else:
            check_times(when.start, when.end)
            draft["end"] = when.end.isoformat()
            next_step = "place"
    elif step == "end":
        start = parse_dt(draft["start"])
        # A bare clock time is read on the start's own day, so "19:00" after a 19:30 start is an error.
        day_start = core.local(start).replace(hour=0, minute=0)
        end = parse_when(text, day_start, tz=core.tz, lang=context.lang, allow_past=True).start
        check_times(start, end)
        if end - start > timedelta(hours=24):
            raise InvalidInput("too long")
        draft["end"] = end.isoformat()
        next_step = "place"
    elif step == "place_text":
        place = " ".join(text.split())
        if not place or len(place) > 100:
            raise InvalidInput("place")
        draft["place"] = place
        next_step = "audience"
    elif step == "repeat_count":
        draft["count"] = _count(text)
        next_step = "tasks"
    elif step == "tasks":
        if text.strip().lower() in ("klaar", "done", "ready"):
            if not draft["tasks"]:
                raise NoTasks()
            next_step = "summary"
        else:
            draft["tasks"].append(list(parse_task_line(text)))
            next_step = "tasks"
    else:
        raise ApplicationHandlerStop(await ask(update, context, step, context.t("nieuw.use_buttons")))
    note = ""
    if step in ("when", "end") and next_step == "place":
        note = context.t(
            "nieuw.understood",
            when=when_text(core, context.lang, parse_dt(draft["start"]), parse_dt(draft["end"])),
        )
    raise ApplicationHandlerStop(await ask(update, context, next_step, note))


def _count(text: str) -> int:
    stripped = text.strip()
    if not stripped.isdigit() or not 2 <= int(stripped) <= MAX_OCCURRENCES:
        raise RepeatInvalid(max=MAX_OCCURRENCES)
    return int(stripped)


async def on_button(update: Update, context: BotContext) -> str | int:
    (choice,) = context.callback_args
    await done_pressing(update)
    draft = draft_of(context)
    step = draft["path"][-1]
    if choice == "cancel":
        context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
        await replace(update, context, context.t("nieuw.cancelled"))
        return ConversationHandler.END
    if choice == "back":
        if len(draft["path"]) > 1:
            draft["path"].pop()
        return await ask(update, context, draft["path"].pop())
    if step == "end" and choice == "2h":
        draft["end"] = (parse_dt(draft["start"]) + timedelta(hours=DEFAULT_HOURS)).isoformat()
        note = context.t(
            "nieuw.understood",
            when=when_text(context.core, context.lang, parse_dt(draft["start"]), parse_dt(draft["end"])),
        )
        return await ask(update, context, "place", note)
    if step == "place" and choice in (*ROOMS, "other", "override"):
        return await _choose_place(update, context, draft, str(choice))
    if step == "place" and choice == "other_time":
        draft["path"] = [s for s in draft["path"] if s not in ("end", "place")]
        draft["path"].pop()
        return await ask(update, context, "when")
    if step == "audience" and choice in AUDIENCES:
        draft["audience"] = choice
        return await ask(update, context, "key")
    if step == "key" and choice in ("key_yes", "key_no"):
        draft["needs_key"] = choice == "key_yes"
        return await ask(update, context, "repeat")
    if step == "repeat" and choice in ("once", "weekly", "biweekly", "monthly_nth"):
        draft["repeat"] = None if choice == "once" else choice
        return await ask(update, context, "tasks" if choice == "once" else "repeat_count")
    if step == "tasks" and choice == "done":
        return await ask(update, context, "summary")
    if step == "summary" and choice == "change":
        draft["path"] = []
        draft["tasks"] = []
        return await ask(update, context, "title", context.t("nieuw.start_over"))
    if step == "summary" and choice == "ok":
        return await _save(update, context, draft)
    return step


async def _choose_place(update: Update, context: BotContext, draft: dict[str, Any], choice: str) -> str:
    if choice == "other":
        return await ask(update, context, "place_text")
    core = context.core
    start, end = parse_dt(draft["start"]), parse_dt(draft["end"])
    room = draft.get("wanted_room") if choice == "override" else choice
    if choice == "override":
        if context.role < Role.COORDINATOR:
            return "place"
        draft["override"] = True
    else:
        draft["override"] = False
        other = await core.activities.room_conflict(room, start, end)
        if other is not None:
            draft["wanted_room"] = room
            rows: list[list[tuple[str, str]]] = []
            alternative = other_room(room)
            if await core.activities.room_conflict(alternative, start, end) is None:
                rows.append(
                    [
                        (
                            context.t("nieuw.take_room_button", place=context.t(f"place.{alternative}")),
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
            await replace(update, context, text, rows)
            return "place"
    draft["place"] = room
    return await ask(update, context, "audience")


async def _save(update: Update, context: BotContext, draft: dict[str, Any]) -> str | int:
    assert context.member is not None
    core = context.core
    new = NewActivity(
        title=draft["title"],
        starts_at=parse_dt(draft["start"]),
        ends_at=parse_dt(draft["end"]),
        place=draft["place"],
        audience=draft["audience"],
        needs_key=draft["needs_key"],
        tasks=tuple((t, p) for t, p in draft["tasks"]),
    )
    repeat = Repeat(draft["repeat"], count=draft["count"]) if draft.get("repeat") else None
    try:
        ids = await core.activities.create(
            context.member, new, repeat=repeat, override_room=bool(draft.get("override"))
        )
    except RoomTaken as exc:
        await say(update, context, context.t(exc.text_key, **exc.params))
        return "summary"
    context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
    key = "nieuw.saved" if len(ids) == 1 else "nieuw.saved_series"
    await replace(update, context, context.t(key, title=new.title, count=len(ids)))
    for activity_id in ids[:1]:
        await group_post.post_new(context.application, activity_id)
    return ConversationHandler.END


async def leave(update: Update, context: BotContext) -> int:
    """A typed command ends the conversation; the command itself is then handled as usual."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    return ConversationHandler.END


def register(app: Application) -> None:  # type: ignore[type-arg]

    text = f.TEXT & ~f.COMMAND
    nw = CallbackQueryHandler(ends_update(on_button), pattern=f"^{NW.name}:")
    states: dict[object, list[Any]] = {
        step: [MessageHandler(text, ends_update(on_text)), nw] for step in STEPS
    }
    states[EDIT_WHEN] = [MessageHandler(text, ends_update(on_edit_when)), nw]
    states[EDIT_PLACE_STEP] = [
        CallbackQueryHandler(ends_update(on_edit_place_button), pattern=f"^{NW.name}:")
    ]
    states[EDIT_PLACE_TEXT] = [
        MessageHandler(text, ends_update(on_edit_place_text)),
        CallbackQueryHandler(ends_update(on_edit_place_button), pattern=f"^{NW.name}:"),
    ]
    with warnings.catch_warnings():
        # Deliberate: one conversation per user and chat, whichever message the buttons are on.
        warnings.filterwarnings("ignore", category=PTBUserWarning)
        conversation = _conversation(states)
    app.add_handler(conversation, group=GROUP)
    app.add_handler(CallbackQueryHandler(ask_cancel, pattern=f"^{CANCEL_ACT.name}:"))
    app.add_handler(CallbackQueryHandler(confirm_cancel, pattern=f"^{CANCEL_ACT_OK.name}:"))
    app.add_handler(CallbackQueryHandler(keep, pattern=f"^{KEEP_ACT.name}:"))


def _conversation(states: dict[object, list[Any]]) -> ConversationHandler:  # type: ignore[type-arg]
    from telegram.ext import CommandHandler

    return ConversationHandler(
        entry_points=[
            CommandHandler("nieuw", ends_update(start)),
            CallbackQueryHandler(ends_update(start_edit_time), pattern=f"^{EDIT_TIME.name}:"),
            CallbackQueryHandler(ends_update(start_edit_place), pattern=f"^{EDIT_PLACE.name}:"),
        ],
        states=states,
        fallbacks=[MessageHandler(f.COMMAND, leave)],
        per_user=True,
        per_chat=True,
        allow_reentry=True,
    )
