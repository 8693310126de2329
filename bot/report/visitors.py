"""How many residents came to an activity: the organiser's answer to the question that
``VisitorQuestions`` (bot/reminders/kinds.py) asks after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.activities.service import Activities
from bot.clock import Clock
from bot.conversation import clear_in
from bot.errors import NotAllowed
from bot.members.service import Member, Members, Role
from bot.report.actions import RANGES
from bot.report.counting import MAX_VISITORS, Count
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


#: The conversation of a typed count ("Ander getal"): step ``number``, draft ``{"activity": id}``.
FLOW = "visitors"


async def record_visitors(core: Core, member: Member, activity_id: int, low: int, high: int) -> Activity:
    """The organiser (or a coordinator) says how many came; a second answer replaces the first."""
    if (low, high) not in RANGES:
        raise NotAllowed()
    return await record_count(core, member, activity_id, Count(low, high))


async def record_count(core: Core, member: Member, activity_id: int, count: Count) -> Activity:
    """A count typed (or chosen among the readings of what was typed): any number or range up to
    ``MAX_VISITORS``. Ends the member's typed-count conversation in the same transaction."""
    if not 0 <= count.low <= count.high <= MAX_VISITORS:
        raise NotAllowed()
    activity = await core.activities.get(activity_id)
    if activity.organiser_id != member.id and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotOrganiser()
    async with core.db.transaction() as conn:
        await sql.set_visitors(conn, activity.id, count.low, count.high, member.id, core.clock.now())
        await clear_in(conn, member.id, FLOW)
    return activity
