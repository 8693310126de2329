"""Buddies: an experienced volunteer who helps a newcomer find their way.

A newcomer asks; a coordinator pairs them with a volunteer, or a volunteer offers from the list of open
requests. The first task the newcomer claims is told to their buddy (``first_claim_in``, a claim step
passed to ``Claims`` at bootstrap).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import Clock
from bot.errors import DomainError, NotAllowed, NotFound
from bot.leaving import Departure, Holding
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from bot.onboarding.notices import BUDDY_LEFT, BUDDY_PAIRED, BUDDY_WANTED, FIRST_CLAIM
from storage import buddies as sql
from storage import members as members_sql
from storage.db import Database, parse_utc


class AlreadyHasBuddy(DomainError):
    text_key = "buddy.already_has_buddy"


class AlreadyAsked(DomainError):
    text_key = "buddy.already_asked"


class RequestNotOpen(DomainError):
    """Someone else paired this newcomer first, or the request is gone."""

    text_key = "buddy.request_not_open"


class CannotBeBuddy(DomainError):
    text_key = "buddy.cannot_be_buddy"


@dataclass(frozen=True)
class BuddyRequest:
    id: int
    newcomer: Member
    buddy: Member | None
    status: str  # 'open', 'paired' or 'cancelled'
    requested_at: datetime


@dataclass(frozen=True)
class Pairing:
    request_id: int
    newcomer: Member
    buddy: Member


class Buddies:
    def __init__(self, db: Database, clock: Clock, members: Members, notices: Notices) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._notices = notices

    async def _request(self, row: sqlite3.Row) -> BuddyRequest:
        newcomer = await self._members.get(row["newcomer_id"])
        buddy_id = row["buddy_id"]
        requested = parse_utc(row["requested_at"])
        assert requested is not None
        return BuddyRequest(
            id=row["id"],
            newcomer=newcomer,
            buddy=None if buddy_id is None else await self._members.get(buddy_id),
            status=row["status"],
            requested_at=requested,
        )

    async def current(self, newcomer_id: int) -> BuddyRequest | None:
        """The member's open or paired request, if any."""
        row = await sql.current_for_newcomer(self._db, newcomer_id)
        return None if row is None else await self._request(row)

    async def get(self, request_id: int) -> BuddyRequest:
        row = await sql.by_id(self._db, request_id)
        if row is None:
            raise NotFound(f"buddy request {request_id}")
        return await self._request(row)

    async def ask(self, newcomer: Member) -> BuddyRequest:
        """A member asks for a buddy; ``AlreadyAsked`` / ``AlreadyHasBuddy`` when there is one already."""
        coordinators = [c for c in await self._members.coordinator_ids() if c != newcomer.id]
        async with self._db.transaction() as conn:
            request_id = await sql.insert_request(conn, newcomer.id, self._clock.now())
            if request_id is not None:
                notice = Notice(BUDDY_WANTED, {"request_id": request_id, "name": newcomer.name})
                await self._notices.tell_all_in(conn, coordinators, notice, key=f"buddy_wanted:{request_id}")
        self._notices.wake()
        if request_id is None:
            existing = await self.current(newcomer.id)
            if existing is not None and existing.buddy is not None:
                raise AlreadyHasBuddy(name=existing.buddy.name)
            raise AlreadyAsked()
        return await self.get(request_id)

    async def open_requests(self) -> list[BuddyRequest]:
        return [await self._request(row) for row in await sql.open_requests(self._db)]

    async def buddy_of_whom(self, buddy_id: int) -> list[Member]:
        """The newcomers this member is buddy of."""
        rows = await sql.paired_with_buddy(self._db, buddy_id)
        return [await self._members.get(row["newcomer_id"]) for row in rows]

    def can_be_buddy(self, member: Member) -> bool:
        return self._members.role_of(member) >= Role.VOLUNTEER

    async def candidates(self, request_id: int) -> list[Member]:
        """Who a coordinator can pick as buddy: experienced active members, not the newcomer."""
        request = await self.get(request_id)
        return [
            m
            for m in await self._members.active_members()
            if m.id != request.newcomer.id and self.can_be_buddy(m)
        ]

    async def pair(self, actor: Member, request_id: int, buddy_id: int) -> Pairing:
        """A coordinator pairs an open request with a volunteer."""
        if self._members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()
        return await self._pair(actor, request_id, await self._members.get(buddy_id))

    async def volunteer(self, actor: Member, request_id: int) -> Pairing:
        """An experienced volunteer offers to be the buddy."""
        return await self._pair(actor, request_id, actor)

    async def _pair(self, actor: Member, request_id: int, buddy: Member) -> Pairing:
        request = await self.get(request_id)
        if request.status != "open":
            raise RequestNotOpen(name=request.newcomer.name)
        if buddy.id == request.newcomer.id or not buddy.is_active or not self.can_be_buddy(buddy):
            raise CannotBeBuddy(name=buddy.name)
        async with self._db.transaction() as conn:
            if not await sql.pair(conn, request_id, buddy.id, actor.id, self._clock.now()):
                raise RequestNotOpen(name=request.newcomer.name)
            # Both hear who the other is, from the same commit.
            newcomer = request.newcomer
            for me, other, you_are in ((newcomer, buddy, "newcomer"), (buddy, newcomer, "buddy")):
                data = {"you_are": you_are, "other": other.name, "other_telegram_id": other.telegram_id}
                key = f"buddy_paired:{request_id}:{you_are}"
                await self._notices.tell_in(conn, me.id, Notice(BUDDY_PAIRED, data), key=key)
        self._notices.wake()
        return Pairing(request_id=request_id, newcomer=request.newcomer, buddy=buddy)

    async def first_claim_in(self, conn: aiosqlite.Connection, member_id: int, task_title: str) -> None:
        """A claim step (see ``Claims``): a newcomer's first claim is told to their buddy, once per pairing,
        in the claim's own transaction."""
        row = await sql.current_for_newcomer_in(conn, member_id)
        if row is None or row["status"] != "paired" or row["first_claim_told_at"] is not None:
            return
        if not await sql.mark_first_claim_told(conn, row["id"], self._clock.now()):
            return
        newcomer = await members_sql.recipient_in(conn, member_id)
        name = await sql.display_name_in(conn, member_id)
        data = {
            "newcomer": name,
            "telegram_id": newcomer["telegram_id"] if newcomer else None,
            "task": task_title,
        }
        await self._notices.tell_in(
            conn, row["buddy_id"], Notice(FIRST_CLAIM, data), key=f"first_claim:{row['id']}"
        )

    async def holdings_of(self, member_id: int) -> list[Holding]:
        """For the leaving use case: the member's buddy pair (as the newcomer or as the buddy)."""
        rows = await sql.pairs_with_names(self._db, member_id)
        return [Holding("buddy", {"name": row["other_name"] or "", "was": row["was"]}) for row in rows]

    async def release_for(self, conn: aiosqlite.Connection, departure: Departure) -> None:
        """The other one of a pair is told; a newcomer whose buddy left can be paired again."""
        for row in await sql.pairs_of_in(conn, departure.member_id):
            if row["status"] != "paired":
                continue
            was = "newcomer" if row["newcomer_id"] == departure.member_id else "buddy"
            other = row["buddy_id"] if was == "newcomer" else row["newcomer_id"]
            notice = Notice(BUDDY_LEFT, {"name": departure.name, "was": was})
            await self._notices.tell_in(
                conn, other, notice, key=f"buddy_left:{row['id']}:{departure.member_id}"
            )
            if was == "buddy":
                await sql.reopen(conn, row["id"])
