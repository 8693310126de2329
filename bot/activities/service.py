"""Activities: creating (once or recurring), the agenda, rooms that may not double-book, edit and cancel.

The data classes live in ``bot.activity_models``; the checks on typed input in ``bot.activity_input``.

Claims on tasks and the waitlist live in ``bot.claims``; this service answers the questions other
features ask about the agenda (see the contract methods below).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.activities.changes import (
    ActivityChanges,
    ChangePreview,
    change_items,
    check_changes,
    clean_reason,
)
from bot.activities.errors import (
    ActivityCancelled,
    ActivityNotFound,
    NoTasks,
    NotOrganiser,
    PlacesOutOfRange,
    RoomOverrideNotAllowed,
    RoomTaken,
    TooManyNew,
)
from bot.activities.models import (
    PLACES_MAX,
    Activity,
    ActivityDetail,
    ActivitySummary,
    ClaimSummary,
    NewActivity,
    OpenTask,
    Task,
    TaskRef,
    activity_from_row,
    claim_from_row,
    first_name,
    open_task_from_row,
)
from bot.activities.notices import CHANGED
from bot.activities.recurrence import Repeat, occurrences
from bot.activities.rules import check_times, clean_place, clean_title
from bot.clock import Clock
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from bot.rooms import is_room, places_using, rooms_of
from storage import activities as sql
from storage import claims as claims_sql
from storage.db import Database, utc_text

ActivityStep = Callable[[aiosqlite.Connection, int], Awaitable[None]]


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
        self._notices = notices
        # What follows a change in the same transaction (the group post's edit), passed at bootstrap.
        self._after_change = tuple(after_change)
        self._per_week = per_week

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
        row = await sql.by_id(self._db, activity_id)
        if row is None:
            raise ActivityNotFound()
        return activity_from_row(row)

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
        activity = await self.get(activity_id)
        ids = await claims_sql.member_ids_on(self._db, activity_id)
        return [activity.organiser_id, *[i for i in ids if i != activity.organiser_id]]

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
            self.check_may_override_room(organiser)
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
                    await self._check_room(conn, place, start, end, None)
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
            row = await sql.overlapping_in_room(conn, places_using(rooms_of(place)), start, end, exclude_id)
        return activity_from_row(row) if row else None

    async def _check_room(
        self, conn: aiosqlite.Connection, place: str, start: datetime, end: datetime, exclude: int | None
    ) -> None:
        row = await sql.overlapping_in_room(conn, places_using(rooms_of(place)), start, end, exclude)
        if row is not None:
            other = activity_from_row(row)
            local = other.starts_at.astimezone(self._tz)
            raise RoomTaken(
                activity_id=other.id,
                title=other.title,
                # Numbers only: readable in every language the flat speaks (the error has no reader).
                when=f"{local:%d-%m} {local:%H:%M}–{other.ends_at.astimezone(self._tz):%H:%M}",
            )

    # --- changing -----------------------------------------------------------------------------------

    def check_may_override_room(self, actor: Member) -> None:
        """Only a coordinator books a huiskamer that is already taken (``RoomOverrideNotAllowed``)."""
        if self._members.role_of(actor) < Role.COORDINATOR:
            raise RoomOverrideNotAllowed()

    def can_edit(self, actor: Member, activity: Activity) -> bool:
        return actor.id == activity.organiser_id or self._members.role_of(actor) >= Role.COORDINATOR

    async def _editable(self, actor: Member, activity_id: int) -> Activity:
        activity = await self.get(activity_id)
        if not self.can_edit(actor, activity):
            raise NotOrganiser()
        if activity.cancelled:
            raise ActivityCancelled(title=activity.title)
        return activity

    async def cancel(self, actor: Member, activity_id: int, reason: str = "") -> int:
        """Cancel one activity (one occurrence of a series); it stays in history, with its reason ('' for
        none, ``preset:<name>`` or typed text). The people on it (not the actor) are told in the same
        transaction, with the reason; how many."""
        reason = clean_reason(reason)
        activity = await self._editable(actor, activity_id)
        async with self._db.transaction() as conn:
            await sql.cancel(conn, activity.id, self._clock.now(), reason)
            told = await self._tell_people_in(conn, activity.id, actor, "cancelled", {"reason": reason})
        self._notices.wake()
        return told

    async def preview_changes(
        self, actor: Member, activity_id: int, changes: ActivityChanges
    ) -> ChangePreview:
        """What ``apply_changes`` would tell, and to whom, without changing anything (checked the same
        way: a refused change is refused here first)."""
        await self._editable(actor, activity_id)
        detail = await self.detail(activity_id)
        cleaned = check_changes(detail, changes)
        async with self._db.transaction() as conn:
            await self._check_room_for(conn, detail.activity, cleaned)
        notice = self._edited_notice(detail, cleaned)
        people = []
        for member_id in await self.people_on(activity_id):
            member = await self._members.get(member_id)
            if member_id != actor.id and member.is_active and member.telegram_id is not None:
                people.append(member)
        return ChangePreview(
            changes=cleaned,
            notice=notice,
            member_ids=tuple(m.id for m in people),
            names=tuple(first_name(m.name) for m in people),
        )

    async def apply_changes(
        self, actor: Member, activity_id: int, changes: ActivityChanges, *, tell: bool = True
    ) -> int:
        """Save an edit (title, description, tasks, places) in one transaction; the group post follows,
        and the people on it are told unless the organiser chose not to (how many were told). Checked
        again inside the transaction: a place claimed since the preview still counts."""
        await self._editable(actor, activity_id)
        async with self._db.transaction() as conn:
            detail = await read_detail(self._db.within(conn), activity_id, self._clock.now())
            cleaned = check_changes(detail, changes)
            notice = self._edited_notice(detail, cleaned)
            activity = detail.activity
            await self._check_room_for(conn, activity, cleaned)
            if cleaned.starts_at is not None and cleaned.ends_at is not None:
                await sql.move(conn, activity_id, cleaned.starts_at, cleaned.ends_at)
            if cleaned.place is not None:
                await sql.set_place(
                    conn, activity_id, cleaned.place, is_room(cleaned.place) or activity.needs_key
                )
            if cleaned.title is not None:
                await sql.set_title(conn, activity_id, cleaned.title)
            if cleaned.description is not None:
                await sql.set_description(conn, activity_id, cleaned.description)
            for task_id in cleaned.removed_tasks:
                await sql.delete_task(conn, task_id)
            for task_id, places in cleaned.places:
                await sql.set_task_places(conn, task_id, places)
            position = await sql.next_task_position(conn, activity_id)
            for offset, (title, places) in enumerate(cleaned.new_tasks):
                await sql.insert_task(conn, activity_id, title, places, position + offset)
            if tell:
                told = await self._tell_people_in(conn, activity_id, actor, "edited", notice.data)
            else:
                told = 0
                for step in self._after_change:
                    await step(conn, activity_id)
        self._notices.wake()
        return told

    async def _check_room_for(
        self, conn: aiosqlite.Connection, activity: Activity, changes: ActivityChanges
    ) -> None:
        """A new time or place in a huiskamer must not double-book it (``RoomTaken``)."""
        if changes.starts_at is None and changes.place is None:
            return
        place = changes.place or activity.place
        if is_room(place):
            start, end = changes.starts_at or activity.starts_at, changes.ends_at or activity.ends_at
            await self._check_room(conn, place, start, end, activity.id)

    def _edited_notice(self, detail: ActivityDetail, changes: ActivityChanges) -> Notice:
        a = detail.activity
        data = {
            "title": changes.title or a.title,
            "starts_at": utc_text(changes.starts_at or a.starts_at),
            "ends_at": utc_text(changes.ends_at or a.ends_at),
            "place": changes.place or a.place,
            "change": "edited",
            "items": change_items(detail, changes),
        }
        return Notice(CHANGED, data)

    async def move(
        self, actor: Member, activity_id: int, start: datetime, end: datetime, *, override_room: bool = False
    ) -> int:
        """New time for one activity (one occurrence only); the people on it are told (how many)."""
        activity = await self._editable(actor, activity_id)
        check_times(start, end)
        if override_room:
            self.check_may_override_room(actor)
        async with self._db.transaction() as conn:
            if activity.room and not override_room:
                await self._check_room(conn, activity.place, start, end, activity.id)
            await sql.move(conn, activity.id, start, end)
            told = await self._tell_people_in(conn, activity.id, actor, "moved")
        self._notices.wake()
        return told

    async def change_place(
        self, actor: Member, activity_id: int, place: str, *, override_room: bool = False
    ) -> int:
        """New place for one activity; a huiskamer needs a key. The people on it are told (how many)."""
        place = clean_place(place)
        activity = await self._editable(actor, activity_id)
        if override_room:
            self.check_may_override_room(actor)
        async with self._db.transaction() as conn:
            if is_room(place) and not override_room:
                await self._check_room(conn, place, activity.starts_at, activity.ends_at, activity.id)
            await sql.set_place(conn, activity.id, place, is_room(place) or activity.needs_key)
            told = await self._tell_people_in(conn, activity.id, actor, "place_changed")
        self._notices.wake()
        return told

    async def _tell_people_in(
        self,
        conn: aiosqlite.Connection,
        activity_id: int,
        actor: Member,
        change: str,
        extra: Mapping[str, Any] | None = None,
    ) -> int:
        for step in self._after_change:
            await step(conn, activity_id)
        row, claimers = await sql.told_of_change_in(conn, activity_id)
        assert row is not None
        people = [i for i in [row["organiser_id"], *claimers] if i != actor.id]
        data = {k: row[k] for k in ("title", "starts_at", "ends_at", "place")}
        # Two different edits in the same instant are two notices; the same one retried is one.
        digest = hashlib.sha256(json.dumps(extra or {}, sort_keys=True).encode()).hexdigest()[:12]
        key = (
            f"changed:{activity_id}:{change}:{utc_text(self._clock.now())}:{row['starts_at']}:{row['place']}"
            f":{digest}"
        )
        return await self._notices.tell_all_in(
            conn, people, Notice(CHANGED, {**(extra or {}), **data, "change": change}), key=key
        )


async def read_detail(db: Database, activity_id: int, now: datetime) -> ActivityDetail:
    """An activity's detail read through ``db`` (``Database.within(conn)`` inside a use case)."""
    row = await sql.by_id(db, activity_id)
    if row is None:
        raise ActivityNotFound()
    claimers = await sql.claimers_of(db, activity_id)
    tasks = []
    for task in await sql.tasks_of(db, activity_id, now):
        mine = [c for c in claimers if c["task_id"] == task["id"]]
        tasks.append(
            Task(
                id=task["id"],
                activity_id=activity_id,
                title=task["title"],
                places=task["places"],
                taken=task["taken"],
                names=tuple(first_name(c["display_name"]) for c in mine),
                member_ids=tuple(c["member_id"] for c in mine),
            )
        )
    return ActivityDetail(activity_from_row(row), tuple(tasks))


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()
