"""What /open lists, one declarative entry per kind of item: most kinds are one query whose rows become
items; two are worked out by a function. Adding a kind is adding an entry (and its text and actions)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.activities.service import Activities
from bot.clock import Clock
from bot.config import Config
from bot.i18n import Texts
from bot.inbox.replies import snippet
from bot.keys.bringing import key_is_covered
from bot.keys.service import Keys
from bot.members.service import Members
from bot.outbox import Outbox
from storage import inbox as sql
from storage import replies as replies_sql
from storage.db import Database, parse_utc


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    activities: Activities
    clock: Clock
    config: Config
    db: Database
    keys: Keys
    members: Members
    outbox: Outbox
    texts: Texts

    def local(self, moment: datetime) -> datetime: ...


KEY_REQUEST_DAYS = 14  # as bot/keys/pending.py
KEY_LOOKAHEAD = timedelta(hours=48)
QUIET_DAYS = 61


@dataclass(frozen=True)
class InboxItem:
    kind: str
    ref: str  # unique within the kind; a short word, so it fits in a button
    since: datetime | None
    params: dict[str, Any] = field(default_factory=dict)  # what the text and the actions need


def _month(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def _months_back(moment: datetime, count: int) -> tuple[str, ...]:
    """This month and the ``count - 1`` before it, as 'YYYY-MM'."""
    year, month, found = moment.year, moment.month, []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(found)


@dataclass(frozen=True)
class Moment:
    """When the inbox is read, and what the queries measure from."""

    now: datetime
    local: datetime
    newcomer_days: int


Rows = Callable[[Database, Moment], Awaitable[list[sqlite3.Row]]]
Param = str | Callable[[sqlite3.Row], Any]  # a column, or what to make of the row


@dataclass(frozen=True)
class Query:
    """A kind of item that one query lists: each row is one item, its ``params`` taken from the row."""

    kind: str
    rows: Rows
    since: str  # the column saying since when it waits
    params: Mapping[str, Param]

    async def items(self, core: Core, moment: Moment) -> list[InboxItem]:
        return [
            InboxItem(self.kind, str(row["id"]), parse_utc(row[self.since]), self._params(row))
            for row in await self.rows(core.db, moment)
        ]

    def _params(self, row: sqlite3.Row) -> dict[str, Any]:
        return {name: row[p] if isinstance(p, str) else p(row) for name, p in self.params.items()}


@dataclass(frozen=True)
class Computed:
    """A kind of item worked out by a function (more than one query, or a rule of another feature)."""

    kind: str
    find: Callable[[Core, Moment], Awaitable[list[InboxItem]]]

    async def items(self, core: Core, moment: Moment) -> list[InboxItem]:
        return await self.find(core, moment)


def columns(*names: str, **renamed: Param) -> dict[str, Param]:
    """Params named as their columns, plus ``param=column`` (or ``param=function of the row``)."""
    return {**{name: name for name in names}, **renamed}


async def _keys_nobody_brings(core: Core, moment: Moment) -> list[InboxItem]:
    """Activities in the next 48 h that need a key nobody is bringing (no single query says it)."""
    now = moment.now
    activities = core.activities
    found = []
    for a in await activities.activities_between(now, now + KEY_LOOKAHEAD):
        if not a.needs_key or a.status == "cancelled" or a.starts_at <= now:
            continue
        if await key_is_covered(core.keys, activities, a):
            continue
        ref = f"{a.id}-{a.starts_at:%Y%m%d%H%M}"
        found.append(
            InboxItem(
                "key_nobody",
                ref,
                a.starts_at,
                {
                    "activity_id": a.id,
                    "title": a.title,
                    "room": a.room or a.place,
                    "starts_at": a.starts_at,
                },
            )
        )
    return found


async def _quiet_members(core: Core, moment: Moment) -> list[InboxItem]:
    """Volunteers without hours for two months; the ref carries the month, so a mark lasts a month."""
    now, local_now = moment.now, moment.local
    rows = await sql.quiet_members(
        core.db,
        now - timedelta(days=QUIET_DAYS),
        (local_now - timedelta(days=QUIET_DAYS)).date(),
        _months_back(local_now, 3),
    )
    coordinators = set(core.config.access.coordinators)
    month = _month(local_now).replace("-", "")
    return [
        InboxItem(
            "quiet",
            f"{row['id']}-{month}",
            parse_utc(row["joined_at"]),
            {"id": row["id"], "name": row["name"], "last_day": row["last_day"]},
        )
        for row in rows
        if row["telegram_id"] not in coordinators
    ]


#: In the order /open shows them: what someone waits for first.
SOURCES: tuple[Query | Computed, ...] = (
    Query("question", lambda db, m: sql.open_questions(db), "since", columns("id", "name", "text")),
    Query(
        "reply",
        lambda db, m: replies_sql.open_replies(db),
        "sent_at",
        columns("id", "name", "text", quote=lambda row: snippet(row["announcement_text"])),
    ),
    Query("buddy", lambda db, m: sql.open_buddy_requests(db), "since", columns("id", "name")),
    Query(
        "key_request",
        lambda db, m: sql.open_key_requests(db, m.now - timedelta(days=KEY_REQUEST_DAYS)),
        "since",
        columns("key_id", "member_id", "name", "label", "note"),
    ),
    Computed("key_nobody", _keys_nobody_brings),
    Query(
        "budget",
        lambda db, m: sql.undecided_budget_requests(db),
        "since",
        columns("id", "name", "purpose", cents="amount_cents", day="for_date"),
    ),
    Query(
        "receipt",
        lambda db, m: sql.receipts_missing(db, m.local.date()),
        "since",
        columns("id", "member_id", "name", "purpose", cents="amount_cents", day="for_date"),
    ),
    Computed("quiet", _quiet_members),
    Query(
        "newcomer",
        lambda db, m: sql.new_members(db, m.now - timedelta(days=m.newcomer_days)),
        "since",
        columns("id", "name", buddy="buddy_status"),
    ),
)
KINDS = tuple(source.kind for source in SOURCES)
