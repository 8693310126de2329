"""/nieuw: a guided conversation to create an activity.

Every step has Back and Cancel; nothing is saved before Confirm. The draft is the member's conversation
(``handlers.activities.draft``): it survives a restart, a typed command pauses it ("/nieuw om verder te
gaan"), and "Aanpassen" changes one field. The same flow hosts the edit steps of ``edit``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.activities.errors import NoTasks, RoomTaken
from bot.activities.models import AUDIENCES, NewActivity
from bot.activities.recurrence import MAX_OCCURRENCES, MIN_OCCURRENCES, Repeat, RepeatInvalid
from bot.activities.rules import check_times, clean_place, clean_title, parse_task_line
from bot.activities.when_answer import pick_option, resolve_option, understand_when
from bot.commands import Command
from bot.conversation import Conversation
from bot.i18n import clock_time, day_label
from bot.members.service import Role
from bot.rooms import BOTH_ROOMS, ROOM_IDS, is_room, other_room
from bot.text_errors import TimeAmbiguous
from bot.timeparse.parse import When, parse_when
from bot.words import dutch_word, yes_or_no
from handlers.activities import change, group_post
from handlers.activities.draft import (
    EDIT_PLACE_TEXT,
    EDIT_STEPS,
    EDIT_WHEN,
    EDIT_WHEN_PICK,
    FLOW,
    NW,
    draft_of,
    nav_row,
    options_of,
    parse_dt,
    period_row,
    save_draft,
)
from handlers.activities.edit import (
    CANCEL_ACT_OK,
    EDIT_PLACE,
    EDIT_TIME,
    KEEP_ACT,
    confirm_cancel,
    keep,
    on_edit_place_button,
    on_edit_place_text,
    on_edit_when,
    start_edit_place,
    start_edit_time,
)
from handlers.activities.views import place_text, when_text
from handlers.common import BotContext, done_pressing, me, replace, say
from handlers.conversation import Flow, end_step, step_of

COMMANDS = [Command("nieuw", Role.NEWCOMER, "command.nieuw")]

DEFAULT_HOURS = 2
#: The fields "Aanpassen" offers, and the steps that belong to each (answered before going back).
CHANGEABLE = ("title", "when", "place", "audience", "key", "repeat", "tasks")
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
        text = (
            context.t("nieuw.ask_time_for_day", day=day_label(date.fromisoformat(kept), lang))
            if kept
            else context.t("nieuw.ask_when")
        )
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
        rows.append([(context.t("nieuw.both_rooms_button"), NW.encode(BOTH_ROOMS))])
        rows.append([(context.t("nieuw.place_other_button"), NW.encode("other"))])
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
        text = _summary(context, draft)
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


def _fresh() -> dict[str, Any]:
    return {"path": [], "tasks": [], "repeat": None, "count": None}


async def start(update: Update, context: BotContext) -> None:
    """/nieuw: a draft left earlier (paused, or after a restart) resumes at its step; else a new one."""
    conversation = step_of(context, FLOW)
    if conversation is not None and conversation.step not in EDIT_STEPS and conversation.draft.get("title"):
        await ask(update, context, conversation.step, context.t("nieuw.resumed"), draft_of(context))
        return
    await context.core.activities.check_may_create(me(context))  # refuse before the first question
    await ask(update, context, "title", draft=_fresh())


def _when_answered(context: BotContext, draft: dict[str, Any], when: When) -> str:
    """Store an understood start (and end); the next step."""
    if not when.has_time:
        draft["day"] = when.start.date().isoformat()  # kept: the time may follow in the next message
        return "when"
    draft.pop("day", None)
    draft.pop("pending", None)
    draft["start"] = when.start.isoformat()
    if when.end is None:
        return "end"
    check_times(when.start, when.end)
    draft["end"] = when.end.isoformat()
    return "place"


def _end_answered(context: BotContext, draft: dict[str, Any], end: When) -> str:
    start = parse_dt(draft["start"])
    check_times(start, end.start)  # also at most a day (a core rule)
    draft.pop("pending", None)
    draft["end"] = end.start.isoformat()
    return "place"


def _read_when(context: BotContext, draft: dict[str, Any], text: str, step: str) -> When:
    """A typed start (``when``) or end (``end``); an ambiguous time is kept to be asked about."""
    core = context.core
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


def _picked(context: BotContext, draft: dict[str, Any], option: str) -> str:
    """One of the offered readings chosen: apply it to the step that asked."""
    pending = draft["pending"]
    core = context.core
    kept = date.fromisoformat(pending["day"]) if pending.get("day") else None
    when = resolve_option(pending["text"], option, core.clock.now(), core.tz, context.lang, kept)
    if pending["for"] == "end":
        return _end_answered(context, draft, when)
    return _when_answered(context, draft, when)


async def on_text(update: Update, context: BotContext, conversation: Conversation) -> None:
    """A typed answer to the member's /nieuw or edit step."""
    if conversation.step in (EDIT_WHEN, EDIT_WHEN_PICK):
        await on_edit_when(update, context)
        return
    if conversation.step == EDIT_PLACE_TEXT:
        await on_edit_place_text(update, context)
        return
    draft = draft_of(context)
    step = conversation.step
    text = (update.effective_message.text if update.effective_message else "") or ""
    if step == "when_pick":
        option = pick_option(text, draft["pending"]["options"])
        if option is not None:
            await _after_when(update, context, draft, _picked(context, draft, option))
            return
        step = draft["pending"]["for"]  # neither reading: a new answer to the question that asked
    if step in ("when", "end"):
        try:
            when = _read_when(context, draft, text, step)
        except TimeAmbiguous:
            await ask(update, context, "when_pick", draft=draft)
            return
        answered = _when_answered if step == "when" else _end_answered
        await _after_when(update, context, draft, answered(context, draft, when))
        return
    if step == "title":
        draft["title"] = clean_title(text)
        next_step = "when"
    elif step == "place_text":
        draft["place"] = clean_place(text)
        next_step = "audience"
    elif step == "repeat_count":
        draft["count"] = _count(text)
        next_step = "tasks"
    elif step == "tasks":
        if dutch_word(text.strip()) in ("klaar", "done", "ready"):  # also "tamam", "gotowe", "готово", "تم"
            if not draft["tasks"]:
                raise NoTasks()
            next_step = "summary"
        else:
            draft["tasks"].append(list(parse_task_line(text)))
            next_step = "tasks"
    elif step == "key" and (needs_key := yes_or_no(text)) is not None:  # a typed "ja", "evet", "так"
        draft["needs_key"] = needs_key
        next_step = "repeat"
    else:
        await ask(update, context, step, context.t("nieuw.use_buttons"), draft)
        return
    await ask(update, context, next_step, draft=draft)


