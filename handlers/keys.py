"""/sleutel: where each huiskamer key is, asking for one, hand-overs in two steps, corrections."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
)
from telegram.ext import filters as f

from bot.callbacks import action
from bot.commands import Command
from bot.i18n import clock_time, day_label_short
from bot.jobs import Job
from bot.keys import Key
from bot.members import Member, NotFound, Role
from bot.rooms import room_facts
from handlers.common import BotContext, Rows, core_of, done_pressing, replace, say
from handlers.tell import coordinators, tell, text_for

COMMANDS = [Command("sleutel", Role.NEWCOMER, "command.sleutel")]

ASK_LIST = action("key_asks", min_role=Role.NEWCOMER)
ASK = action("key_ask", int, min_role=Role.NEWCOMER)
ASK_ACTIVITY = action("key_aska", int, int, min_role=Role.NEWCOMER)
ASK_NOTE = action("key_askn", int, min_role=Role.NEWCOMER)
GIVE = action("key_give", int, int, min_role=Role.NEWCOMER)  # key, page of the member picker
GIVE_TO = action("key_giveto", int, int, min_role=Role.NEWCOMER)  # key, member
CONFIRM = action("key_ok", int, int, min_role=Role.NEWCOMER)  # key, offer
REFUSE = action("key_no", int, int, min_role=Role.NEWCOMER)
HISTORY_LIST = action("key_hists", min_role=Role.NEWCOMER)
HISTORY = action("key_hist", int, min_role=Role.NEWCOMER)
ADD = action("key_add", min_role=Role.COORDINATOR)
ADD_ROOM = action("key_addr", str, min_role=Role.COORDINATOR)
FIX_LIST = action("key_fixs", min_role=Role.COORDINATOR)
FIX = action("key_fix", int, int, min_role=Role.COORDINATOR)  # key, page
FIX_TO = action("key_fixto", int, int, min_role=Role.COORDINATOR)  # key, member (0: key box)
CANCEL = action("key_x", min_role=Role.NEWCOMER)

PAGE_SIZE = 16
FEATURE = "keys"
LEAVE_GROUP = -13
INPUT_GROUP = -12


def _room_name(context: BotContext, room: str) -> str:
    facts = room_facts(context.lang).get(room)
    return facts.name if facts else room


async def _name(context: BotContext, member_id: int | None) -> str:
    if member_id is None:
        return ""
    try:
        return (await context.core.members.get(member_id)).name
    except NotFound:
        return "?"


async def _key_line(context: BotContext, key: Key) -> str:
    if key.underway:
        return context.t(
            "keys.line_underway",
            label=key.label,
            holder=await _name(context, key.holder_id) or context.t("keys.keybox"),
            to=await _name(context, key.pending_to_id),
        )
    if key.holder_id is None:
        return context.t("keys.line_keybox", label=key.label)
    return context.t("keys.line_holder", label=key.label, holder=await _name(context, key.holder_id))


async def overview(context: BotContext) -> tuple[str, Rows]:
    keys = await context.core.keys.all()
    is_coordinator = context.role is Role.COORDINATOR
    lines = [context.t("keys.title")]
    if not keys:
        lines.append(context.t("keys.none_yet"))
    for room in ("huiskamer6", "huiskamer7"):
        room_keys = [k for k in keys if k.room == room]
        if room_keys:
            lines.append(f"\n<b>{_room_name_html(context, room)}</b>")
            lines.extend([await _key_line(context, k) for k in room_keys])
    me = context.member.id if context.member else None
    rows: list[list[tuple[str, str]]] = [
        [(context.t("keys.give_button", label=k.label), GIVE.encode(k.id, 0))]
        for k in keys
        if k.holder_id == me and not k.underway
    ]
    if keys:
        rows.append(
            [
                (context.t("keys.ask_button"), ASK_LIST.encode()),
                (context.t("keys.history_button"), HISTORY_LIST.encode()),
            ]
        )
    if is_coordinator:
        row = [(context.t("keys.add_button"), ADD.encode())]
        if keys:
            row.append((context.t("keys.fix_button"), FIX_LIST.encode()))
        rows.append(row)
    return "\n".join(lines), rows


def _room_name_html(context: BotContext, room: str) -> str:
    return context.core.texts.get(context.lang, "keys.room_name", name=_room_name(context, room))


async def show(update: Update, context: BotContext) -> None:
    await context.core.drafts.clear(_me(context).id, FEATURE)
    text, rows = await overview(context)
    await say(update, context, text, rows)


def _me(context: BotContext) -> Member:
    assert context.member is not None
    return context.member


def _cancel_row(context: BotContext) -> list[tuple[str, str]]:
    return [(context.t("button.cancel"), CANCEL.encode())]


async def _key_picker(context: BotContext, make: Any, title_key: str) -> tuple[str, Rows]:
    keys = await context.core.keys.all()
    rows = [[(k.label, make(k))] for k in keys]
    rows.append(_cancel_row(context))
    return context.t(title_key), rows


async def ask_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await _key_picker(context, lambda k: ASK.encode(k.id), "keys.ask_which")
    await replace(update, context, text, rows)


async def ask(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    activities = await _upcoming_activities(context, key.room)
    if activities:
        rows: list[list[tuple[str, str]]] = [
            [(_activity_label(context, a), ASK_ACTIVITY.encode(key.id, a.id))] for a in activities[:8]
        ]
        rows.append([(context.t("keys.ask_other"), ASK_NOTE.encode(key.id))])
        rows.append(_cancel_row(context))
        await replace(update, context, context.t("keys.ask_activity", label=key.label), rows)
        return
    await _ask_note(update, context, key)


async def ask_note(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    await _ask_note(update, context, await context.core.keys.get(int(key_id)))


async def _ask_note(update: Update, context: BotContext, key: Key) -> None:
    await context.core.drafts.put(_me(context).id, FEATURE, "request_note", key_id=key.id)
    await replace(update, context, context.t("keys.ask_note", label=key.label), [_cancel_row(context)])


async def ask_activity(update: Update, context: BotContext) -> None:
    key_id, activity_id = context.callback_args
    await done_pressing(update)
    activities = await _upcoming_activities(context, None)
    chosen = next((a for a in activities if a.id == int(activity_id)), None)
    if chosen is None:
        raise NotFound(f"activity {activity_id}")
    await _send_request(update, context, int(key_id), _activity_label(context, chosen), chosen.id)


async def _upcoming_activities(context: BotContext, room: str | None) -> list[Any]:
    activities = getattr(context.core, "activities", None)
    if activities is None:
        return []
    now = context.core.clock.now()
    result = activities.activities_between(now, now + timedelta(days=31))
    if hasattr(result, "__await__"):
        result = await result
    return [a for a in result if (room is None or a.room == room) and str(a.status).lower() != "cancelled"]


def _activity_label(context: BotContext, activity: Any) -> str:
    local = context.core.local(activity.starts_at)
    return f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)} {activity.title}"[:60]


async def _send_request(
    update: Update, context: BotContext, key_id: int, note: str, activity_id: int | None
) -> None:
    me = _me(context)
    key = await context.core.keys.request_key(me, key_id, note, activity_id)
    app = context.application
    told: set[int] = {me.id}
    if key.holder_id is not None and key.holder_id not in told:
        holder = await context.core.members.get(key.holder_id)
        await tell(app, holder, *_request_message(app, holder, key, me, note))
        told.add(holder.id)
    for coordinator in await coordinators(app):
        if coordinator.id not in told:
            await tell(app, coordinator, *_request_message(app, coordinator, key, me, note))
            told.add(coordinator.id)
    holder_name = await _name(context, key.holder_id)
    key_name = "keys.request_sent_holder" if holder_name else "keys.request_sent"
    await replace(update, context, context.t(key_name, label=key.label, holder=holder_name))


def _request_message(app: Any, reader: Member, key: Key, requester: Member, note: str) -> tuple[str, Rows]:
    text = text_for(app, reader, "keys.request_received", name=requester.name, label=key.label, note=note)
    button = text_for(app, reader, "keys.give_to_button", name=requester.name)
    return text, [[(button, GIVE_TO.encode(key.id, requester.id))]]


async def give(update: Update, context: BotContext) -> None:
    """The holder picks who gets the key."""
    key_id, page = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    members = [m for m in await context.core.members.active_members() if m.id not in (key.holder_id,)]
    text, rows = _picker(
        context, members, int(page), lambda m: GIVE_TO.encode(key.id, m.id), lambda p: GIVE.encode(key.id, p)
    )
    await replace(update, context, context.t("keys.give_who", label=key.label) if members else text, rows)


def _picker(
    context: BotContext, members: list[Member], page: int, pick: Any, turn: Any, extra: Rows = ()
) -> tuple[str, Rows]:
    if not members and not extra:
        return context.t("keys.nobody_to_pick"), [_cancel_row(context)]
    pages = max(1, -(-len(members) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = members[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    buttons = [(m.name, pick(m)) for m in shown]
    rows: list[list[tuple[str, str]]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if page > 0:
        nav.append(("◀️", turn(page - 1)))
    if page < pages - 1:
        nav.append(("▶️", turn(page + 1)))
    rows.append(nav)
    rows.extend([list(r) for r in extra])
    rows.append(_cancel_row(context))
    return "", rows


async def give_to(update: Update, context: BotContext) -> None:
    """Step one of the hand-over: recorded as underway; the receiver gets buttons to confirm."""
    key_id, member_id = context.callback_args
    await done_pressing(update)
    me = _me(context)
    key, offer_id = await context.core.keys.offer(me, int(key_id), int(member_id))
    receiver = await context.core.members.get(int(member_id))
    await replace(update, context, context.t("keys.offered", label=key.label, name=receiver.name))
    await tell(
        context.application, receiver, *_offer_message(context.application, receiver, key, me.name, offer_id)
    )


def _offer_message(
    app: Any, receiver: Member, key: Key, giver: str, offer_id: int, *, reminder: bool = False
) -> tuple[str, Rows]:
    text_key = "keys.offer_reminder" if reminder else "keys.offer_received"
    text = text_for(app, receiver, text_key, name=giver, label=key.label)
    rows = [
        [
            (text_for(app, receiver, "keys.confirm_button"), CONFIRM.encode(key.id, offer_id)),
            (text_for(app, receiver, "keys.refuse_button"), REFUSE.encode(key.id, offer_id)),
        ]
    ]
    return text, rows


async def confirm(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    me = _me(context)
    before = await context.core.keys.get(int(key_id))
    key = await context.core.keys.confirm(me, int(key_id), int(offer_id))
    await replace(update, context, context.t("keys.confirmed", label=key.label))
    await _tell_giver(context, before, "keys.giver_confirmed", me.name, key.label)


async def refuse(update: Update, context: BotContext) -> None:
    key_id, offer_id = context.callback_args
    await done_pressing(update)
    me = _me(context)
    before = await context.core.keys.get(int(key_id))
    key = await context.core.keys.refuse(me, int(key_id), int(offer_id))
    holder = await _name(context, key.holder_id) or context.t("keys.keybox")
    await replace(update, context, context.t("keys.refused", label=key.label, holder=holder))
    await _tell_giver(context, before, "keys.giver_refused", me.name, key.label)


async def _tell_giver(context: BotContext, before: Key, text_key: str, name: str, label: str) -> None:
    if before.pending_by_id is None or before.pending_by_id == _me(context).id:
        return
    giver = await context.core.members.get(before.pending_by_id)
    await tell(
        context.application, giver, text_for(context.application, giver, text_key, name=name, label=label)
    )


async def history_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await _key_picker(context, lambda k: HISTORY.encode(k.id), "keys.history_which")
    await replace(update, context, text, rows)


async def history(update: Update, context: BotContext) -> None:
    (key_id,) = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    lines = [context.t("keys.history_title", label=key.label)]
    for event in await context.core.keys.history(key.id):
        local = context.core.local(event.at)
        lines.append(
            context.t(
                f"keys.event.{event.kind}",
                when=f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)}",
                actor=await _name(context, event.actor_id),
                to=await _name(context, event.to_id) or context.t("keys.keybox"),
            )
        )
    await replace(update, context, "\n".join(lines))


async def add(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    rows = [[(_room_name(context, room), ADD_ROOM.encode(room))] for room in ("huiskamer6", "huiskamer7")]
    rows.append(_cancel_row(context))
    await replace(update, context, context.t("keys.add_which_room"), rows)


async def add_room(update: Update, context: BotContext) -> None:
    (room,) = context.callback_args
    await done_pressing(update)
    if room not in ("huiskamer6", "huiskamer7"):
        raise NotFound(f"room {room}")
    await context.core.drafts.put(_me(context).id, FEATURE, "key_label", room=room)
    await replace(
        update,
        context,
        context.t("keys.add_label", room=_room_name(context, str(room))),
        [_cancel_row(context)],
    )


async def fix_list(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    text, rows = await _key_picker(context, lambda k: FIX.encode(k.id, 0), "keys.fix_which")
    await replace(update, context, text, rows)


async def fix(update: Update, context: BotContext) -> None:
    key_id, page = context.callback_args
    await done_pressing(update)
    key = await context.core.keys.get(int(key_id))
    members = await context.core.members.active_members()
    keybox = [[(context.t("keys.keybox_button"), FIX_TO.encode(key.id, 0))]]
    _, rows = _picker(
        context,
        members,
        int(page),
        lambda m: FIX_TO.encode(key.id, m.id),
        lambda p: FIX.encode(key.id, p),
        keybox,
    )
    await replace(update, context, context.t("keys.fix_who", label=key.label), rows)


async def fix_to(update: Update, context: BotContext) -> None:
    key_id, member_id = context.callback_args
    await done_pressing(update)
    holder_id = int(member_id) or None
    key = await context.core.keys.correct(_me(context), int(key_id), holder_id)
    holder = await _name(context, key.holder_id) or context.t("keys.keybox")
    await replace(update, context, context.t("keys.fixed", label=key.label, holder=holder))


async def cancel(update: Update, context: BotContext) -> None:
    await done_pressing(update)
    await context.core.drafts.clear(_me(context).id, FEATURE)
    await replace(update, context, context.t("common.cancelled"))


async def typed(update: Update, context: BotContext) -> None:
    """A typed answer to the step this member is on (a key's name, what a key is needed for)."""
    member = context.member
    if member is None or not member.is_active:
        return
    draft = await context.core.drafts.get(member.id, FEATURE)
    if draft is None:
        return
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    if draft.step == "request_note":
        await _send_request(update, context, int(draft.data["key_id"]), text, None)
    elif draft.step == "key_label":
        key = await context.core.keys.add_key(member, str(draft.data["room"]), text)
        keybox = [[(context.t("keys.keybox_button"), FIX_TO.encode(key.id, 0))]]
        _, rows = _picker(
            context,
            await context.core.members.active_members(),
            0,
            lambda m: FIX_TO.encode(key.id, m.id),
            lambda p: FIX.encode(key.id, p),
            keybox,
        )
        await say(update, context, context.t("keys.added", label=key.label), rows)
    await context.core.drafts.clear(member.id, FEATURE)
    raise ApplicationHandlerStop


async def leave_flow(update: Update, context: BotContext) -> None:
    """Typing a command leaves a half-finished step (the command itself is handled as usual)."""
    if context.member is not None and context.member.is_active:
        await context.core.drafts.clear(context.member.id, FEATURE)


async def remind_handovers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After 24 hours unconfirmed, both the giver and the receiver are reminded, once."""
    core = core_of(application)
    for key in await core.keys.due_reminders(core.clock.now()):
        assert key.pending_to_id is not None and key.pending_event_id is not None
        receiver = await core.members.get(key.pending_to_id)
        giver = await core.members.get(key.pending_by_id) if key.pending_by_id else None
        giver_name = giver.name if giver else ""
        await tell(
            application,
            receiver,
            *_offer_message(application, receiver, key, giver_name, key.pending_event_id, reminder=True),
        )
        if giver is not None and giver.id != receiver.id:
            await tell(
                application,
                giver,
                text_for(application, giver, "keys.giver_reminder", name=receiver.name, label=key.label),
            )


JOBS = [Job("key_handover_reminders", timedelta(minutes=15), remind_handovers)]


async def leave_on_other_button(update: Update, context: BotContext) -> None:
    """A button of another feature also leaves the step, so its typed answers are not read as ours."""
    data = update.callback_query.data if update.callback_query else None
    if not (data or "").startswith("key_"):
        await leave_flow(update, context)


def register(app: Application) -> None:  # type: ignore[type-arg]
    private = f.ChatType.PRIVATE & f.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & f.COMMAND, leave_flow), group=LEAVE_GROUP)
    app.add_handler(CallbackQueryHandler(leave_on_other_button), group=LEAVE_GROUP)
    app.add_handler(MessageHandler(private & f.TEXT & ~f.COMMAND, typed), group=INPUT_GROUP)
    app.add_handler(CommandHandler("sleutel", show))
    for declared, callback in (
        (ASK_LIST, ask_list),
        (ASK, ask),
        (ASK_ACTIVITY, ask_activity),
        (ASK_NOTE, ask_note),
        (GIVE, give),
        (GIVE_TO, give_to),
        (CONFIRM, confirm),
        (REFUSE, refuse),
        (HISTORY_LIST, history_list),
        (HISTORY, history),
        (ADD, add),
        (ADD_ROOM, add_room),
        (FIX_LIST, fix_list),
        (FIX, fix),
        (FIX_TO, fix_to),
        (CANCEL, cancel),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{declared.name}(:|$)"))
