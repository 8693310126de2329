"""Facts about volunteer hours (entries, drafts, month statuses), their errors and small month helpers."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from bot.errors import DomainError, InvalidInput, NotAllowed, NotFound
from bot.members.service import Member

DAY_MAX_MINUTES = 24 * 60


class HoursDayFull(InvalidInput):
    """params: day (ISO date), logged (hours already that day, str), max_hours (24)."""

    text_key = "hours.day_full"


class MonthClosed(DomainError):
    """params: month ('YYYY-MM')."""

    text_key = "hours.month_closed"


class DraftUsed(DomainError):
    """The entry behind this button was already saved (or cancelled): a double press saves nothing."""

    text_key = "hours.already_saved"


class NotYourEntry(NotAllowed):
    text_key = "hours.not_yours"


class EntryGone(NotFound):
    text_key = "hours.entry_gone"


class DayNotUnderstood(InvalidInput):
    """params: text."""

    text_key = "hours.day_not_understood"


class UnknownCategory(InvalidInput):
    text_key = "hours.unknown_category"


class ClaimAlreadyLogged(DomainError):
    text_key = "hours.claim_logged"


class MonthInFuture(InvalidInput):
    text_key = "hours.month_in_future"


@dataclass(frozen=True)
class Entry:
    id: int
    member_id: int
    day: date
    minutes: int
    category: str
    label: str | None
    activity_id: int | None
    claim_id: int | None

    @property
    def month(self) -> str:
        return month_of(self.day)


def entry_from(row: sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"],
        member_id=row["member_id"],
        day=date.fromisoformat(row["day"]),
        minutes=row["minutes"],
        category=row["category"],
        label=row["label"],
        activity_id=row["activity_id"],
        claim_id=row["claim_id"],
    )


@dataclass(frozen=True)
class Draft:
    """An entry being put together; ``entry_id`` is set when it edits an existing entry."""

    id: int
    member_id: int
    entry_id: int | None
    minutes: int | None
    day: date | None
    category: str | None
    label: str | None
    activity_id: int | None
    claim_id: int | None

    @property
    def next_step(self) -> str | None:
        """What is still missing: 'amount', 'day', 'category', or None when ready to confirm."""
        if self.minutes is None:
            return "amount"
        if self.day is None:
            return "day"
        if self.category is None:
            return "category"
        return None


def draft_from(row: sqlite3.Row) -> Draft:
    return Draft(
        id=row["id"],
        member_id=row["member_id"],
        entry_id=row["entry_id"],
        minutes=row["minutes"],
        day=date.fromisoformat(row["day"]) if row["day"] else None,
        category=row["category"],
        label=row["label"],
        activity_id=row["activity_id"],
        claim_id=row["claim_id"],
    )


@dataclass(frozen=True)
class MonthStatus:
    """One member's month: hours logged against the target (0 when away)."""

    month: str
    minutes: int
    target_minutes: int
    away: bool
    closed: bool = False
    entries: int = 0


@dataclass(frozen=True)
class MemberMonth:
    member: Member
    status: MonthStatus


@dataclass(frozen=True)
class Overview:
    month: str
    closed: bool
    rows: list[MemberMonth]
    silent: list[Member]  # no hours in this month and the one before, and not away
    total_minutes: int = 0  # everyone's hours this month, former (removed or erased) members included
    former_minutes: int = 0  # the part of total_minutes logged by members no longer in ``rows``
    away_ahead: tuple[tuple[str, tuple[Member, ...]], ...] = ()  # the next months: who said they are away


@dataclass(frozen=True)
class HoursPrompt:
    """Ask ``member_id`` how long they helped at a claimed task that has ended."""

    claim_id: int
    member_id: int
    activity_id: int
    title: str
    day: date
    minutes: int


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


class MonthNotValid(InvalidInput, ValueError):
    """Not a month like '2026-11' (a garbled or forged button, a typo on the command line)."""


def parse_month(text: str) -> date:
    """'2026-11' -> 2026-11-01; ``MonthNotValid`` (also a ValueError) for anything else."""
    year, _, month = text.partition("-")
    if len(year) != 4 or len(month) != 2 or not (year.isdigit() and month.isdigit()):
        raise MonthNotValid(text)
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        raise MonthNotValid(text) from None


def add_months(month: str, n: int) -> str:
    first = parse_month(month)
    index = first.year * 12 + first.month - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def progress_bar(minutes: int, target_minutes: int, cells: int = 10) -> str:
    """'▓▓▓▓▓▓░░░░' for 6 of 10 hours; full when the target is met or there is none."""
    if target_minutes <= 0:
        filled = cells if minutes > 0 else 0
    else:
        filled = min(cells, int(cells * minutes / target_minutes + 0.5))  # half rounds up
    return "▓" * filled + "░" * (cells - filled)


# Words in a label that tell the category; only ids present in the config are used.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "preparation": ("voorbereid", "inkop", "boodschap", "klaarzet", "opzet", "prepar", "shopping", "setup"),
    "meeting": ("vergader", "overleg", "meeting", "bespreking"),
    "one_to_one": ("hulp bij", "helpen bij", "maatje", "begeleid", "bezoek", "visit", "buddy"),
    "activity": (
        "koffie",
        "spelletje",
        "gesprek",
        "regenboog",
        "atelier",
        "huiswerk",
        "brei",
        "bieb",
        "zwerfafval",
        "prikken",
        "diner",
        "opruim",
        "activiteit",
        "coffee",
        "games",
        "activity",
        "knit",
        "litter",
        "dinner",
    ),
}


def guess_category(label: str | None, categories: tuple[str, ...]) -> str | None:
    if not label:
        return None
    text = label.lower()
    for category, words in CATEGORY_WORDS.items():
        if category in categories and any(word in text for word in words):
            return category
    return None
