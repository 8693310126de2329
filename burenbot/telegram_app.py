"""Builds the Telegram Application: every feature registered here, in order, top to bottom."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.activities import actions as activity_actions
from bot.announcements import actions as announcement_actions
from bot.budget import actions as budget_actions
from bot.callbacks import Action, Actions, actions_in
from bot.commands import Command
from bot.core import Core
from bot.inbox import actions as inbox_actions
from bot.jobs import Job
from bot.keys import actions as key_actions
from bot.onboarding import actions as onboarding_actions
from bot.reminders import actions as reminder_actions
from bot.report import actions as report_actions
from bot.timeparse.parse import warm_up
from handlers import access, announcements, conversation, fallback, help, privacy, reminders, rooms
from handlers.activities import agenda as activities
from handlers.activities import draft as activity_draft
from handlers.activities import edit as activity_edit
from handlers.activities import group_post, whatsapp_group
from handlers.activities import new as new_activity
from handlers.budget import command as budget
from handlers.budget import decisions as budget_decisions
from handlers.budget import steps as budget_steps
from handlers.calendar import subscribe as calendar_feeds
from handlers.commands_menu import publish_all_commands
from handlers.common import BotContext, core_of
from handlers.conversation import Flow
from handlers.errors import on_error
from handlers.hours import entries_csv as hours_entries_csv
from handlers.hours import log as hours
from handlers.hours import overview as hours_overview
from handlers.hours import render as hours_render
from handlers.inbox import open as inbox
from handlers.inbox import replies as inbox_replies
from handlers.keys import bringing as key_bringing
from handlers.keys import command as keys
from handlers.keys import corrections as key_corrections
from handlers.keys import handover as key_handover
from handlers.keys import picker as key_picker
from handlers.keys import requests as key_requests
from handlers.members import hours_fix as member_hours
from handlers.members import invite, membership
from handlers.members import page as member_page
from handlers.members import page_actions as member_page_actions
from handlers.members import picker as member_picker
from handlers.onboarding import buddy, faq, questions, welcome
from handlers.onboarding import newcomers as newcomers_overview
from handlers.outbox_sender import start_worker, stop_worker
from handlers.report import verslag

# The gate first, the fallback last: within a group the first matching handler wins, so the fallback only
# answers what no feature understood.
#: bot_data key of the start-up task that builds the FAQ index.
FAQ_WARM_UP = "faq_warm_up"

FEATURES: list[ModuleType] = [
    access,
    conversation,
    membership,
    invite,
    new_activity,
    activities,
    group_post,
    whatsapp_group,
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

#: Every module that declares button actions (``bot.callbacks.action``): the access gate decodes a press
#: only against these. A test fails when a module declares an action that is missing here.
ACTION_MODULES: list[ModuleType] = [
    activity_actions,
    announcement_actions,
    budget_actions,
    inbox_actions,
    key_actions,
    onboarding_actions,
    reminder_actions,
    report_actions,
    activities,
    activity_draft,
    activity_edit,
    announcements,
    budget,
    budget_decisions,
    budget_steps,
    hours_overview,
    hours_render,
    keys,
    key_corrections,
    key_handover,
    key_picker,
    key_requests,
    membership,
    member_picker,
    invite,
    buddy,
    faq,
    questions,
    welcome,
    privacy,
    reminders,
    rooms,
    inbox,
    inbox_replies,
    key_bringing,
    member_page_actions,
    verslag,
    calendar_feeds,
    hours_entries_csv,
    fallback,
]

App = Application[Any, BotContext, Any, Any, Any, Any]


def all_commands() -> list[Command]:
    return [command for feature in FEATURES for command in getattr(feature, "COMMANDS", [])]


def all_actions() -> list[Action]:
    return actions_in(*ACTION_MODULES)


def all_flows() -> dict[str, Flow]:
    return {flow.name: flow for feature in FEATURES for flow in getattr(feature, "FLOWS", [])}


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
    request: BaseRequest | None = None,
) -> App:
    """``request`` replaces PTB's HTTP layer: the WhatsApp bridge runs the same features on its own."""
    # The job queue type stays open (Any): without scheduled jobs the builder is given None.
    builder: ApplicationBuilder[Any, BotContext, Any, Any, Any, Any] = (
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
    if request is not None:  # no polling: updates come from a webhook (burenbot/whatsapp)
        builder = builder.request(request).updater(None)
    application: App = builder.build()
    commands = all_commands()
    application.bot_data.update(
        core=core,
        command_list=commands,
        commands={c.name: c for c in commands},
        actions=Actions(all_actions()),
        flows=all_flows(),
    )
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


def _job_callback(job: Job) -> Callable[[BotContext], Coroutine[Any, Any, None]]:
    async def callback(context: BotContext) -> None:
        await job.run(context.application)

    return callback


async def on_startup(application: App, *, warm_faq: bool = False) -> None:
    """After ``initialize()``, before polling: the command menus, the slow first parse done early, and the
    outbox worker (it re-sends what was in flight at the last stop)."""
    await asyncio.to_thread(warm_up)
    # ``warm_faq``: build the FAQ index now, in the background. Off for a normal start, where it is built
    # at the first question (a third of a second: the Dutch and English lemma lists; another language's
    # when a member first asks in it), which keeps start-up within bench/startup.py's second; the flood
    # benchmark turns it on to measure the steady state.
    if warm_faq:
        application.bot_data[FAQ_WARM_UP] = asyncio.create_task(core_of(application).wegwijs.warm_up())
    group_post.attach(application)
    await publish_all_commands(application)
    await start_worker(application)


async def faq_ready(application: App) -> None:
    """Until the FAQ index built at start-up is there (tests and benchmarks measure the steady state)."""
    task = application.bot_data.get(FAQ_WARM_UP)
    if task is not None:
        await task


async def on_shutdown(application: App) -> None:
    """Before ``Application.stop()`` (PTB calls ``post_stop`` only from ``run_polling``, which we don't use):
    the outbox worker is cancelled cleanly while the database is still open."""
    warming: asyncio.Task[None] | None = application.bot_data.pop(FAQ_WARM_UP, None)
    if warming is not None and not warming.done():
        warming.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await warming
    await stop_worker(application)
