"""The figures a municipality or housing corporation asks for, over a period of whole days.

Per month and per kind of activity (its title): activities, visitors (a range, as the organisers
answered), volunteers and their hours; the wijkbudget; new volunteers and who reached the monthly
target. No names: erased members are counted like everyone else, anonymously.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.config import Config
from storage import report as sql
from storage.db import Database


class Core(Protocol):
    """The services the report reads (bot.core.Core provides them)."""

    config: Config
    db: Database

    @property
    def tz(self) -> ZoneInfo: ...


@dataclass(frozen=True)
class KindRow:
    month: str
    kind: str
    activities: int
    visitors_low: int
    visitors_high: int
    unreported: int  # activities without a visitor count
    volunteers: int  # people on it, added up per activity
    minutes: int


@dataclass(frozen=True)
class MonthRow:
    month: str
    activities: int
    visitors_low: int
    visitors_high: int
    minutes: int
    people_with_hours: int
    reached_target: int


@dataclass(frozen=True)
class BudgetLine:
    day: str
    purpose: str
    status: str
    amount_cents: int
    spent_cents: int | None
    receipts: int


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    kinds: list[KindRow]
    months: list[MonthRow]
    volunteers: int  # distinct people on an activity in the period
    new_members: int
    granted_cents: int
    requested_cents: int
    approved_cents: int
    spent_cents: int
    budget_lines: list[BudgetLine]

    @property
    def activities(self) -> int:
        return sum(m.activities for m in self.months)

    @property
    def visitors_low(self) -> int:
        return sum(m.visitors_low for m in self.months)

    @property
    def visitors_high(self) -> int:
        return sum(m.visitors_high for m in self.months)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.months)

    @property
    def left_cents(self) -> int:
        return self.granted_cents - self.spent_cents


def _months(first: date, last: date) -> list[str]:
    found, day = [], first.replace(day=1)
    while day <= last:
        found.append(f"{day.year:04d}-{day.month:02d}")
        day = (day + timedelta(days=32)).replace(day=1)
    return found


async def build_report(core: Core, first: date, last: date) -> Report:
    """Everything from ``first`` to ``last`` inclusive (local days)."""
    tz = core.tz
    start = datetime.combine(first, time(0), tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tz)
    db = core.db
    first_day, last_day = first.isoformat(), last.isoformat()
    hours_of = await sql.hours_per_activity(db, first_day, last_day)
    kinds: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    per_month: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in await sql.activities_in(db, start, end):
        local = datetime.fromisoformat(row["starts_at"]).astimezone(tz)
        month = f"{local.year:04d}-{local.month:02d}"
        cell = kinds[(month, " ".join(row["title"].split()))]
        cell[0] += 1
        if row["low"] is None:
            cell[3] += 1
        else:
            cell[1] += row["low"]
            cell[2] += row["high"]
        cell[4] += row["volunteers"]
        cell[5] += hours_of.get(row["id"], 0)
        per_month[month][0] += 1
        per_month[month][1] += row["low"] or 0
        per_month[month][2] += row["high"] or 0
    default_target = round(core.config.community.monthly_hours_target * 60)
    own_targets = await sql.targets(db)
    reached: dict[str, int] = defaultdict(int)
    for row in await sql.minutes_per_member_month(db, first_day, last_day):
        target = own_targets.get(row["member_id"], default_target)
        if target > 0 and row["minutes"] >= target:
            reached[row["month"]] += 1
    hours = {row["month"]: row for row in await sql.hours_per_month(db, first_day, last_day)}
    months = [
        MonthRow(
            month=m,
            activities=per_month[m][0],
            visitors_low=per_month[m][1],
            visitors_high=per_month[m][2],
            minutes=hours[m]["minutes"] if m in hours else 0,
            people_with_hours=hours[m]["people"] if m in hours else 0,
            reached_target=reached[m],
        )
        for m in _months(first, last)
    ]
    lines = [
        BudgetLine(
            r["for_date"], r["purpose"], r["status"], r["amount_cents"], r["spent_cents"], r["receipts"]
        )
        for r in await sql.budget_requests(db, first_day, last_day)
    ]
    years = sorted({first.year, last.year} | set(range(first.year, last.year + 1)))
    return Report(
        first=first,
        last=last,
        kinds=[KindRow(m, k, *v) for (m, k), v in sorted(kinds.items())],
        months=months,
        volunteers=await sql.volunteers_in(db, start, end),
        new_members=await sql.joined_in(db, start, end),
        granted_cents=await sql.budget_granted(db, years),
        requested_cents=sum(b.amount_cents for b in lines),
        approved_cents=sum(b.amount_cents for b in lines if b.status in ("approved", "settled")),
        spent_cents=sum(b.spent_cents or 0 for b in lines if b.status == "settled"),
        budget_lines=lines,
    )


def quarter_of(day: date, offset: int = 0) -> tuple[date, date]:
    """The quarter containing ``day`` (``offset`` -1: the one before), first and last day."""
    index = (day.year * 4 + (day.month - 1) // 3) + offset
    year, quarter = divmod(index, 4)
    first = date(year, quarter * 3 + 1, 1)
    last = (first + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    return first, last
