"""After each activity the organiser is asked, once, how many residents came (a range, by buttons).

The question goes through the reminder engine (kind 'task'), so it waits for the morning in quiet hours,
goes at most once, and is dropped after ``ASK_FOR``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.errors import NotAllowed
from bot.members.service import Member, Role
from bot.reminders.service import DueReminder
from storage import report as sql

if TYPE_CHECKING:
    from bot.core import Core

ASK_FOR = timedelta(days=3)
#: The buttons: (low, high); the last one is "more than 40", stored as 41..41.
RANGES = ((0, 0), (1, 5), (6, 10), (11, 20), (21, 40), (41, 41))
BUTTON_DATA = "vis:{activity_id}:{low}:{high}"  # declared in handlers/report/visitors.py


class VisitorQuestions:
    def __init__(self, core: Any) -> None:
        self.core = core

    async def due(self, now: datetime) -> list[DueReminder]:
        activities = getattr(self.core, "activities", None)
        if activities is None:
            return []
        found = []
        for a in await activities.activities_between(now - ASK_FOR - timedelta(days=1), now):
            if a.status == "cancelled" or a.organiser_id is None or a.ends_at > now:
                continue
            if a.ends_at + ASK_FOR <= now or await sql.has_visitors(self.core.db, a.id):
                continue
            buttons = [
                (f"report.range.{low}", BUTTON_DATA.format(activity_id=a.id, low=low, high=high))
                for low, high in RANGES
            ]
            found.append(
                DueReminder(
                    key=f"visitors:{a.id}",
                    kind="task",
                    member_id=a.organiser_id,
                    text_key="report.visitors_question",
                    params={"activity": a.title},
                    buttons=[buttons[:3], buttons[3:]],
                    send_after=a.ends_at,
                    useless_after=a.ends_at + ASK_FOR,
                )
            )
        return found


async def record_visitors(core: Core, member: Member, activity_id: int, low: int, high: int) -> Any:
    """The organiser (or a coordinator) says how many came; a second answer replaces the first."""
    if (low, high) not in RANGES:
        raise NotAllowed()
    activity = await core.activities.get(activity_id)
    if activity.organiser_id != member.id and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotAllowed()
    async with core.db.transaction() as conn:
        await sql.set_visitors(conn, activity.id, low, high, member.id, core.clock.now())
    return activity
