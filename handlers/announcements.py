"""/omroep: a coordinator writes a message, picks the audience and options, previews, confirms.

The draft lives in SQLite; "the next message I send is the announcement" is the conversation step
``omroep``/``text`` (handlers/conversation.py), so it survives a restart.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
)

from bot.activities.models import ActivitySummary
from bot.announcements.actions import READ
from bot.announcements.service import Announcement, AnnouncementTooLong
from bot.callbacks import action
from bot.commands import Command
from bot.conversation import Conversation
from bot.i18n import clock_time, day_label_short
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, Rows, done_pressing, keyboard, me, replace, say
from handlers.conversation import Flow, end_step, put_step, step_of

COMMANDS = [Command("omroep", Role.COORDINATOR, "command.omroep")]

AUDIENCE = action("omr_aud", int, str, min_role=Role.COORDINATOR)
ACTIVITY = action("omr_act", int, int, min_role=Role.COORDINATOR)
OPTION = action("omr_opt", int, str, min_role=Role.COORDINATOR)
PREVIEW = action("omr_prev", int, min_role=Role.COORDINATOR)
SEND = action("omr_send", int, min_role=Role.COORDINATOR)
EDIT = action("omr_edit", int, min_role=Role.COORDINATOR)
CANCEL = action("omr_stop", int, min_role=Role.COORDINATOR)
CANCEL_WAITING = action("omr_nvm", min_role=Role.COORDINATOR)
FLOW = "omroep"


async def omroep(update: Update, context: BotContext) -> None:
    waiting = step_of(context, FLOW)
    if waiting is None or waiting.paused or waiting.step != "text":
        await put_step(context, FLOW, "text")  # already waiting (a repeated /omroep): no write
    await say(
        update, context, context.t("omroep.ask"), [[(context.t("button.cancel"), CANCEL_WAITING.encode())]]
    )


async def got_message(update: Update, context: BotContext, step: Conversation) -> None:
    """The message (or photo with caption) to announce; too long keeps the step."""
    message = update.effective_message
    assert message is not None
    photo = message.photo[-1].file_id if message.photo else None
    text = (message.caption_html if photo else message.text_html) or ""
    try:
        draft = await context.core.announcements.start_draft(me(context), text, photo)  # ends the step too
    except AnnouncementTooLong:
        await say(update, context, context.t("omroep.too_long"))
        return  # the step stays: the next message is read as the shorter text
    context.conversation = None
    await say(update, context, *await ask_audience(context, draft))


FLOWS = [Flow(FLOW, "omroep", (CANCEL_WAITING.name,), on_text=got_message, on_photo=got_message)]


async def ask_audience(context: BotContext, draft: Announcement) -> tuple[str, Rows]:
    """ "For whom?" with a button per audience that reaches someone (with how many); the empty ones are
    named below the question instead, so the coordinator knows why they are missing."""
    service = context.core.announcements
    sizes = await service.audience_sizes(me(context), [a.id for a in await _upcoming(context)])
    rows: list[list[tuple[str, str]]] = []
    empty: list[str] = []
    for name in ("everyone", "volunteers", "newcomers"):
        label = context.t(f"omroep.audience.{name}")
        count = sizes.groups[name]
        if count or (name == "everyone" and service.group_chat_id is not None):  # the group still reads it
            rows.append([(f"{label} ({count})" if count else label, AUDIENCE.encode(draft.id, name))])
        else:
            empty.append(label)
    label = context.t("omroep.audience.activity")
    if any(sizes.activities.values()):
        rows.append([(label, AUDIENCE.encode(draft.id, "activity"))])
    else:
        empty.append(label)
    rows.append([(context.t("button.cancel"), CANCEL.encode(draft.id))])
    text = context.t("omroep.ask_audience")
    if empty:
        text += "\n" + context.t("omroep.audience_empty", names=", ".join(empty))
    return text, rows


async def _upcoming(context: BotContext) -> list[ActivitySummary]:
    """The activities an announcement can be for: from yesterday to a month ahead, not cancelled."""
    now = context.core.clock.now()
    found = await context.core.activities.activities_between(
        now - timedelta(days=1), now + timedelta(days=30)
    )
    return [a for a in found if not a.cancelled]


async def choose_audience(update: Update, context: BotContext) -> None:
    announcement_id, audience = context.callback_args
    assert context.member is not None
    if audience == "activity":
        draft = await context.core.announcements.draft(context.member, int(announcement_id))
        await done_pressing(update)
        await replace(update, context, context.t("omroep.ask_activity"), await activity_rows(context, draft))
        return
    draft = await context.core.announcements.set_audience(context.member, int(announcement_id), str(audience))
    await done_pressing(update)
    await show_options(update, context, draft)


async def activity_rows(context: BotContext, draft: Announcement) -> Rows:
    """The activities with someone on them (an activity nobody joined is no audience), with how many."""
    upcoming = await _upcoming(context)
    sizes = await context.core.announcements.audience_sizes(me(context), [a.id for a in upcoming])
    rows: list[list[tuple[str, str]]] = []
    for a in [a for a in upcoming if sizes.activities[a.id]][:10]:
        local = context.core.local(a.starts_at)
        label = f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)} · {a.title}"
        count = f" ({sizes.activities[a.id]})"
        rows.append([(label[: 60 - len(count)] + count, ACTIVITY.encode(draft.id, a.id))])
    rows.append([(context.t("omroep.back"), EDIT.encode(draft.id))])
    return rows


async def choose_activity(update: Update, context: BotContext) -> None:
    announcement_id, activity_id = context.callback_args
    assert context.member is not None
    draft = await context.core.announcements.set_audience(
        context.member, int(announcement_id), "activity", int(activity_id)
    )
    await done_pressing(update)
    await show_options(update, context, draft)


async def show_options(update: Update, context: BotContext, draft: Announcement) -> None:
    service = context.core.announcements
    count = len(await service.audience_members(draft))

    def toggle(option: str, on: bool) -> tuple[str, str]:
        mark = "✅" if on else "⬜"
        return f"{mark} {context.t(f'omroep.option.{option}')}", OPTION.encode(draft.id, option)

    rows: list[list[tuple[str, str]]] = [[toggle("read_button", draft.read_button)]]
    if service.group_chat_id is not None:
        rows.append([toggle("to_group", draft.to_group), toggle("pin", draft.pin)])
    rows.append([(context.t("omroep.preview_button"), PREVIEW.encode(draft.id))])
    rows.append(
        [
            (context.t("omroep.back"), AUDIENCE.encode(draft.id, "change")),
            (context.t("button.cancel"), CANCEL.encode(draft.id)),
        ]
    )
    audience = context.t(f"omroep.audience.{draft.audience}")
    await replace(update, context, context.tn("omroep.options", count, audience=audience), rows)


async def toggle_option(update: Update, context: BotContext) -> None:
    announcement_id, option = context.callback_args
    assert context.member is not None
    draft = await context.core.announcements.toggle(context.member, int(announcement_id), str(option))
    await done_pressing(update)
    await show_options(update, context, draft)


async def preview(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    assert context.member is not None and update.effective_chat is not None
    service = context.core.announcements
    draft = await service.draft(context.member, int(announcement_id))
    await done_pressing(update)
    count = len(await service.audience_members(draft))
    text, rows = service.message_for(draft, context.lang, context.member.name)
    await replace(update, context, context.t("omroep.preview_intro"))
    chat_id = update.effective_chat.id
    if draft.photo:
        await context.bot.send_photo(chat_id, draft.photo, caption=text or None, reply_markup=keyboard(rows))
    else:
        await context.bot.send_message(chat_id, text, reply_markup=keyboard(rows))
    where = (
        context.t("omroep.also_group_pinned" if draft.pin else "omroep.also_group") if draft.to_group else ""
    )
    confirm = [
        [(context.tn("omroep.send_button", count), SEND.encode(draft.id))],
        [
            (context.t("omroep.change_button"), EDIT.encode(draft.id)),
            (context.t("button.cancel"), CANCEL.encode(draft.id)),
        ],
    ]
    await say(update, context, context.tn("omroep.confirm", count, where=where), confirm)


async def back_to_options(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    assert context.member is not None
    draft = await context.core.announcements.draft(context.member, int(announcement_id))
    await done_pressing(update)
    await show_options(update, context, draft)


async def change_audience(update: Update, context: BotContext) -> None:
    announcement_id, _ = context.callback_args
    assert context.member is not None
    draft = await context.core.announcements.draft(context.member, int(announcement_id))
    await done_pressing(update)
    await replace(update, context, *await ask_audience(context, draft))


async def send(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    assert context.member is not None
    count = await context.core.announcements.confirm(context.member, int(announcement_id))
    await done_pressing(update)
    text = context.tn("omroep.queued", count)
    if (morning := context.core.announcements.held_until()) is not None:
        at = clock_time(context.core.local(morning), context.lang)
        text += "\n" + context.t("omroep.queued_morning", time=at)
    await replace(update, context, text)


async def cancel(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    assert context.member is not None
    await context.core.announcements.cancel(context.member, int(announcement_id))
    await done_pressing(update)
    await replace(update, context, context.t("common.cancelled"))


async def cancel_waiting(update: Update, context: BotContext) -> None:
    await end_step(context, FLOW)
    await done_pressing(update)
    await replace(update, context, context.t("common.cancelled"))


async def mark_read(update: Update, context: BotContext) -> None:
    (announcement_id,) = context.callback_args
    query = update.callback_query
    assert query is not None and context.member is not None
    announcement = await context.core.announcements.get(int(announcement_id))
    if announcement.status == "draft":
        await query.answer(context.t("omroep.preview_press"))
        return
    await context.core.announcements.mark_read(announcement.id, context.member)
    # Pressing again is harmless (counted once), so the button may stay.
    await query.answer(context.t("announcements.read_thanks"))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("omroep", omroep))
    app.add_handler(CallbackQueryHandler(change_audience, pattern=f"^{AUDIENCE.name}:[0-9]+:change$"))
    app.add_handler(CallbackQueryHandler(choose_audience, pattern=f"^{AUDIENCE.name}:"))
    app.add_handler(CallbackQueryHandler(choose_activity, pattern=f"^{ACTIVITY.name}:"))
    app.add_handler(CallbackQueryHandler(toggle_option, pattern=f"^{OPTION.name}:"))
    app.add_handler(CallbackQueryHandler(preview, pattern=f"^{PREVIEW.name}:"))
    app.add_handler(CallbackQueryHandler(send, pattern=f"^{SEND.name}:"))
    app.add_handler(CallbackQueryHandler(back_to_options, pattern=f"^{EDIT.name}:"))
    app.add_handler(CallbackQueryHandler(cancel, pattern=f"^{CANCEL.name}:"))
    app.add_handler(CallbackQueryHandler(cancel_waiting, pattern=f"^{CANCEL_WAITING.name}$"))
    app.add_handler(CallbackQueryHandler(mark_read, pattern=f"^{READ.name}:"))
