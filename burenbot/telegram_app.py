"""Builds the Telegram Application: every feature registered here, in order, top to bottom."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes, Defaults

from bot.commands import Command
from bot.core import Core
from bot.jobs import Job
from bot.timeparse.parse import warm_up
from handlers import access, announcements, fallback, help, privacy, reminders, rooms, step_drafts
from handlers.activities import agenda as activities
from handlers.activities import group_post
from handlers.activities import new as new_activity
from handlers.budget import command as budget
from handlers.calendar import subscribe as calendar_feeds
from handlers.commands_menu import publish_all_commands
from handlers.common import BotContext
from handlers.errors import on_error
from handlers.hours import entries_csv as hours_entries_csv
from handlers.hours import log as hours
from handlers.hours import overview as hours_overview
from handlers.inbox import open as inbox
from handlers.inbox import replies as inbox_replies
from handlers.keys import command as keys
from handlers.members import hours_fix as member_hours
from handlers.members import membership
from handlers.members import page as member_page
from handlers.onboarding import buddy, faq, questions, welcome
from handlers.onboarding import newcomers as newcomers_overview
from handlers.outbox_sender import start_worker, stop_worker
from handlers.report import verslag

# The gate first, the fallback last: within a group the first matching handler wins, so the fallback only
# answers what no feature understood.
FEATURES: list[ModuleType] = [
    access,
    membership,
    new_activity,
    activities,
    group_post,
    help,
    announcements,
    reminders,
    hours,
    hours_overview,
    hours_entries_csv,
    welcome,
    faq,
    questions,
    buddy,
    newcomers_overview,
    privacy,
    step_drafts,
    keys,
    rooms,
    budget,
    inbox,
    inbox_replies,
    member_page,
    member_hours,
    verslag,
    calendar_feeds,
    fallback,
]

App = Application[Any, BotContext, Any, Any, Any, Any]


def all_commands() -> list[Command]:
    return [command for feature in FEATURES for command in getattr(feature, "COMMANDS", [])]


def all_jobs() -> list[Job]:
    return [job for feature in FEATURES for job in getattr(feature, "JOBS", [])]


def build_application(
    core: Core,
    *,
    token: str,
    base_url: str | None = None,
    base_file_url: str | None = None,
    update_processor: BaseUpdateProcessor | None = None,
    schedule_jobs: bool = True,
) -> App:
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(context=BotContext))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=core.tz,
            )
        )
    )
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or file_url_for(base_url))
    if update_processor is not None:
        builder = builder.concurrent_updates(update_processor)
    if not schedule_jobs:
        builder = builder.job_queue(None)
    application: App = builder.build()
    commands = all_commands()
    application.bot_data.update(core=core, command_list=commands, commands={c.name: c for c in commands})
    for feature in FEATURES:
        feature.register(application)
    application.add_error_handler(on_error)
    if schedule_jobs and application.job_queue is not None:
        for job in all_jobs():
            application.job_queue.run_repeating(
                _job_callback(job), interval=job.every, first=5, name=job.name
            )
    return application


def file_url_for(base_url: str) -> str:
    """'http://host/bot' -> 'http://host/file/bot', as Telegram and the local Bot API server lay it out."""
    head, _, tail = base_url.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}"


def _job_callback(job: Job) -> Callable[[BotContext], Awaitable[None]]:
    async def callback(context: BotContext) -> None:
        await job.run(context.application)

    return callback


async def on_startup(application: App) -> None:
    """After ``initialize()``, before polling: the command menus, the slow first parse done early, and the
    outbox worker (it re-sends what was in flight at the last stop)."""
    await asyncio.to_thread(warm_up)
    await publish_all_commands(application)
    await start_worker(application)


async def on_shutdown(application: App) -> None:
    """Before ``Application.stop()`` (PTB calls ``post_stop`` only from ``run_polling``, which we don't use):
    the outbox worker is cancelled cleanly while the database is still open."""
    await stop_worker(application)
