"""The wijkbudget: requests for money, the coordinator's decision, receipts and the year's overview.

A request goes requested -> approved | declined; after spending, the member adds receipts (photos stored
on disk next to the database, owner-only) and the amount actually spent, which makes it *settled*.
Left = the year's budget - spent (settled) - approved but not yet settled.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite

from bot.budget.amount import money as money  # re-exported: it was defined here
from bot.budget.notices import APPROVED, DECLINED, REQUEST
from bot.clock import Clock
from bot.config import BudgetConfig
from bot.conversation import clear_in
from bot.errors import DomainError, InvalidInput, NotAllowed, NotFound
from bot.leaving import Departure, Holding
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from storage import budget as sql
from storage.db import Database, parse_utc

PURPOSE_MAX = 120
REASON_MAX = 300
MAX_RECEIPT_BYTES = 10 * 1024 * 1024
MAX_YEAR_CENTS = 1_000_000_00


class AlreadyDecided(DomainError):
    """params: status (approved/declined/settled)."""

    text_key = "budget.already_decided"


class NotApproved(DomainError):
    text_key = "budget.not_approved"


class ReceiptNotImage(DomainError):
    text_key = "budget.receipt_not_image"


class ReceiptTooLarge(DomainError):
    """params: max_mb."""

    text_key = "budget.receipt_too_large"


class NotYourRequest(NotAllowed):
    """A receipt for someone else's request: only the asker or a coordinator hands it in."""

    text_key = "budget.not_your_request"


class InvalidPurpose(DomainError):
    """params: max_chars."""

    text_key = "budget.invalid_purpose"


class UnknownPayWay(DomainError):
    """A way of paying back that the config does not offer (an old button after a config change)."""

    text_key = "error.old_button"


#: Reasons the coordinator can pick instead of typing one; each has a text ``budget.reason.<id>``.
DECLINE_PRESETS = ("no_money", "rules", "too_much")


class InvalidReason(DomainError):
    """params: max_chars."""

    text_key = "budget.invalid_reason"


@dataclass(frozen=True)
class BudgetRequest:
    id: int
    member_id: int
    purpose: str
    activity_id: int | None
    amount_cents: int
    for_date: date
    status: str  # requested, approved, declined, settled
    decided_by: int | None
    decided_at: datetime | None
    decline_reason: str | None
    spent_cents: int | None
    receipts: int
    pay_way: str | None = None  # transfer or cash, set when approved


@dataclass(frozen=True)
class Overview:
    year: int
    budget_cents: int | None
    spent_cents: int
    approved_cents: int  # approved, not yet settled
    requested_cents: int  # waiting for a decision
    requests: tuple[BudgetRequest, ...]

    @property
    def left_cents(self) -> int | None:
        if self.budget_cents is None:
            return None
        return self.budget_cents - self.spent_cents - self.approved_cents


def _request(row: sqlite3.Row) -> BudgetRequest:
    return BudgetRequest(
        id=row["id"],
        member_id=row["member_id"],
        purpose=row["purpose"],
        activity_id=row["activity_id"],
        amount_cents=row["amount_cents"],
        for_date=date.fromisoformat(row["for_date"]),
        status=row["status"],
        decided_by=row["decided_by"],
        decided_at=parse_utc(row["decided_at"]),
        decline_reason=row["decline_reason"],
        spent_cents=row["spent_cents"],
        receipts=row["receipts"],
        pay_way=row["pay_way"],
    )


def request_notice(request_id: int, name: str, purpose: str, cents: int, for_date: date) -> Notice:
    """What a coordinator reads to decide on a request (sent when asked, shown again from /budget)."""
    data = {"request_id": request_id, "name": name, "purpose": purpose, "cents": cents}
    return Notice(REQUEST, {**data, "for_date": for_date.isoformat()})


def approval_notice(request: BudgetRequest, way: str, config: BudgetConfig) -> Notice:
    """What the asker reads when approved: who pays back, how (the receipt with /bon), and by when."""
    receipt_by = request.for_date + timedelta(days=config.receipt_days)
    data = {"request_id": request.id, "purpose": request.purpose, "cents": request.amount_cents}
    return Notice(
        APPROVED,
        {
            **data,
            "way": way,
            "paid_by": config.paid_by,
            "spend_by": request.for_date.isoformat(),
            "receipt_by": receipt_by.isoformat(),
        },
    )


def decline_notice(request: BudgetRequest, reason: str | None, preset: str | None) -> Notice:
    """What the asker reads when declined: a preset reason in their own language, or the typed one."""
    data = {"request_id": request.id, "purpose": request.purpose, "cents": request.amount_cents}
    return Notice(DECLINED, {**data, "reason": reason or "", "preset": preset or ""})


