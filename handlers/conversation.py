"""Where typed text goes, and what leaving a flow says: one router for every multi-step flow.

The access gate reads the member's conversation with the member (one read per update, on
``context.conversation``). Here, right after the gate: a plain message (or photo) goes to the flow the
member is in; a command other than the flow's own, or a button of another feature, leaves the flow. A flow
with a draft worth keeping says so in one line and stays resumable through its command; others just end.
Features declare their flows as ``FLOWS`` next to their handlers; ``burenbot.telegram_app`` collects them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.conversation import ANSWER_WINDOW, RESUMABLE_FOR, Conversation
from handlers import groups
from handlers.access import command_of
from handlers.common import AnyApp, BotContext, me, say

#: Handles a typed answer (or photo) at the member's step; returning False leaves the message to others.
StepHandler = Callable[[Update, BotContext, Conversation], Awaitable[bool | None]]


@dataclass(frozen=True)
class Flow:
    """A multi-step flow: its name (the conversation's ``flow``), the command that resumes or restarts it,
    the button actions it owns (by name prefix), and what typed text or a photo does at its steps.

    ``left`` gives the one line shown when the member leaves with a draft (the draft stays, paused);
    None, or a ``left`` returning None, ends the conversation without a word (a single open question).
    Typed text answers a step within ``answer_window``; the conversation is gone after ``resumable_for``
    (None: no limit)."""

    name: str
    command: str | None
    actions: tuple[str, ...]
    on_text: StepHandler | None = None
    on_photo: StepHandler | None = None
    left: Callable[[BotContext, Conversation], str | None] | None = None
    answer_window: timedelta | None = ANSWER_WINDOW
    resumable_for: timedelta | None = RESUMABLE_FOR

    def owns(self, callback_data: str | None) -> bool:
        name = (callback_data or "").split(":")[0]
        return any(name == a or name.startswith(a) for a in self.actions)


def flows_of(context: BotContext) -> dict[str, Flow]:
    flows: dict[str, Flow] = context.application.bot_data.get("flows", {})  # bot_data is untyped
    return flows


def step_of(context: BotContext, flow: str) -> Conversation | None:
    """The member's conversation in ``flow`` (current or paused) when not expired (read by the gate:
    no query)."""
    conversation = context.conversation
    if conversation is None or conversation.flow != flow:
        conversation = context.paused.get(flow)
    if conversation is None:
        return None
    declared = flows_of(context).get(flow)
    limit = RESUMABLE_FOR if declared is None else declared.resumable_for
    return None if conversation.older_than(limit, context.core.clock.now()) else conversation


async def put_step(context: BotContext, flow: str, step: str, **draft: object) -> Conversation:
    """Make ``step`` the member's current step in ``flow`` (a write), and remember it for this update;
    a conversation of another flow that was current stays as a paused draft."""
    before = context.conversation
    context.conversation = await context.core.conversations.put(me(context).id, flow, step, dict(draft))
    context.paused.pop(flow, None)
    if before is not None and before.flow != flow:
        context.paused[before.flow] = dataclasses.replace(before, paused=True)
    return context.conversation


async def end_step(context: BotContext, flow: str | None = None) -> None:
    """End the member's current conversation, or the one in ``flow`` (current or paused); writes only
    when there is one."""
    conversation = context.conversation
    if conversation is not None and (flow is None or conversation.flow == flow):
        await context.core.conversations.clear(conversation.member_id, conversation.flow)
        context.conversation = None
    elif flow is not None and flow in context.paused:
        await context.core.conversations.clear(context.paused.pop(flow).member_id, flow)


async def route(update: Update, context: BotContext) -> None:
    conversation, member = context.conversation, context.member
    if conversation is None or member is None or not member.is_active:
        return
    flow = flows_of(context).get(conversation.flow)
    now = context.core.clock.now()
    if flow is None or conversation.older_than(flow.resumable_for, now):
        return
    if update.callback_query is not None:
        if not flow.owns(update.callback_query.data):
            await _leave(update, context, conversation, flow)
        return
    message = update.message
    if message is None:
        return
    command = command_of(message.text, context.bot.username)
    if command is not None:
        if command != flow.command:
            await _leave(update, context, conversation, flow)
        return
    if conversation.paused or conversation.older_than(flow.answer_window, now):
        return
    if message.photo or message.document:
        handler = flow.on_photo
    else:
        handler = flow.on_text if message.text is not None else None
    if handler is None:
        return
    if await handler(update, context, conversation) is not False:
        raise ApplicationHandlerStop


async def _leave(update: Update, context: BotContext, conversation: Conversation, flow: Flow) -> None:
    line = None if conversation.paused or flow.left is None else flow.left(context, conversation)
    if line is None:
        if not conversation.paused:
            await end_step(context)
        return
    await context.core.conversations.pause(conversation.member_id)
    context.conversation = None
    context.paused[conversation.flow] = dataclasses.replace(conversation, paused=True)
    await say(update, context, line)


def register(app: AnyApp) -> None:
    app.add_handler(TypeHandler(Update, route), group=groups.CONVERSATION)