async def _after_when(update: Update, context: BotContext, draft: dict[str, Any], next_step: str) -> None:
    """After a start or end answer: say what was understood once both are known."""
    note = ""
    if next_step == "place":
        note = context.t(
            "nieuw.understood",
            when=when_text(context.core, context.lang, parse_dt(draft["start"]), parse_dt(draft["end"])),
        )
    await ask(update, context, next_step, note, draft)


def _count(text: str) -> int:
    stripped = text.strip()
    if not stripped.isdigit() or not MIN_OCCURRENCES <= int(stripped) <= MAX_OCCURRENCES:
        raise RepeatInvalid(max=MAX_OCCURRENCES)
    return int(stripped)


async def on_button(update: Update, context: BotContext) -> None:
    (choice,) = context.callback_args
    draft = draft_of(context)
    step = draft["path"][-1]
    if step in EDIT_STEPS:
        await on_edit_place_button(update, context)
        return
    await done_pressing(update)
    if choice == "cancel":
        await end_step(context, FLOW)
        await replace(update, context, context.t("nieuw.cancelled"))
        return
    if choice == "back":
        if len(draft["path"]) > 1:
            draft["path"].pop()
        await ask(update, context, draft["path"].pop(), draft=draft)
        return
    if choice == "restart":
        await ask(update, context, "title", draft=_fresh())
        return
    if (
        step == "when_pick"
        and str(choice)[1:].isdigit()
        and int(str(choice)[1:]) < len(draft["pending"]["options"])
    ):
        option = draft["pending"]["options"][int(str(choice)[1:])]
        await _after_when(update, context, draft, _picked(context, draft, option))
        return
    if step == "end" and choice == "2h":
        draft["end"] = (parse_dt(draft["start"]) + timedelta(hours=DEFAULT_HOURS)).isoformat()
        await _after_when(update, context, draft, "place")
        return
    if step == "place" and choice in (*ROOM_IDS, BOTH_ROOMS, "other", "override"):
        await _choose_place(update, context, draft, str(choice))
        return
    if step == "place" and choice == "other_time":
        draft["path"] = [s for s in draft["path"] if s not in ("end", "place")]
        draft["path"].pop()
        await ask(update, context, "when", draft=draft)
        return
    next_step = None
    if step == "audience" and choice in AUDIENCES:
        draft["audience"] = choice
        next_step = "key"
    elif step == "key" and choice in ("key_yes", "key_no"):
        draft["needs_key"] = choice == "key_yes"
        next_step = "repeat"
    elif step == "repeat" and choice in ("once", "weekly", "biweekly", "monthly_nth"):
        draft["repeat"] = None if choice == "once" else choice
        next_step = "tasks" if choice == "once" else "repeat_count"
    elif step == "tasks" and choice == "done":
        next_step = "summary"
    elif step == "summary" and choice == "change":
        next_step = "change"
    elif step == "change" and str(choice).startswith("c_") and str(choice)[2:] in CHANGEABLE:
        next_step = draft["changing"] = str(choice)[2:]
        if next_step == "tasks":
            draft["tasks"] = []  # typed again, one per line; "Klaar" goes back to the summary
        if next_step == "when":
            draft.pop("day", None)
    elif step == "summary" and choice == "ok":
        await _save(update, context, draft)
        return
    if next_step is not None:
        await ask(update, context, next_step, draft=draft)