def image_extension(data: bytes) -> str | None:
    """The file extension for a receipt photo, or None when the bytes are not an image we keep."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheif"):
        return "heic"
    return None


def _write_private(path: Path, data: bytes) -> None:
    for folder in (path.parent.parent, path.parent):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)


class Budget:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: Members,
        tz: ZoneInfo,
        notices: Notices,
        config: BudgetConfig | None = None,
    ) -> None:
        self.config = config or BudgetConfig()
        self._db = db
        self._clock = clock
        self._members = members
        self._tz = tz
        self._notices = notices

    @property
    def receipts_dir(self) -> Path:
        return self._db.path.parent / "receipts"

    def this_year(self) -> int:
        return self._clock.now().astimezone(self._tz).year

    async def get(self, request_id: int) -> BudgetRequest:
        row = await sql.by_id(self._db, request_id)
        if row is None:
            raise NotFound(f"budget request {request_id}")
        return _request(row)

    async def set_year_budget(self, actor: Member, year: int, cents: int) -> None:
        self._require_coordinator(actor)
        async with self._db.transaction() as conn:
            await sql.set_year_budget(conn, year, cents, actor.id, self._clock.now())

    async def request(
        self, member: Member, purpose: str, amount_cents: int, for_date: date, activity_id: int | None = None
    ) -> BudgetRequest:
        """A member asks money for an activity; every coordinator gets the request to decide, queued in
        the same transaction. Asking again exactly the same while it waits (a retry after the bot went
        silent) is the same request: nothing is stored or sent twice."""
        purpose = self.check_purpose(purpose)
        if amount_cents <= 0:
            raise NotAllowed("amount must be positive")
        day = for_date.isoformat()
        coordinators = await self._members.coordinator_ids()
        async with self._db.transaction() as conn:
            request_id = await sql.same_waiting_request(conn, member.id, purpose, amount_cents, day)
            if request_id is None:
                request_id = await sql.insert_request(
                    conn, member.id, purpose, activity_id, amount_cents, day, self._clock.now()
                )
            notice = request_notice(request_id, member.name, purpose, amount_cents, for_date)
            others = [c for c in coordinators if c != member.id]
            await self._notices.tell_all_in(conn, others, notice, key=f"budget:{request_id}")
            await clear_in(conn, member.id, "budget")  # the /budget step ends with the request, atomically
        self._notices.wake()
        return await self.get(request_id)

    async def holdings_of(self, member_id: int) -> list[Holding]:
        """For the leaving use case: requests still in play (they stay: the group's accounts)."""
        rows = await sql.open_requests_of(self._db, member_id)
        return [Holding("budget", {"purpose": row["purpose"], "cents": row["amount_cents"]}) for row in rows]

    async def release_for(self, conn: aiosqlite.Connection, departure: Departure) -> None:
        """Nothing to hand on: the coordinators are told about the open requests by the leaving use case."""

    def check_purpose(self, purpose: str) -> str:
        purpose = " ".join(purpose.split())
        if not purpose or len(purpose) > PURPOSE_MAX or purpose.startswith("/"):
            raise InvalidPurpose(max_chars=PURPOSE_MAX)
        return purpose

    def pay_way(self, way: str | None) -> str:
        """``way`` when the config offers it; None: the configured default (the first)."""
        if way is None:
            return self.config.ways[0]
        if way not in self.config.ways:
            raise UnknownPayWay()
        return way

    async def approve(self, actor: Member, request_id: int, way: str | None = None) -> BudgetRequest:
        """Approve a waiting request; the asker is told who pays back, how and by when (same commit)."""
        way = self.pay_way(way)
        request = await self.check_decidable(actor, request_id)
        return await self._decide(
            actor, request, "approved", None, approval_notice(request, way, self.config), way
        )

    def check_reason(self, reason: str | None) -> str | None:
        """A typed reason, tidied; None when there is none (declining without a reason is allowed)."""
        if reason is None:
            return None
        reason = " ".join(reason.split())
        if not reason or len(reason) > REASON_MAX or reason.startswith("/"):
            raise InvalidReason(max_chars=REASON_MAX)
        return reason

    async def decline(
        self, actor: Member, request_id: int, reason: str | None = None, preset: str | None = None
    ) -> BudgetRequest:
        """Decline a waiting request with a typed ``reason``, a ``preset`` one (``DECLINE_PRESETS``; then
        ``reason`` is its text for the records, and the asker reads it in their language) or none."""
        if preset is not None and preset not in DECLINE_PRESETS:
            raise InvalidReason(max_chars=REASON_MAX)
        reason = self.check_reason(reason)
        request = await self.check_decidable(actor, request_id)
        notice = decline_notice(request, None if preset else reason, preset)
        return await self._decide(actor, request, "declined", reason, notice, None)

    async def check_decidable(self, actor: Member, request_id: int) -> BudgetRequest:
        """Before asking a coordinator for a reason: the request exists and still waits."""
        self._require_coordinator(actor)
        request = await self.get(request_id)
        if request.status != "requested":
            raise AlreadyDecided(status=request.status)
        return request

    async def _decide(
        self,
        actor: Member,
        request: BudgetRequest,
        status: str,
        reason: str | None,
        notice: Notice,
        way: str | None,
    ) -> BudgetRequest:
        async with self._db.transaction() as conn:
            if not await sql.decide(conn, request.id, status, actor.id, reason, self._clock.now(), way):
                raise AlreadyDecided(status=(await self.get(request.id)).status)
            # The asker hears the decision from the same commit (at night it waits for the morning).
            await self._notices.tell_in(conn, request.member_id, notice, key=f"budget_decided:{request.id}")
        self._notices.wake()
        return await self.get(request.id)

    async def check_receipt_allowed(self, member: Member, request_id: int) -> BudgetRequest:
        request = await self.get(request_id)
        if request.member_id != member.id and self._members.role_of(member) is not Role.COORDINATOR:
            raise NotYourRequest()
        if request.status not in ("approved", "settled"):
            raise NotApproved()
        return request

    async def add_receipt(self, member: Member, request_id: int, data: bytes) -> str:
        """Store a receipt photo as ``receipts/<year>/<request>-<n>.<ext>``; returns that relative name."""
        request = await self.check_receipt_allowed(member, request_id)
        check_receipt_size(len(data))
        extension = image_extension(data)
        if extension is None:
            raise ReceiptNotImage()
        async with self._db.transaction() as conn:
            n = await sql.receipt_count(conn, request.id) + 1
            relative = f"receipts/{request.for_date.year}/{request.id}-{n}.{extension}"
            await asyncio.to_thread(_write_private, self._db.path.parent / relative, data)
            await sql.insert_receipt(conn, request.id, relative, len(data), member.id, self._clock.now())
        return relative

    async def set_spent(self, member: Member, request_id: int, spent_cents: int) -> BudgetRequest:
        request = await self.check_receipt_allowed(member, request_id)
        async with self._db.transaction() as conn:
            if not await sql.settle(conn, request.id, spent_cents):
                raise NotApproved()
        return await self.get(request.id)

    async def requests_of(self, member: Member) -> list[BudgetRequest]:
        return [_request(row) for row in await sql.of_member(self._db, member.id)]

    async def overview(self, actor: Member, year: int) -> Overview:
        """Everything of one year: coordinators only (it shows every member's requests)."""
        self._require_coordinator(actor)
        requests = tuple(_request(row) for row in await sql.of_year(self._db, year))
        return Overview(
            year=year,
            budget_cents=await sql.year_budget(self._db, year),
            spent_cents=sum(r.spent_cents or 0 for r in requests if r.status == "settled"),
            approved_cents=sum(r.amount_cents for r in requests if r.status == "approved"),
            requested_cents=sum(r.amount_cents for r in requests if r.status == "requested"),
            requests=requests,
        )

    async def receipt_names(self, year: int) -> dict[int, list[str]]:
        names: dict[int, list[str]] = {}
        for row in await sql.receipts_of_year(self._db, year):
            names.setdefault(row["request_id"], []).append(row["file_name"])
        return names

    def _require_coordinator(self, actor: Member) -> None:
        if self._members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()


def check_receipt_size(size: int | None) -> None:
    """Refuse a receipt over 10 MB (checked before downloading when Telegram tells the size)."""
    if size is not None and size > MAX_RECEIPT_BYTES:
        raise ReceiptTooLarge(max_mb=MAX_RECEIPT_BYTES // (1024 * 1024))


class RequestDateNotUnderstood(DomainError):
    """params: text."""

    text_key = "budget.date_not_understood"


def parse_request_date(text: str, now: datetime, tz: ZoneInfo) -> date:
    """The (local) date a request is for: "12 december", "vrijdag", "2026-12-12"; past dates are fine."""
    from bot.timeparse.parse import parse_when

    try:
        return parse_when(text, now, tz=tz, allow_past=True).start.astimezone(tz).date()
    except InvalidInput:
        raise RequestDateNotUnderstood(text=text.strip()[:40]) from None
