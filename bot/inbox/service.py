"""The coordinator's inbox: open items gathered from the other features, and marking one as handled.

Most items leave by themselves when their own action is done (a question answered, a buddy paired, a
budget request decided, a key handed over). Items without such an end (a new member, a quiet member, a
key request sorted out by phone) are marked handled here; a quiet member's mark lasts for the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.activities.service import Activities
from bot.clock import Clock
from bot.config import Config
from bot.errors import DomainError, NotAllowed
from bot.i18n import Texts
from bot.inbox.replies import snippet
from bot.keys.bringing import key_is_covered
from bot.keys.service import Keys
from bot.members.service import Member, Members, Role
from bot.outbox import NOTICE, NewMessage, Outbox
from storage import inbox as sql
from storage import replies as replies_sql
from storage.db import Database, parse_utc


#: In the order /open shows them: what someone waits for first.
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


KINDS = ("question", "reply", "buddy", "key_request", "key_nobody", "budget", "receipt", "quiet", "newcomer")
KEY_REQUEST_DAYS = 14  # as bot/keys/pending.py
KEY_LOOKAHEAD = timedelta(hours=48)
QUIET_DAYS = 61


class ItemGone(DomainError):
    """The item was handled meanwhile (by this or another coordinator)."""

    text_key = "inbox.item_gone"


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


class Inbox:
    def __init__(self, core: Core) -> None:
        self._core = core

    async def items(self, actor: Member) -> list[InboxItem]:
        """Every open item, in the order of ``KINDS`` and, within a kind, oldest first."""
        self._require_coordinator(actor)
        core = self._core
        db = core.db
        now = core.clock.now()
        local_now = core.local(now)
        handled = await sql.handled_refs(db)
        found: list[InboxItem] = []

        for row in await sql.open_questions(db):
            found.append(
                InboxItem(
                    "question",
                    str(row["id"]),
                    parse_utc(row["since"]),
                    {"id": row["id"], "name": row["name"], "text": row["text"]},
                )
            )
        for row in await replies_sql.open_replies(db):
            found.append(
                InboxItem(
                    "reply",
                    str(row["id"]),
                    parse_utc(row["sent_at"]),
                    {
                        "id": row["id"],
                        "name": row["name"],
                        "text": row["text"],
                        "quote": snippet(row["announcement_text"]),
                    },
                )
            )
        for row in await sql.open_buddy_requests(db):
            found.append(
                InboxItem(
                    "buddy", str(row["id"]), parse_utc(row["since"]), {"id": row["id"], "name": row["name"]}
                )
            )
        for row in await sql.open_key_requests(db, now - timedelta(days=KEY_REQUEST_DAYS)):
            found.append(
                InboxItem(
                    "key_request",
                    str(row["id"]),
                    parse_utc(row["since"]),
                    {
                        "key_id": row["key_id"],
                        "member_id": row["member_id"],
                        "name": row["name"],
                        "label": row["label"],
                        "note": row["note"],
                    },
                )
            )
        found += await self._keys_nobody_brings(now)
        for row in await sql.undecided_budget_requests(db):
            found.append(
                InboxItem(
                    "budget",
                    str(row["id"]),
                    parse_utc(row["since"]),
                    {
                        "id": row["id"],
                        "name": row["name"],
                        "purpose": row["purpose"],
                        "cents": row["amount_cents"],
                        "day": row["for_date"],
                    },
                )
            )
        for row in await sql.receipts_missing(db, local_now.date()):
            found.append(
                InboxItem(
                    "receipt",
                    str(row["id"]),
                    parse_utc(row["since"]),
                    {
                        "id": row["id"],
                        "member_id": row["member_id"],
                        "name": row["name"],
                        "purpose": row["purpose"],
                        "cents": row["amount_cents"],
                        "day": row["for_date"],
                    },
                )
            )
        found += await self._quiet_members(now)
        joined_since = now - timedelta(days=core.config.access.newcomer_days)
        for row in await sql.new_members(db, joined_since):
            found.append(
                InboxItem(
                    "newcomer",
                    str(row["id"]),
                    parse_utc(row["since"]),
                    {"id": row["id"], "name": row["name"], "buddy": row["buddy_status"]},
                )
            )
        return [item for item in found if (item.kind, item.ref) not in handled]

    async def count(self, actor: Member) -> int:
        return len(await self.items(actor))

    async def item(self, actor: Member, kind: str, ref: str) -> InboxItem:
        """One open item; ``ItemGone`` when it was handled meanwhile."""
        for item in await self.items(actor):
            if item.kind == kind and item.ref == ref:
                return item
        raise ItemGone()

    async def mark_handled(self, actor: Member, kind: str, ref: str) -> InboxItem:
        """The coordinator says this item needs nothing more; it leaves /open."""
        item = await self.item(actor, kind, ref)
        async with self._core.db.transaction() as conn:
            if not await sql.mark_handled(conn, kind, ref, self._core.clock.now()):
                raise ItemGone()
        return item

    async def ask_for_receipt(self, actor: Member, ref: str) -> InboxItem:
        """Ask the member to send the missing receipt: the reminder is queued in the same transaction
        that takes the item off the list, so it goes exactly once."""
        item = await self.item(actor, "receipt", ref)
        core = self._core
        member = await core.members.get(item.params["member_id"])
        async with core.db.transaction() as conn:
            if not await sql.mark_handled(conn, "receipt", ref, core.clock.now()):
                raise ItemGone()
            if member.telegram_id is not None and member.is_active:
                text = core.texts.get(
                    member.language,
                    "inbox.receipt_reminder",
                    purpose=item.params["purpose"],
                    coordinator=actor.name,
                )
                await core.outbox.enqueue_in(
                    conn,
                    [
                        NewMessage(
                            chat_id=member.telegram_id,
                            text=text,
                            dedupe_key=f"inbox:receipt:{ref}",
                            kind=NOTICE,
                            member_id=member.id,
                        )
                    ],
                )
        core.outbox.wake()
        return item

    async def _keys_nobody_brings(self, now: datetime) -> list[InboxItem]:
        core = self._core
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

    async def _quiet_members(self, now: datetime) -> list[InboxItem]:
        core = self._core
        local_now = core.local(now)
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

    def _require_coordinator(self, actor: Member) -> None:
        if self._core.members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()
