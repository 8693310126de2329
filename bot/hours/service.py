"""Volunteer hours: logging (via single-use drafts), editing, month progress, away months and closing.

Rules live in ``bot.hours_rules``, checked inside the write transaction so nothing is saved twice or half:
at most ``max_hours_per_entry`` per entry and 24 per day, no future days, no older than ``max_days_back``
days, and a closed month only changes by a coordinator, with every such change in the audit table.
Members see only their own entries; coordinators may see and change everyone's.

``Hours`` is one service in three parts: drafts (``bot.hours_drafts``), months (``bot.hours_months``) and
saving, here.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.conversation import clear_in
from bot.hours.drafts import FLOW, HoursDrafts
from bot.hours.models import DraftUsed, Entry, EntryGone, UnknownCategory, draft_from, entry_from, month_of
from bot.hours.months import HoursMonths
from bot.hours.prompts import ensure_not_logged, prompt_for
from bot.members.service import Member
from bot.text_errors import DateInFuture
from storage import hours as sql


class Hours(HoursDrafts, HoursMonths):
    # --- saving ------------------------------------------------------------------------------------

    async def confirm(self, member: Member, draft_id: int) -> Entry:
        """Save the draft as a new entry or as the change of the entry it edits. Single use."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            row = await sql.draft_in(conn, draft_id)
            if row is None or row["member_id"] != member.id or not await sql.use_draft(conn, draft_id, now):
                raise DraftUsed()
            await clear_in(conn, member.id, FLOW)  # saved: the hours conversation ends with it
            draft = draft_from(row)
            if draft.next_step is not None:
                raise DraftUsed()
            assert draft.minutes is not None and draft.day is not None and draft.category is not None
            values = {
                "day": draft.day.isoformat(),
                "month": month_of(draft.day),
                "minutes": draft.minutes,
                "category": draft.category,
                "label": draft.label,
            }
            if draft.entry_id is None:
                values |= {
                    "member_id": member.id,
                    "activity_id": draft.activity_id,
                    "claim_id": draft.claim_id,
                }
                if draft.claim_id is not None:
                    await ensure_not_logged(conn, draft.claim_id)
                entry_id = await self.add_in(conn, member, values, now)
            else:
                entry_id = await self.change_in(conn, member, draft.entry_id, values, now)
        return await self._entry_by_id(entry_id)

    async def add_in(
        self, conn: aiosqlite.Connection, actor: Member, values: dict[str, Any], now: datetime
    ) -> int:
        day = date.fromisoformat(values["day"])
        self._check_minutes(values["minutes"])
        self._check_day(day, allow_old=self._is_coordinator(actor))
        if values["category"] not in self.categories:
            raise UnknownCategory()
        await self._check_day_total(conn, values["member_id"], day, values["minutes"], None)
        closed = await self._check_open(conn, actor, {values["month"]})
        entry_id = await sql.insert_entry(conn, values, now)
        if closed:
            await sql.add_audit(
                conn,
                month=values["month"],
                actor_id=actor.id,
                action="add",
                now=now,
                member_id=values["member_id"],
                entry_id=entry_id,
                after=_snapshot(values),
            )
        return entry_id

    async def change_in(
        self, conn: aiosqlite.Connection, actor: Member, entry_id: int, values: dict[str, Any], now: datetime
    ) -> int:
        row = await sql.entry(conn, entry_id)
        if row is None:
            raise EntryGone()
        old = entry_from(row)
        self._check_owner(actor, old)
        day = date.fromisoformat(values["day"])
        self._check_minutes(values["minutes"])
        self._check_day(day, allow_old=day == old.day or self._is_coordinator(actor))
        if values["category"] not in self.categories and values["category"] != old.category:
            raise UnknownCategory()
        await self._check_day_total(conn, old.member_id, day, values["minutes"], old.id)
        closed = await self._check_open(conn, actor, {old.month, values["month"]})
        await sql.update_entry(conn, old.id, values, now)
        if closed:
            for month in sorted({old.month, values["month"]}):
                await sql.add_audit(
                    conn,
                    month=month,
                    actor_id=actor.id,
                    action="edit",
                    now=now,
                    member_id=old.member_id,
                    entry_id=old.id,
                    before=_snapshot(dict(row)),
                    after=_snapshot(values),
                )
        return old.id

    async def delete_entry(self, actor: Member, entry_id: int) -> Entry:
        async with self._db.transaction() as conn:
            return await self.delete_in(conn, actor, entry_id)

    async def delete_in(self, conn: aiosqlite.Connection, actor: Member, entry_id: int) -> Entry:
        """Delete an entry of the actor's (any, for a coordinator) in the caller's transaction; audited
        when its month is closed, so a coordinator's correction can tell the member in the same one."""
        row = await sql.entry(conn, entry_id)
        if row is None:
            raise EntryGone()
        entry = entry_from(row)
        self._check_owner(actor, entry)
        if await self._check_open(conn, actor, {entry.month}):
            await sql.add_audit(
                conn,
                month=entry.month,
                actor_id=actor.id,
                action="delete",
                now=self._clock.now(),
                member_id=entry.member_id,
                entry_id=entry.id,
                before=_snapshot(dict(row)),
            )
        await sql.delete_entry(conn, entry.id)
        return entry

    async def log_claim(self, member: Member, claim_id: int, minutes: int) -> Entry:
        """One press after a claimed task: log it linked to the activity. A claim is logged once."""
        found = await prompt_for(self._db, member, claim_id)
        now = self._clock.now()
        values = {
            "member_id": member.id,
            "day": found.day.isoformat(),
            "month": month_of(found.day),
            "minutes": minutes,
            "category": self._claim_category(),
            "label": found.title,
            "activity_id": found.activity_id,
            "claim_id": found.claim_id,
        }
        async with self._db.transaction() as conn:
            await ensure_not_logged(conn, claim_id)
            entry_id = await self._add_claimed(conn, member, values, now)
        return await self._entry_by_id(entry_id)

    async def _add_claimed(
        self, conn: aiosqlite.Connection, member: Member, values: dict[str, Any], now: datetime
    ) -> int:
        day = date.fromisoformat(values["day"])
        self._check_minutes(values["minutes"])
        if day > self.today():
            raise DateInFuture(day=day.isoformat())
        await self._check_day_total(conn, member.id, day, values["minutes"], None)
        await self._check_open(conn, member, {values["month"]})
        return await sql.insert_entry(conn, values, now)


def _snapshot(values: dict[str, Any]) -> str:
    keys = ("member_id", "day", "minutes", "category", "label")
    return json.dumps({key: values.get(key) for key in keys}, ensure_ascii=False, sort_keys=True)
