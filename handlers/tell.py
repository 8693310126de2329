"""Texts for a member other than the one who is talking, in that member's own language.

Sending them is ``handlers.notify.tell`` (through the outbox), re-exported here for the keys and budget
handlers.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.members.service import Member
from handlers.common import core_of
from handlers.notify import coordinators, tell

__all__ = ["coordinators", "tell", "text_for"]


def text_for(
    application: Application[Any, Any, Any, Any, Any, Any], member: Member, key: str, **params: object
) -> str:
    return core_of(application).texts.get(member.language, key, **params)
