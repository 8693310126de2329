"""Hours per month: a member's entries, target, progress, history and away months."""

from __future__ import annotations

from bot.hours.models import (
    Entry,
    MonthNotValid,
    MonthStatus,
    NotYourEntry,
    add_months,
    entry_from,
    parse_month,
)
from bot.hours.rules import HoursRules
from bot.members.service import Member
from storage import hours as sql


class HoursMonths(HoursRules):
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

    async def away_months_ahead(self, member_id: int) -> list[str]:
        """The months from this one on that the member said they are away, soonest first."""
        this = self.this_month()
        return sorted(m for m in await sql.away_months_of(self._db, member_id) if m >= this)

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
