"""/ruimtes: both huiskamers' week (planned and free days) and their practical facts."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.activities.room_week import RoomWeek, Week, room_week
from bot.callbacks import action
from bot.commands import Command
from bot.errors import NotFound
from bot.i18n import Markup, clock_time, day_label_short
from bot.members.service import Role
from bot.rooms import ROOM_IDS
from handlers.common import AnyApp, BotContext, Rows, done_pressing, replace, say

COMMANDS = [Command("ruimtes", Role.NEWCOMER, "command.ruimtes")]

WEEK = action("room_week", str, int, min_role=Role.NEWCOMER)  # room, weeks from now
MAX_WEEKS_AHEAD = 12


async def _week_lines(context: BotContext, week: Week, room: RoomWeek) -> list[str]:
    lang = context.lang
    sunday = room.days[-1].day
    lines = [
        context.t(
            "rooms.week_title", start=day_label_short(week.monday, lang), end=day_label_short(sunday, lang)
        )
    ]
    for day in room.days:
        label = day_label_short(day.day, lang)
        if day.free:
            lines.append(context.t("rooms.day_free", day=label))
            continue
        for item in day.items:
            start = clock_time(context.core.local(item.starts_at), lang)
            end = clock_time(context.core.local(item.ends_at), lang) if item.ends_at else ""
            times = f"{start}–{end}" if end else start
            lines.append(context.t("rooms.day_item", day=label, time=times, title=item.title))
            if item.needs_key:
                if item.key_bringer_id is not None:
                    bringer = await context.core.members.get(item.key_bringer_id)
                    lines.append(context.t("rooms.key_bringer", name=bringer.name))
                else:
                    lines.append(context.t("rooms.key_nobody"))
    return lines


async def render(context: BotContext, room_id: str, offset: int) -> tuple[str, Rows]:
    facts = context.core.rooms.facts(context.lang).get(room_id)
    if facts is None:
        raise NotFound(f"room {room_id}")
    core = context.core
    week = await room_week(core.activities, core.keys, core.local_now().date(), core.tz, offset)
    room = next(r for r in week.rooms if r.room == room_id)
    lines = [
        context.t("rooms.name", name=facts.name),
        context.t("rooms.location", text=_html(facts.location)),
        context.t("rooms.accessibility", text=_html(facts.accessibility)),
        context.t("rooms.internet", text=_html(facts.internet)),
        context.t("rooms.key", text=_html(facts.key)),
        context.t("rooms.house_rules"),
        *[f"• {rule}" for rule in facts.house_rules],
        "",
        *await _week_lines(context, week, room),
    ]
    nav = []
    if offset > 0:
        nav.append((context.t("rooms.previous_week"), WEEK.encode(room_id, offset - 1)))
    if offset < MAX_WEEKS_AHEAD:
        nav.append((context.t("rooms.next_week"), WEEK.encode(room_id, offset + 1)))
    return "\n".join(lines), [nav]


def _html(text: str) -> Markup:
    return Markup(text)  # content files are checked Telegram HTML


async def show(update: Update, context: BotContext) -> None:
    for room_id in ROOM_IDS:
        text, rows = await render(context, room_id, 0)
        await say(update, context, text, rows)


async def turn_week(update: Update, context: BotContext) -> None:
    room_id, offset = context.callback_args
    await done_pressing(update)
    text, rows = await render(context, str(room_id), min(max(int(offset), 0), MAX_WEEKS_AHEAD))
    await replace(update, context, text, rows)


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("ruimtes", show))
    app.add_handler(CallbackQueryHandler(turn_week, pattern=f"^{WEEK.name}:"))
