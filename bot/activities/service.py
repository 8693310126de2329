"""Activities: creating (once or recurring), the agenda, rooms that may not double-book.

Changing an activity (edit with its preview, move, a new place, cancel) lives in ``bot.activities.edits``;
this service builds it and exposes it as ``edits``, with methods of the same names that call it. The data
classes live in ``bot.activities.models``, the checks on typed input in ``bot.activities.rules``, claims on
tasks and the waitlist in ``bot.activities.claims``; this service also answers the questions other features
ask about the agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.activities.edits import ActivityEdits, ActivityStep
from bot.activities.errors import ActivityNotFound, NoTasks, PlacesOutOfRange, TooManyNew
from bot.activities.models import (
    PLACES_MAX,
    Activity,
    ActivityDetail,
    ActivitySummary,
    ClaimSummary,
    NewActivity,
    OpenTask,
    TaskRef,
    activity_from_row,
    claim_from_row,
    open_task_from_row,
)
from bot.activities.reading import activity_in_room, check_room_free, people_on, read_activity, read_detail
from bot.activities.recurrence import Repeat, occurrences
from bot.activities.rules import check_times, clean_place, clean_title
from bot.clock import Clock
from bot.members.service import Member, Members, Role
from bot.notices import Notices
from bot.rooms import is_room
from storage import activities as sql
from storage import claims as claims_sql
from storage.db import Database


class Activities:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: Members,
        tz: ZoneInfo,
        notices: Notices,
        after_change: Sequence[ActivityStep] = (),
        per_week: int | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._tz = tz
        self._per_week = per_week
        # Its changing use cases (edit, move, new place, cancel), called as ``activities.edits.…``; what
        # follows a change there (the group post's edit) is passed at bootstrap.
        self.edits = ActivityEdits(db, clock, members, tz, notices, after_change)

    async def check_may_create(self, organiser: Member) -> None:
        """``TooManyNew`` when a volunteer already made ``per_week`` activities (a series counts once)
        in the last 7 days; coordinators have no limit. Asked before the first question of /nieuw too."""
        if self._per_week is None or self._members.role_of(organiser) >= Role.COORDINATOR:
            return
        since = self._clock.now() - timedelta(days=7)
        if await sql.created_since(self._db, organiser.id, since) >= self._per_week:
            raise TooManyNew(max=self._per_week)

    # --- reading ------------------------------------------------------------------------------------

    async def get(self, activity_id: int) -> Activity:
        return await read_activity(self._db, activity_id)

    async def task(self, task_id: int) -> TaskRef:
        """Which activity a task belongs to, and its title (``ActivityNotFound`` when it is gone)."""
        row = await sql.task_by_id(self._db, task_id)
        if row is None:
            raise ActivityNotFound()
        return TaskRef(id=row["id"], activity_id=row["activity_id"], title=row["title"])

    async def detail(self, activity_id: int) -> ActivityDetail:
        """The activity with its tasks, places taken and the first names of who is on each task."""
        return await read_detail(self._db, activity_id, self._clock.now())

    async def agenda(self, days: int = 14, *, include_cancelled: bool = False) -> list[ActivityDetail]:
        """Planned activities starting from now for ``days`` days, with their tasks (and the cancelled
        ones too when asked: /agenda shows them as cancelled until their date)."""
        now = self._clock.now()
        rows = await sql.starting_between(self._db, now, now + timedelta(days=days))
        wanted = ("planned", "cancelled") if include_cancelled else ("planned",)
        return [await self.detail(row["id"]) for row in rows if row["status"] in wanted]

    async def everything(self) -> list[ActivityDetail]:
        """All activities ever, cancelled ones included (for the calendar export)."""
        return [await self.detail(row["id"]) for row in await sql.all_activities(self._db)]

    async def open_tasks(self, *, limit: int = 3, within_days: int = 14) -> list[OpenTask]:
        """Tasks of planned activities starting within ``within_days`` that still have free places,
        soonest first (used by reminders and announcements to ask people to help)."""
        now = self._clock.now()
        rows = await sql.open_tasks(self._db, now, now + timedelta(days=within_days), now)
        return [open_task_from_row(r) for r in rows[:limit]]

    async def activities_between(self, start: datetime, end: datetime) -> list[ActivitySummary]:
        """Activities (planned and cancelled; check ``status``) starting in [start, end)."""
        rows = await sql.starting_between(self._db, start, end)
        return [
            ActivitySummary(
                id=a.id,
                title=a.title,
                place=a.place,
                room=a.room,
                starts_at=a.starts_at,
                ends_at=a.ends_at,
                status=a.status,
                organiser_id=a.organiser_id,
                needs_key=a.needs_key,
            )
            for a in map(activity_from_row, rows)
        ]

    async def upcoming_claims(self, member_id: int) -> list[ClaimSummary]:
        """The member's claims on planned activities that have not ended yet, soonest first."""
        rows = await claims_sql.upcoming_for_member(self._db, member_id, self._clock.now())
        return [claim_from_row(r) for r in rows]

    async def claims_in_month(self, member_id: int, month: str) -> list[ClaimSummary]:
        """The member's places on activities that start later in ``month`` ('2026-12', local time):
        what someone who says they are away that month still holds."""
        now = self._clock.now()
        return [
            c
            for c in await self.upcoming_claims(member_id)
            if c.starts_at > now and f"{c.starts_at.astimezone(self._tz):%Y-%m}" == month
        ]

    async def claims_ending_between(self, start: datetime, end: datetime) -> list[ClaimSummary]:
        """Claims on planned activities that end in [start, end) (for "how many hours?" prompts)."""
        return [claim_from_row(r) for r in await claims_sql.ending_between(self._db, start, end)]

    async def people_on(self, activity_id: int) -> list[int]:
        """Member ids with a claim on the activity, plus the organiser (no duplicates)."""
        return await people_on(self._db, activity_id)

    # --- creating -----------------------------------------------------------------------------------

    async def create(
        self,
        organiser: Member,
        new: NewActivity,
        *,
        repeat: Repeat | None = None,
        override_room: bool = False,
    ) -> list[int]:
        """Save the activity (or every occurrence of a series) with its tasks in one transaction.

        Raises ``RoomTaken`` when a huiskamer is already booked, unless a coordinator overrides.
        """
        title = clean_title(new.title)
        place = clean_place(new.place)
        check_times(new.starts_at, new.ends_at)
        if not new.tasks:
            raise NoTasks()
        for _, places in new.tasks:
            if not 1 <= places <= PLACES_MAX:
                raise PlacesOutOfRange(max=PLACES_MAX)
        if override_room:
            self.edits.check_may_override_room(organiser)
        await self.check_may_create(organiser)
        now = self._clock.now()
        times = occurrences(new.starts_at, new.ends_at, repeat, self._tz)
        ids: list[int] = []
        async with self._db.transaction() as conn:
            series_id = None
            if repeat is not None:
                series_id = await sql.insert_series(conn, repeat.rule, organiser.id, now)
            for number, (start, end) in enumerate(times, start=1):
                if is_room(place) and not override_room:
                    await check_room_free(conn, self._tz, place, start, end, None)
                activity_id = await sql.insert_activity(
                    conn,
                    title=title,
                    description=new.description,
                    place=place,
                    starts_at=start,
                    ends_at=end,
                    audience=new.audience,
                    needs_key=new.needs_key,
                    organiser_id=organiser.id,
                    series_id=series_id,
                    occurrence=number if series_id else None,
                    now=now,
                )
                for position, (task_title, places) in enumerate(new.tasks):
                    await sql.insert_task(conn, activity_id, task_title, places, position)
                ids.append(activity_id)
        return ids

    async def room_conflict(
        self, place: str, start: datetime, end: datetime, exclude_id: int | None = None
    ) -> Activity | None:
        """The planned activity in the way in that huiskamer (or either, for both), if any."""
        if not is_room(place):
            return None
        async with self._db.transaction() as conn:
            return await activity_in_room(conn, place, start, end, exclude_id)