async def _choose_place(update: Update, context: BotContext, draft: dict[str, Any], choice: str) -> None:
    if choice == "other":
        await ask(update, context, "place_text", draft=draft)
        return
    core = context.core
    start, end = parse_dt(draft["start"]), parse_dt(draft["end"])
    room = draft.get("wanted_room") if choice == "override" else choice
    if choice == "override":
        if context.role < Role.COORDINATOR:
            return
        draft["override"] = True
    else:
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


async def _save(update: Update, context: BotContext, draft: dict[str, Any]) -> None:
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
        return
    await end_step(context, FLOW)
    key = "nieuw.saved" if len(ids) == 1 else "nieuw.saved_series"
    await replace(update, context, context.t(key, title=new.title, count=len(ids)))
    for activity_id in ids[:1]:
        await group_post.post_new(context.application, activity_id)


def _left(context: BotContext, conversation: Conversation) -> str | None:
    """Leaving /nieuw with a title typed says so; an edit step or an empty draft just ends."""
    title = conversation.draft.get("title")
    if conversation.step in EDIT_STEPS or not title:
        return None
    return context.t("nieuw.left", title=title)


FLOWS = [Flow(FLOW, "nieuw", (NW.name,), on_text=on_text, left=_left), *change.FLOWS]


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("nieuw", start))
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{NW.name}:"))
    app.add_handler(CallbackQueryHandler(start_edit_time, pattern=f"^{EDIT_TIME.name}:"))
    app.add_handler(CallbackQueryHandler(start_edit_place, pattern=f"^{EDIT_PLACE.name}:"))
    change.register(app)  # the "Afzeggen" button asks why first
    app.add_handler(CallbackQueryHandler(confirm_cancel, pattern=f"^{CANCEL_ACT_OK.name}:"))
    app.add_handler(CallbackQueryHandler(keep, pattern=f"^{KEEP_ACT.name}:"))
