"""What the coordinator sees and does with everyone's hours: the month overview, targets, closing.

Every function here checks that the actor is a coordinator: the handlers' gate is not the only guard.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock
from bot.config import Config
from bot.errors import NotAllowed
from bot.hours.models import MemberMonth, MonthInFuture, MonthStatus, Overview, add_months, parse_month
from bot.hours.service import Hours
from bot.members.service import Member, Members, Role
from storage import hours as sql
from storage.db import Database

SILENT_MONTHS = 2
MAX_TARGET_HOURS = 80


class HoursOverview:
    def __init__(self, db: Database, clock: Clock, config: Config, members: Members, hours: Hours) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self._members = members
        self._hours = hours

    def _require_coordinator(self, actor: Member) -> None:
        if self._members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()

    async def overview(self, actor: Member, month: str | None = None) -> Overview:
        """Per active member this month's hours against the target, and who logged nothing for two months."""
        self._require_coordinator(actor)
        return await self.report(month or self._hours.this_month())

    async def report(self, month: str) -> Overview:
        """The overview without an actor: only for trusted callers (the server's CLI export)."""
        parse_month(month)
        members = await self._members.active_members()
        totals = await sql.totals_of_month(self._db, month)
        away = await sql.away_members(self._db, month)
        targets = await sql.all_target_minutes(self._db)
        default = round(self._config.community.monthly_hours_target * 60)
        closed = await sql.is_closed_read(self._db, month)
        rows = []
        for member in members:
            minutes, count = totals.get(member.id, (0, 0))
            target = 0 if member.id in away else targets.get(member.id, default)
            status = MonthStatus(month, minutes, target, member.id in away, closed, count)
            rows.append(MemberMonth(member, status))
        total = sum(minutes for minutes, _ in totals.values())
        listed = sum(row.status.minutes for row in rows)
        silent = await self.silent_members(members)
        ahead = []
        for later in (add_months(month, 1), add_months(month, 2)):
            away_then = await sql.away_members(self._db, later)
            if away_then:
                ahead.append((later, tuple(m for m in members if m.id in away_then)))
        return Overview(
            month,
            closed,
            rows,
            silent,
            total_minutes=total,
            former_minutes=total - listed,
            away_ahead=tuple((later, who) for later, who in ahead if who),
        )

    async def silent_members(self, members: list[Member]) -> list[Member]:
        """Members with no hours this month and last month, and not away in either (no shaming)."""
        this = self._hours.this_month()
        first = add_months(this, -(SILENT_MONTHS - 1))
        logged = await sql.members_with_entries_since(self._db, first)
        away_any = set().union(
            *[await sql.away_members(self._db, add_months(first, i)) for i in range(SILENT_MONTHS)]
        )
        newcomer_since = self._clock.now() - timedelta(days=31 * (SILENT_MONTHS - 1))
        return [
            m
            for m in members
            if m.id not in logged and m.id not in away_any and m.joined_at <= newcomer_since
        ]

    async def set_target(self, actor: Member, member_id: int, hours: int | None) -> int:
        """Give one member their own monthly target (``None``: back to the group's default)."""
        self._require_coordinator(actor)
        target = await self._members.get(member_id)
        if hours is not None and not 0 <= hours <= MAX_TARGET_HOURS:
            raise NotAllowed()
        async with self._db.transaction() as conn:
            await sql.set_target(
                conn, target.id, None if hours is None else hours * 60, actor.id, self._clock.now()
            )
        return await self._hours.target_minutes(target.id)

    async def close_month(self, actor: Member, month: str) -> bool:
        """Close a month: from now on only coordinators change it, each change audited. False if closed."""
        self._require_coordinator(actor)
        parse_month(month)
        if month > self._hours.this_month():
            raise MonthInFuture()
        now = self._clock.now()
        async with self._db.transaction() as conn:
            closed = await sql.close_month(conn, month, actor.id, now)
            if closed:
                await sql.add_audit(conn, month=month, actor_id=actor.id, action="close", now=now)
        return closed

    async def audit(self, actor: Member, month: str) -> list[dict[str, object]]:
        self._require_coordinator(actor)
        return [dict(row) for row in await sql.audit_of_month(self._db, month)]
