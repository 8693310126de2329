"""/nieuwkomers (coordinators): who joined in the last 30 days and how their start is going."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.commands import Command
from bot.i18n import day_label_short
from bot.members.service import Role
from handlers.common import AnyApp, BotContext, say

COMMANDS = [Command("nieuwkomers", Role.COORDINATOR, "command.nieuwkomers")]


async def has_task(context: BotContext, member_id: int) -> bool:
    """Whether the member claimed an upcoming task."""
    return bool(await context.core.activities.upcoming_claims(member_id))


async def overview(update: Update, context: BotContext) -> None:
    newcomers = await context.core.onboarding.recent_newcomers()
    if not newcomers:
        await say(update, context, context.t("newcomers.none"))
        return
    lines = [context.tn("newcomers.title", len(newcomers)), ""]
    counts = {"welcome": 0, "task": 0, "buddy": 0}
    for newcomer in newcomers:
        task = await has_task(context, newcomer.member_id)
        counts["welcome"] += newcomer.finished_welcome
        counts["task"] += bool(task)
        counts["buddy"] += newcomer.buddy_status == "paired"
        if newcomer.buddy_status == "paired":
            buddy = context.t("newcomers.buddy_is", name=newcomer.buddy_name or "")
        elif newcomer.buddy_status == "open":
            buddy = context.t("newcomers.buddy_asked")
        else:
            buddy = context.t("newcomers.buddy_none")
        task_text = context.t("newcomers.task_yes" if task else "newcomers.task_no")
        lines.append(
            context.t(
                "newcomers.line",
                name=newcomer.name,
                day=day_label_short(context.core.local(newcomer.joined_at), context.lang),
                welcome=context.t(
                    "newcomers.welcome_done" if newcomer.finished_welcome else "newcomers.welcome_open"
                ),
                task=task_text,
                buddy=buddy,
            )
        )
    lines += [
        "",
        context.t(
            "newcomers.summary",
            welcome=counts["welcome"],
            task=counts["task"],
            buddy=counts["buddy"],
            total=len(newcomers),
        ),
    ]
    await say(update, context, "\n".join(lines))


def register(app: AnyApp) -> None:
    app.add_handler(CommandHandler("nieuwkomers", overview))
