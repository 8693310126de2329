"""How many residents came to an activity: the organiser's answer to the question that
``VisitorQuestions`` (bot/reminders/kinds.py) asks after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.activities.service import Activities
from bot.clock import Clock
from bot.errors import NotAllowed
from bot.members.service import Member, Members, Role
from bot.report.actions import RANGES
from storage import report as sql
from storage.db import Database

if TYPE_CHECKING:
    from bot.activities.models import Activity


class NotOrganiser(NotAllowed):
    """Someone else than the organiser (or a coordinator) gives the visitor count."""

    text_key = "report.not_organiser"


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    activities: Activities
    clock: Clock
    db: Database
    members: Members


async def record_visitors(core: Core, member: Member, activity_id: int, low: int, high: int) -> Activity:
    """The organiser (or a coordinator) says how many came; a second answer replaces the first."""
    if (low, high) not in RANGES:
        raise NotAllowed()
    activity = await core.activities.get(activity_id)
    if activity.organiser_id != member.id and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotOrganiser()
    async with core.db.transaction() as conn:
        await sql.set_visitors(conn, activity.id, low, high, member.id, core.clock.now())
    return activity
