"""The rules every hours change is checked against, and the shared state of the ``Hours`` service.

At most ``max_hours_per_entry`` per entry and 24 per day, no future days, no older than ``max_days_back``
days, and a closed month only changes by a coordinator. Members see only their own entries.
"""

from __future__ import annotations

from datetime import date

import aiosqlite

from bot.clock import Clock
from bot.config import Config
from bot.hours.models import (
    DAY_MAX_MINUTES,
    Entry,
    EntryGone,
    HoursDayFull,
    MonthClosed,
    NotYourEntry,
    entry_from,
    month_of,
)
from bot.members.service import Member, Members, Role
from bot.text_errors import DateInFuture, DateTooOld, HoursNotPositive, HoursTooMany
from storage import hours as sql
from storage.db import Database


class HoursRules:
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

    async def entry(self, actor: Member, entry_id: int) -> Entry:
        """One entry, for its owner or a coordinator only (checked here, whatever the button said)."""
        entry = await self._entry_by_id(entry_id)
        self._check_owner(actor, entry)
        return entry

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
