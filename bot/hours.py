"""Volunteer hours: logging (via single-use drafts), editing, month progress, away months and closing.

Rules live here, checked inside the write transaction so nothing is saved twice or half: at most
``max_hours_per_entry`` per entry and 24 per day, no future days, no older than ``max_days_back`` days,
and a closed month only changes by a coordinator, with every such change in the audit table.
Members see only their own entries; coordinators may see and change everyone's.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.config import Config
from bot.hours_model import (
    DAY_MAX_MINUTES,
    DayNotUnderstood,
    Draft,
    DraftUsed,
    Entry,
    EntryGone,
    HoursDayFull,
    MonthClosed,
    MonthNotValid,
    MonthStatus,
    NotYourEntry,
    UnknownCategory,
    add_months,
    draft_from,
    entry_from,
    guess_category,
    month_of,
    parse_month,
)
from bot.hours_prompts import ensure_not_logged, prompt_for
from bot.hoursparse import parse_hours_entry
from bot.members import Member, Members, Role
from bot.text_errors import DateInFuture, DateTooOld, HoursNotPositive, HoursTooMany, TimeNotUnderstood
from bot.timeparse_rules import extract_day
from storage import hours as sql
from storage.db import Database

DRAFT_LIFETIME = timedelta(days=2)
TEXT_ANSWER_WINDOW = timedelta(minutes=30)


class Hours:
    def __init__(self, db: Database, clock: Clock, config: Config, members: Members) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self._members = members

    @property
    def categories(self) -> tuple[str, ...]:
        return self._config.hours.categories

    @property
    def max_days_back(self) -> int:
        return self._config.hours.max_days_back

    def today(self) -> date:
        return self._clock.now().astimezone(self._config.community.tz).date()

    def this_month(self) -> str:
        return month_of(self.today())

    def _is_coordinator(self, member: Member) -> bool:
        return self._members.role_of(member) is Role.COORDINATOR

    # --- drafts ------------------------------------------------------------------------------------

    async def draft_from_text(self, member: Member, text: str) -> Draft:
        """Understand '2,5 gisteren koffieochtend' into a draft waiting for Confirm (category guessed)."""
        parsed = parse_hours_entry(
            text,
            self._clock.now(),
            tz=self._config.community.tz,
            lang=member.language,
            max_days_back=self.max_days_back,
        )
        self._check_minutes(parsed.minutes)
        values = {
            "member_id": member.id,
            "minutes": parsed.minutes,
            "day": parsed.day.isoformat(),
            "label": parsed.label,
            "category": guess_category(parsed.label, self.categories),
        }
        return await self._new_draft(values)

    async def start_draft(self, member: Member, minutes: int | None = None) -> Draft:
        if minutes is not None:
            self._check_minutes(minutes)
        return await self._new_draft({"member_id": member.id, "minutes": minutes})

    async def claim_draft(self, member: Member, claim_id: int) -> Draft:
        """A draft for a claimed task whose amount the member will choose or type."""
        found = await prompt_for(self._db, member, claim_id)
        values = {
            "member_id": member.id,
            "day": found.day.isoformat(),
            "category": self._claim_category(),
            "label": found.title,
            "activity_id": found.activity_id,
            "claim_id": found.claim_id,
        }
        return await self._new_draft(values)

    def parse_day(self, text: str) -> date:
        """A typed day ('zaterdag', '14 november', '14-11'), read backwards from today."""
        try:
            found = extract_day(" ".join(text.lower().split()), self.today(), past=True)
        except TimeNotUnderstood:
            raise DayNotUnderstood(text=text.strip()[:40]) from None
        if found.day is None or found.rest.strip(" ,."):
            raise DayNotUnderstood(text=text.strip()[:40])
        self._check_day(found.day, allow_old=False)
        return found.day

    def _claim_category(self) -> str:
        return "activity" if "activity" in self.categories else self.categories[-1]

    async def edit_draft(self, actor: Member, entry_id: int) -> Draft:
        """A draft holding an existing entry, to change it and confirm again."""
        entry = await self.entry(actor, entry_id)
        values = {
            "member_id": entry.member_id,
            "entry_id": entry.id,
            "minutes": entry.minutes,
            "day": entry.day.isoformat(),
            "category": entry.category,
            "label": entry.label,
            "activity_id": entry.activity_id,
        }
        return await self._new_draft(values, owner=actor.id)

    async def _new_draft(self, values: dict[str, Any], owner: int | None = None) -> Draft:
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.delete_old_drafts(conn, now - DRAFT_LIFETIME)
            await sql.clear_awaiting(conn, owner or values["member_id"])
            # The draft belongs to whoever builds it (a coordinator editing someone's entry).
            draft_id = await sql.insert_draft(
                conn, {**values, "member_id": owner or values["member_id"]}, now
            )
        return await self.draft(await self._members.get(owner or values["member_id"]), draft_id)

    async def draft(self, member: Member, draft_id: int) -> Draft:
        """The member's open draft; ``DraftUsed`` for one already saved, cancelled or someone else's."""
        row = await sql.draft(self._db, draft_id)
        if row is None or row["member_id"] != member.id or row["used_at"] is not None:
            raise DraftUsed()
        return draft_from(row)

    async def set_minutes(self, member: Member, draft_id: int, minutes: int) -> Draft:
        self._check_minutes(minutes)
        return await self._set(member, draft_id, "minutes", minutes)

    async def set_day(self, member: Member, draft_id: int, day: date) -> Draft:
        self._check_day(day, allow_old=False)
        return await self._set(member, draft_id, "day", day.isoformat())

    async def set_days_ago(self, member: Member, draft_id: int, days_ago: int) -> Draft:
        """The day buttons: today (0), yesterday (1), ... never further back than the rules allow."""
        if not 0 <= days_ago <= self.max_days_back:
            raise DateTooOld(day="", max_days_back=self.max_days_back)
        return await self.set_day(member, draft_id, self.today() - timedelta(days=days_ago))

    async def set_category(self, member: Member, draft_id: int, category: str) -> Draft:
        if category not in self.categories:
            raise UnknownCategory()
        return await self._set(member, draft_id, "category", category)

    async def clear_field(self, member: Member, draft_id: int, step: str) -> Draft:
        """Forget one part of the draft so it is asked again ('amount', 'day' or 'category')."""
        name = {"amount": "minutes", "day": "day", "category": "category"}[step]
        return await self._set(member, draft_id, name, None)

    async def wait_for_text(self, member: Member, draft_id: int, step: str) -> Draft:
        """The member will type the amount or the day; their next plain message answers this draft."""
        await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            await sql.clear_awaiting(conn, member.id)
            await sql.set_draft_field(conn, draft_id, "awaiting", step)
        return await self.draft(member, draft_id)

    async def waiting_draft(self, member: Member) -> tuple[Draft, str] | None:
        row = await sql.awaiting_draft(self._db, member.id, self._clock.now() - TEXT_ANSWER_WINDOW)
        return None if row is None else (draft_from(row), row["awaiting"])

    async def stop_waiting(self, member: Member) -> None:
        async with self._db.transaction() as conn:
            await sql.clear_awaiting(conn, member.id)

    async def cancel_draft(self, member: Member, draft_id: int) -> None:
        await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            await sql.use_draft(conn, draft_id, self._clock.now())

    async def _set(self, member: Member, draft_id: int, name: str, value: Any) -> Draft:
        await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            if not await sql.set_draft_field(conn, draft_id, name, value):
                raise DraftUsed()
            await sql.set_draft_field(conn, draft_id, "awaiting", None)
        return await self.draft(member, draft_id)

    # --- saving ------------------------------------------------------------------------------------

    async def confirm(self, member: Member, draft_id: int) -> Entry:
        """Save the draft as a new entry or as the change of the entry it edits. Single use."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            row = await sql.draft_in(conn, draft_id)
            if row is None or row["member_id"] != member.id or not await sql.use_draft(conn, draft_id, now):
                raise DraftUsed()
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
                entry_id = await self._add(conn, member, values, now)
            else:
                entry_id = await self._change(conn, member, draft.entry_id, values, now)
        return await self._entry_by_id(entry_id)

    async def _add(
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

    async def _change(
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
        now = self._clock.now()
        async with self._db.transaction() as conn:
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
                    now=now,
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

    # --- reading -----------------------------------------------------------------------------------

    async def entry(self, actor: Member, entry_id: int) -> Entry:
        """One entry, for its owner or a coordinator only (checked here, whatever the button said)."""
        entry = await self._entry_by_id(entry_id)
        self._check_owner(actor, entry)
        return entry

    async def entries(self, actor: Member, member_id: int, month: str) -> list[Entry]:
        parse_month(month)
        if member_id != actor.id and not self._is_coordinator(actor):
            raise NotYourEntry()
        return [entry_from(row) for row in await sql.entries_of_month(self._db, member_id, month)]

    async def target_minutes(self, member_id: int) -> int:
        own = await sql.target_minutes(self._db, member_id)
        return own if own is not None else round(self._config.community.monthly_hours_target * 60)

    async def month_status(self, member_id: int, month: str) -> MonthStatus:
        """Hours and target of one member in one month; reminders skip members with ``away``."""
        totals = await sql.month_totals_of(self._db, member_id, month, month)
        away = await sql.is_away(self._db, member_id, month)
        target = 0 if away else await self.target_minutes(member_id)
        closed = await sql.is_closed_read(self._db, month)
        return MonthStatus(month, totals.get(month, 0), target, away, closed)

    async def history(self, member_id: int, months: int = 12) -> list[MonthStatus]:
        """The last ``months`` months up to this one, oldest first, with each month's target."""
        last = self.this_month()
        first = add_months(last, -(months - 1))
        totals = await sql.month_totals_of(self._db, member_id, first, last)
        away = await sql.away_months_of(self._db, member_id)
        target = await self.target_minutes(member_id)
        result = []
        for i in range(months):
            month = add_months(first, i)
            result.append(
                MonthStatus(month, totals.get(month, 0), 0 if month in away else target, month in away)
            )
        return result

    async def set_away(self, member: Member, month: str, away: bool) -> MonthStatus:
        """Mark a month as away (holiday, illness): target 0 and no nudges.

        Last month (while it is open), this month or one of the next twelve: nothing else, even forged.
        """
        parse_month(month)
        this = self.this_month()
        if not add_months(this, -1) <= month <= add_months(this, 12):
            raise MonthNotValid(month)
        async with self._db.transaction() as conn:
            if month < this:
                await self._check_open(conn, member, {month})
            await sql.set_away(conn, member.id, month, away, self._clock.now())
        return await self.month_status(member.id, month)

    # --- checks ------------------------------------------------------------------------------------

    def _check_owner(self, actor: Member, entry: Entry) -> None:
        if entry.member_id != actor.id and not self._is_coordinator(actor):
            raise NotYourEntry()

    def _check_minutes(self, minutes: int) -> None:
        if minutes <= 0:
            raise HoursNotPositive()
        if minutes > self._config.hours.max_hours_per_entry * 60:
            raise HoursTooMany(max_hours=self._config.hours.max_hours_per_entry)

    def _check_day(self, day: date, *, allow_old: bool) -> None:
        today = self.today()
        if day > today:
            raise DateInFuture(day=day.isoformat())
        if not allow_old and (today - day).days > self.max_days_back:
            raise DateTooOld(day=day.isoformat(), max_days_back=self.max_days_back)

    async def _check_day_total(
        self, conn: aiosqlite.Connection, member_id: int, day: date, minutes: int, except_id: int | None
    ) -> None:
        logged = await sql.day_total(conn, member_id, day.isoformat(), except_id)
        if logged + minutes > DAY_MAX_MINUTES:
            raise HoursDayFull(day=day.isoformat(), logged=_hours_text(logged), max_hours=24)

    async def _check_open(self, conn: aiosqlite.Connection, actor: Member, months: set[str]) -> bool:
        """True when a month is closed and the actor, a coordinator, may still change it (audited)."""
        closed = [month for month in sorted(months) if await sql.is_closed(conn, month)]
        if closed and not self._is_coordinator(actor):
            raise MonthClosed(month=closed[0])
        return bool(closed)

    async def _entry_by_id(self, entry_id: int) -> Entry:
        row = await sql.entry_read(self._db, entry_id)
        if row is None:
            raise EntryGone()
        return entry_from(row)


def _hours_text(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def _snapshot(values: dict[str, Any]) -> str:
    keys = ("member_id", "day", "minutes", "category", "label")
    return json.dumps({key: values.get(key) for key in keys}, ensure_ascii=False, sort_keys=True)
