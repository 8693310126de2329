"""/nieuw: a guided conversation to create an activity.

Every step has Back and Cancel; nothing is saved before Confirm. The draft is the member's conversation
(``handlers.activities.draft``): it survives a restart, a typed command pauses it ("/nieuw om verder te
gaan"), and "Aanpassen" changes one field. The same flow hosts the edit steps of ``edit``.

Here the entry, the routing of typed answers and buttons, and saving; the questions are in
``new_questions``, reading typed times in ``new_times``, choosing a huiskamer in ``new_rooms``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.activities.errors import NoTasks, RoomTaken
from bot.activities.models import AUDIENCES, NewActivity
from bot.activities.recurrence import MAX_OCCURRENCES, MIN_OCCURRENCES, Repeat, RepeatInvalid
from bot.activities.rules import clean_place, clean_title, parse_task_line
from bot.activities.when_answer import pick_option
from bot.commands import Command
from bot.conversation import Conversation
from bot.members.service import Role
from bot.rooms import BOTH_ROOMS, ROOM_IDS
from bot.text_errors import TimeAmbiguous
from bot.words import dutch_word, yes_or_no
from handlers.activities import change, group_post
from handlers.activities.draft import (
    EDIT_PLACE_TEXT,
    EDIT_STEPS,
    EDIT_WHEN,
    EDIT_WHEN_PICK,
    FLOW,
    NW,
    OldQuestion,
    draft_of,
    parse_dt,
)
from handlers.activities.edit import (
    CANCEL_ACT,
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
from handlers.activities.new_questions import CHANGEABLE, DEFAULT_HOURS, ask, fresh_draft
from handlers.activities.new_rooms import choose_place
from handlers.activities.new_times import after_when, end_answered, picked, read_when, when_answered
from handlers.common import AnyApp, BotContext, done_pressing, me, replace, say
from handlers.conversation import Flow, end_step, step_of

COMMANDS = [Command("nieuw", Role.NEWCOMER, "command.nieuw")]


async def start(update: Update, context: BotContext) -> None:
    """/nieuw: a draft left earlier (paused, or after a restart) resumes at its step; else a new one."""
    conversation = step_of(context, FLOW)
    if conversation is not None and conversation.step not in EDIT_STEPS and conversation.draft.get("title"):
        await ask(update, context, conversation.step, context.t("nieuw.resumed"), draft_of(context))
        return
    await context.core.activities.check_may_create(me(context))  # refuse before the first question
    await ask(update, context, "title", draft=fresh_draft())


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
            await after_when(update, context, draft, picked(context, draft, option))
            return
        step = draft["pending"]["for"]  # neither reading: a new answer to the question that asked
    if step in ("when", "end"):
        try:
            when = read_when(context, draft, text, step)
        except TimeAmbiguous:
            await ask(update, context, "when_pick", draft=draft)
            return
        answered = when_answered if step == "when" else end_answered
        await after_when(update, context, draft, answered(context, draft, when))
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
        await ask(update, context, "title", draft=fresh_draft())
        return
    if (
        step == "when_pick"
        and str(choice)[1:].isdigit()
        and int(str(choice)[1:]) < len(draft["pending"]["options"])
    ):
        option = draft["pending"]["options"][int(str(choice)[1:])]
        await after_when(update, context, draft, picked(context, draft, option))
        return
    if step == "end" and choice == "2h":
        draft["end"] = (parse_dt(draft["start"]) + timedelta(hours=DEFAULT_HOURS)).isoformat()
        await after_when(update, context, draft, "place")
        return
    if step == "place" and choice in (*ROOM_IDS, BOTH_ROOMS, "other", "override"):
        await choose_place(update, context, draft, str(choice))
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
    if next_step is None:  # a button of an earlier question, or forged: answered, nothing changed
        raise OldQuestion()
    await ask(update, context, next_step, draft=draft)


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


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("nieuw", start))
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{NW.name}:"))
    app.add_handler(CallbackQueryHandler(start_edit_time, pattern=f"^{EDIT_TIME.name}:"))
    app.add_handler(CallbackQueryHandler(start_edit_place, pattern=f"^{EDIT_PLACE.name}:"))
    # "Afzeggen" asks why first (handlers.activities.change)
    app.add_handler(CallbackQueryHandler(change.start_cancel, pattern=f"^{CANCEL_ACT.name}:"))
    change.register(app)
    app.add_handler(CallbackQueryHandler(confirm_cancel, pattern=f"^{CANCEL_ACT_OK.name}:"))
    app.add_handler(CallbackQueryHandler(keep, pattern=f"^{KEEP_ACT.name}:"))
