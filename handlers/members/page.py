"""/leden as buttons: a paged list, one member's page (role, since, hours, tasks, keys, buddy) and its
actions: role, remove, and the coordinator's corrections of that member's hours."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.hours.models import progress_bar
from bot.i18n import clock_time, day_label_short
from bot.inbox.paging import page_of
from bot.members.service import Member, Role
from handlers.common import AnyApp, BotContext, Button, replace
from handlers.hours.render import hours, month_label
from handlers.members.page_actions import HOURS, LIST, SHOW
from handlers.members.picker import PICK
from handlers.notify import answered_after

PAGE_SIZE = 16  # two buttons a row: eight rows and the arrows
TASKS_SHOWN = 5


async def member_list(context: BotContext, number: int) -> tuple[str, list[list[Button]]]:
    members = await context.core.members.active_members()
    page = page_of(members, number, PAGE_SIZE)
    lines = [context.tn("members.list_title", len(members))]
    if page.count > 1:
        lines.append(context.t("inbox.page", page=page.number + 1, pages=page.count))
    roles = context.core.members.role_of
    lines += [context.t(f"members.line.{roles(m).name.lower()}", name=m.name) for m in page.shown]
    lines.append(context.t("memberpage.pick"))
    buttons = [(m.name[:30], SHOW.encode(m.id, page.number)) for m in page.shown]
    rows: list[list[Button]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav: list[Button] = []
    if page.number > 0:
        nav.append(("◀️", LIST.encode(page.number - 1)))
    if page.number < page.count - 1:
        nav.append(("▶️", LIST.encode(page.number + 1)))
    rows.append(nav)
    return "\n".join(lines), rows


async def turn_page(update: Update, context: BotContext) -> None:
    (number,) = context.callback_args
    await replace(update, context, *await member_list(context, int(number)))


async def member_page(context: BotContext, member: Member, back_page: int) -> tuple[str, list[list[Button]]]:
    core = context.core
    lang = context.lang
    role = core.members.role_of(member)
    month = core.hours.this_month()
    status = await core.hours.month_status(member.id, month)
    lines = [
        context.t("memberpage.title", name=member.name),
        context.t("memberpage.role", role=context.t(f"memberpage.role.{role.name.lower()}")),
        context.t("memberpage.since", day=day_label_short(core.local(member.joined_at), lang)),
        context.t(
            "memberpage.hours",
            month=month_label(month, lang),
            bar=progress_bar(status.minutes, status.target_minutes) if status.target_minutes > 0 else "",
            hours=hours(status.minutes, lang),
            target=hours(status.target_minutes, lang),
        ),
    ]
    away = await core.hours.away_months_ahead(member.id)
    if away:
        lines.append(context.t("memberpage.away", months=", ".join(month_label(m, lang) for m in away)))
    claims = await core.activities.upcoming_claims(member.id)
    if claims:
        lines.append(context.tn("memberpage.tasks", len(claims)))
        for claim in claims[:TASKS_SHOWN]:
            local = core.local(claim.starts_at)
            when = f"{day_label_short(local, lang)} {clock_time(local, lang)}"
            lines.append(f"  • {when} {claim.activity_title}: {claim.task_title}")
    else:
        lines.append(context.t("memberpage.no_tasks"))
    held = [k.label for k in await core.keys.all() if k.holder_id == member.id]
    lines.append(
        context.t("memberpage.keys", keys=", ".join(held)) if held else context.t("memberpage.no_keys")
    )
    lines.append(await _buddy_line(context, member))
    rows: list[list[Button]] = [
        [(context.t("memberpage.hours_button"), HOURS.encode(member.id, yyyymm(month)))]
    ]
    if member.id != (context.member.id if context.member else None):
        if role is Role.COORDINATOR:
            if member.coordinator_flag:
                rows.append([(context.t("memberpage.role_off_button"), PICK.encode("crem", member.id))])
        else:
            rows.append([(context.t("memberpage.role_on_button"), PICK.encode("cadd", member.id))])
        rows.append([(context.t("memberpage.remove_button"), PICK.encode("rm", member.id))])
    rows.append([(context.t("memberpage.back_button"), LIST.encode(back_page))])
    return "\n".join(lines), rows


async def _buddy_line(context: BotContext, member: Member) -> str:
    buddies = context.core.buddies
    current = await buddies.current(member.id)
    if current is not None and current.buddy is not None:
        return context.t("memberpage.buddy", name=current.buddy.name)
    if current is not None:
        return context.t("memberpage.buddy_waiting")
    of = await buddies.buddy_of_whom(member.id)
    if of:
        return context.t("memberpage.buddy_of", names=", ".join(m.name for m in of))
    return context.t("memberpage.no_buddy")


def yyyymm(month: str) -> int:
    return int(month.replace("-", ""))


async def show(update: Update, context: BotContext) -> None:
    member_id, back_page = context.callback_args
    member = await context.core.members.get(int(member_id))
    await replace(update, context, *await member_page(context, member, int(back_page)))


def register(app: AnyApp) -> None:
    for declared, handler in ((LIST, turn_page), (SHOW, show)):
        app.add_handler(CallbackQueryHandler(answered_after(handler), pattern=f"^{declared.name}:"))
