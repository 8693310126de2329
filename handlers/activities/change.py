"""Changing an activity's name, description and tasks, with a preview before the people on it are told;
and cancelling it with a reason. For its organiser and coordinators.

Every step is the member's conversation (flow ``bewerk``): the changes wait in the draft until the
organiser presses "Versturen" or "Niet sturen" on the preview, so a restart keeps them. Each typed change
is checked by the core at once (``preview_changes``), so a refused one is asked again at its own step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.activities.changes import CANCEL_REASONS, PRESET, ActivityChanges, ChangePreview, clean_reason
from bot.activities.errors import NotOrganiser
from bot.activities.notices import reason_text
from bot.activities.rules import parse_task_line
from bot.conversation import Conversation
from bot.errors import InvalidInput
from handlers.activities.draft import ACT_EDIT, ED
from handlers.activities.views import when_text
from handlers.common import AnyApp, BotContext, Rows, done_pressing, me, replace, say
from handlers.conversation import Flow, end_step, put_step, step_of

FLOW = "bewerk"


class EditGone(InvalidInput):
    text_key = "edit.gone"


def _draft(context: BotContext) -> dict[str, Any]:
    conversation = step_of(context, FLOW)
    if conversation is None:
        raise EditGone()
    return dict(conversation.draft)


def changes_of(draft: dict[str, Any]) -> ActivityChanges:
    """The draft's changes (JSON: lists, string keys, ISO times) as the core's value."""
    c = draft.get("changes", {})
    return ActivityChanges(
        starts_at=datetime.fromisoformat(c["starts_at"]) if c.get("starts_at") else None,
        ends_at=datetime.fromisoformat(c["ends_at"]) if c.get("ends_at") else None,
        place=c.get("place"),
        title=c.get("title"),
        description=c.get("description"),
        new_tasks=tuple((t, int(p)) for t, p in c.get("new_tasks", [])),
        removed_tasks=tuple(int(i) for i in c.get("removed", [])),
        places=tuple((int(i), int(p)) for i, p in c.get("places", {}).items()),
    )


async def _go(update: Update, context: BotContext, step: str, draft: dict[str, Any]) -> None:
    """Store ``step`` with the draft and show its question."""
    await put_step(context, FLOW, step, **{**draft, "path": [step]})
    text, rows = await _question(context, step, draft)
    if update.callback_query is not None:
        await replace(update, context, text, rows)
    else:
        await say(update, context, text, rows)


async def _question(context: BotContext, step: str, draft: dict[str, Any]) -> tuple[str, Rows]:
    core = context.core
    detail = await core.activities.detail(draft["activity"])
    changes = changes_of(draft)
    title = changes.title or detail.activity.title
    stop = [(context.t("nieuw.cancel_button"), ED.encode("stop"))]
    back = [(context.t("nieuw.back_button"), ED.encode("menu"))]
    if step == "title":
        return context.t("edit.ask_title", title=title), [back]
    if step == "description":
        rows = [[(context.t("edit.no_description_button"), ED.encode("nodesc"))], back]
        return context.t("edit.ask_description", title=title), rows
    if step == "tasks":
        lines = [context.t("edit.tasks_intro", title=title)]
        rows = []
        for task in detail.tasks:
            if task.id in changes.removed_tasks:
                continue
            places = dict(changes.places).get(task.id, task.places)
            label = context.t("edit.task_button", task=task.title, taken=task.taken, places=places)
            rows.append([(label, ED.encode(f"t{task.id}"))])
        for task_title, places in changes.new_tasks:
            lines.append(context.t("edit.task_new_line", task=task_title, places=places))
        rows.append([(context.t("edit.add_task_button"), ED.encode("add"))])
        rows.append(back)
        return "\n".join(lines), rows
    if step == "task":
        task = next(t for t in detail.tasks if t.id == draft["task"])
        places = dict(changes.places).get(task.id, task.places)
        rows = [[(context.t("edit.places_button"), ED.encode(f"p{task.id}"))]]
        if task.taken == 0:
            rows.append([(context.t("edit.remove_task_button"), ED.encode(f"x{task.id}"))])
        rows.append([(context.t("nieuw.back_button"), ED.encode("tasks"))])
        return context.t("edit.task_detail", task=task.title, taken=task.taken, places=places), rows
    if step == "task_places":
        task = next(t for t in detail.tasks if t.id == draft["task"])
        text = context.t("edit.ask_places", task=task.title, taken=task.taken)
        return text, [[(context.t("nieuw.back_button"), ED.encode("tasks"))]]
    if step == "task_add":
        return context.t("edit.ask_task"), [[(context.t("nieuw.back_button"), ED.encode("tasks"))]]
    if step == "preview":
        return _preview_text(
            context, await core.activities.edits.preview_changes(me(context), detail.activity.id, changes)
        )
    if step == "cancel_reason":
        rows = [[(context.t(f"cancel_reason.{name}"), ED.encode(f"r_{name}"))] for name in CANCEL_REASONS]
        rows.append([(context.t("edit.no_reason_button"), ED.encode("r_"))])
        rows.append([(context.t("activity.cancel_no"), ED.encode("keep"))])
        return context.t("edit.ask_reason", title=title), rows
    if step == "cancel_confirm":
        a = detail.activity
        when = when_text(core, context.lang, a.starts_at, a.ends_at)
        text = context.t("activity.cancel_confirm", title=a.title, when=when)
        if draft.get("reason"):
            text += "\n" + context.t("edit.reason_line", reason=reason_text(context.t, draft["reason"]))
        rows = [
            [
                (context.t("activity.cancel_yes"), ED.encode("cancel_ok")),
                (context.t("activity.cancel_no"), ED.encode("keep")),
            ]
        ]
        return text, rows
    # the menu
    text = context.t("edit.menu", title=title)
    if not changes.is_empty:
        text += "\n\n" + context.t("edit.menu_pending")
    rows = [
        [
            (context.t("edit.title_button"), ED.encode("title")),
            (context.t("edit.description_button"), ED.encode("description")),
        ],
        [(context.t("edit.tasks_button"), ED.encode("tasks"))],
    ]
    if not changes.is_empty:
        rows.append([(context.t("edit.preview_button"), ED.encode("preview"))])
    rows.append(stop)
    return text, rows


def _preview_text(context: BotContext, preview: ChangePreview) -> tuple[str, Rows]:
    adjust = (context.t("edit.adjust_button"), ED.encode("menu"))
    message = context.core.notices.text_for(context.lang, preview.notice).text
    if not preview.member_ids:  # what changes, and that nobody is told
        rows = [[(context.t("edit.save_button"), ED.encode("quiet")), adjust]]
        return f"{message}\n\n{context.t('edit.preview_nobody')}", rows
    names = ", ".join(name or context.t("activity.former_member") for name in preview.names)
    to = context.tn("edit.preview_to", len(preview.member_ids), names=names)
    rows = [
        [
            (context.t("edit.send_button"), ED.encode("send")),
            (context.t("edit.dont_send_button"), ED.encode("quiet")),
        ],
        [adjust],
    ]
    return f"{context.t('edit.preview_intro')}\n\n{message}\n\n{to}", rows


async def start(update: Update, context: BotContext) -> None:
    """The "Aanpassen" button on an activity: the menu of what can change."""
    (activity_id,) = context.callback_args
    activity = await context.core.activities.get(int(activity_id))
    if not context.core.activities.edits.can_edit(me(context), activity):
        raise NotOrganiser()
    await done_pressing(update)
    await _go(update, context, "menu", {"activity": activity.id, "changes": {}})


async def start_cancel(update: Update, context: BotContext) -> None:
    """The "Afzeggen" button: first why (optional), then are you sure."""
    (activity_id,) = context.callback_args
    activity = await context.core.activities.get(int(activity_id))
    if not context.core.activities.edits.can_edit(me(context), activity):
        raise NotOrganiser()
    await done_pressing(update)
    await _go(update, context, "cancel_reason", {"activity": activity.id, "changes": {}})


async def _checked(context: BotContext, draft: dict[str, Any], **change: Any) -> dict[str, Any]:
    """The draft with one more change, checked by the core first (a refused change raises)."""
    changes = {**draft.get("changes", {}), **change}
    candidate = {**draft, "changes": changes}
    await context.core.activities.edits.preview_changes(me(context), draft["activity"], changes_of(candidate))
    return candidate


async def show_preview(update: Update, context: BotContext, activity_id: int, **change: Any) -> None:
    """A new time or place (chosen in the steps of ``edit``) goes to the preview like every change."""
    draft = await _checked(context, {"activity": activity_id, "changes": {}}, **change)
    await _go(update, context, "preview", draft)


async def on_button(update: Update, context: BotContext) -> None:
    (choice,) = context.callback_args
    choice = str(choice)
    draft = _draft(context)
    await done_pressing(update)
    core = context.core
    changes = draft.get("changes", {})
    if choice == "stop" or choice == "keep":
        await end_step(context, FLOW)
        await replace(update, context, context.t("edit.stopped" if choice == "stop" else "activity.kept"))
    elif choice in ("menu", "title", "description", "tasks", "add", "preview"):
        await _go(update, context, {"add": "task_add"}.get(choice, choice), draft)
    elif choice == "nodesc":
        await _go(update, context, "menu", await _checked(context, draft, description=""))
    elif choice[:1] in ("t", "p") and choice[1:].isdigit():
        await _go(
            update, context, "task" if choice[0] == "t" else "task_places", {**draft, "task": int(choice[1:])}
        )
    elif choice[:1] == "x" and choice[1:].isdigit():
        removed = [*changes.get("removed", []), int(choice[1:])]
        await _go(update, context, "tasks", await _checked(context, draft, removed=removed))
    elif choice in ("send", "quiet"):
        told = await core.activities.edits.apply_changes(
            me(context), draft["activity"], changes_of(draft), tell=choice == "send"
        )
        await end_step(context, FLOW)
        title = (await core.activities.get(draft["activity"])).title
        done = (
            context.tn("edit.sent", told, title=title) if told else context.t("edit.saved_quiet", title=title)
        )
        await replace(update, context, done)
    elif choice.startswith("r_"):
        name = choice[2:]
        reason = f"{PRESET}{name}" if name in CANCEL_REASONS else ""
        await _go(update, context, "cancel_confirm", {**draft, "reason": reason})
    elif choice == "cancel_ok":
        activity_id = draft["activity"]
        told = await core.activities.edits.cancel(me(context), activity_id, draft.get("reason", ""))
        await end_step(context, FLOW)
        title = (await core.activities.get(activity_id)).title
        key = "activity.cancelled_done" if told else "edit.cancelled_nobody"
        await replace(update, context, context.t(key, title=title))


async def on_text(update: Update, context: BotContext, conversation: Conversation) -> bool:
    """A typed answer: a name, a description, a task line, a number of places, or a cancel reason."""
    draft = dict(conversation.draft)
    text = (update.effective_message.text if update.effective_message else "") or ""
    step = conversation.step
    changes = draft.get("changes", {})
    if step == "title":
        await _go(update, context, "menu", await _checked(context, draft, title=text))
    elif step == "description":
        await _go(update, context, "menu", await _checked(context, draft, description=text))
    elif step == "task_add":
        new_tasks = [*changes.get("new_tasks", []), list(parse_task_line(text))]
        await _go(update, context, "tasks", await _checked(context, draft, new_tasks=new_tasks))
    elif step == "task_places":
        if not text.strip().isdigit():
            raise PlacesNotANumber()
        places = {**changes.get("places", {}), str(draft["task"]): int(text.strip())}
        await _go(update, context, "tasks", await _checked(context, draft, places=places))
    elif step == "cancel_reason":
        await _go(update, context, "cancel_confirm", {**draft, "reason": clean_reason(text)})
    else:
        await _go(update, context, step, draft)  # a step that wants a button: ask again
    return True


class PlacesNotANumber(InvalidInput):
    text_key = "edit.places_not_a_number"


FLOWS = [Flow(FLOW, None, (ED.name,), on_text=on_text)]


def register(app: AnyApp) -> None:
    app.add_handler(CallbackQueryHandler(start, pattern=f"^{ACT_EDIT.name}:"))
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{ED.name}:"))
