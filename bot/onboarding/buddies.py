"""Buddies: an experienced volunteer who helps a newcomer find their way.

A newcomer asks; a coordinator pairs them with a volunteer, or a volunteer offers from the list of open
requests. The first task the newcomer claims is told to their buddy (``on_first_claim``, called by the
activities feature).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.errors import DomainError, NotAllowed, NotFound
from bot.members.service import Member, Members, Role
from storage import buddies as sql
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


@dataclass(frozen=True)
class BuddyNotice:
    """Tell ``buddy`` that ``newcomer`` claimed their first task."""

    newcomer: Member
    buddy: Member


class Buddies:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self._db = db
        self._clock = clock
        self._members = members

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
        async with self._db.transaction() as conn:
            request_id = await sql.insert_request(conn, newcomer.id, self._clock.now())
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
        return Pairing(request_id=request_id, newcomer=request.newcomer, buddy=buddy)

    async def on_first_claim(self, member_id: int) -> BuddyNotice | None:
        """Call when a member claims their first task: who to tell, once per pairing; None if no buddy."""
        row = await sql.current_for_newcomer(self._db, member_id)
        if row is None or row["status"] != "paired" or row["first_claim_told_at"] is not None:
            return None
        async with self._db.transaction() as conn:
            if not await sql.mark_first_claim_told(conn, row["id"], self._clock.now()):
                return None
        buddy = await self._members.get(row["buddy_id"])
        if not buddy.is_active:
            return None
        return BuddyNotice(newcomer=await self._members.get(member_id), buddy=buddy)
