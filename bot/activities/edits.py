"""Changing a planned activity: edit (title, description, tasks, places, time, place) with its preview,
move, a new place, cancel. Each use case commits the change and tells the people on the activity in the
same transaction; what else follows a change (the group post) is passed in at bootstrap.

``Activities`` builds one of these and exposes it as ``activities.edits`` (its methods of the same name
call it), so callers keep asking the activities service.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.activities.changes import ActivityChanges, ChangePreview, change_items, check_changes, clean_reason
from bot.activities.errors import ActivityCancelled, NotOrganiser, RoomOverrideNotAllowed
from bot.activities.models import Activity, ActivityDetail, first_name
from bot.activities.notices import CHANGED
from bot.activities.reading import check_room_free, people_on, read_activity, read_detail
from bot.activities.rules import check_times, clean_place
from bot.clock import Clock
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from bot.rooms import is_room
from storage import activities as sql
from storage.db import Database, utc_text

ActivityStep = Callable[[aiosqlite.Connection, int], Awaitable[None]]


class ActivityEdits:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: Members,
        tz: ZoneInfo,
        notices: Notices,
        after_change: Sequence[ActivityStep] = (),
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._tz = tz
        self._notices = notices
        # What follows a change in the same transaction (the group post's edit), passed at bootstrap.
        self._after_change = tuple(after_change)

    def check_may_override_room(self, actor: Member) -> None:
        """Only a coordinator books a huiskamer that is already taken (``RoomOverrideNotAllowed``)."""
        if self._members.role_of(actor) < Role.COORDINATOR:
            raise RoomOverrideNotAllowed()

    def can_edit(self, actor: Member, activity: Activity) -> bool:
        return actor.id == activity.organiser_id or self._members.role_of(actor) >= Role.COORDINATOR

    async def _editable(self, actor: Member, activity_id: int) -> Activity:
        activity = await read_activity(self._db, activity_id)
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
        detail = await read_detail(self._db, activity_id, self._clock.now())
        cleaned = check_changes(detail, changes)
        async with self._db.transaction() as conn:
            await self._check_room_for(conn, detail.activity, cleaned)
        notice = self._edited_notice(detail, cleaned)
        people = []
        for member_id in await people_on(self._db, activity_id):
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
            await check_room_free(conn, self._tz, place, start, end, activity.id)

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
                await check_room_free(conn, self._tz, activity.place, start, end, activity.id)
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
                start, end = activity.starts_at, activity.ends_at
                await check_room_free(conn, self._tz, place, start, end, activity.id)
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
