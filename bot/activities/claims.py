"""Claiming a place on a task, giving it back, and the waitlist that hands freed places on.

A claim is ONE atomic statement (``storage.claims.try_claim``) inside the write transaction: fifty people
pressing at once for three places give exactly three claims. A freed place is offered to the first on the
waitlist, held for them until ``OFFER_HOURS`` later (or the start), then offered to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.activities.errors import (
    ActivityCancelled,
    ActivityNotFound,
    ActivityStarted,
    AlreadyClaimed,
    ClaimNotFound,
    NotFullYet,
    OfferExpired,
    TaskFull,
)
from bot.activities.models import ClaimSummary, claim_from_row
from bot.clock import Clock
from bot.members.service import Member
from storage import activities as activities_sql
from storage import claims as sql
from storage.db import Database, parse_utc

OFFER_HOURS = 2
SHORT_NOTICE = timedelta(hours=24)


@dataclass(frozen=True)
class Offer:
    """A freed place held for ``member_id`` until ``expires_at``."""

    task_id: int
    member_id: int
    expires_at: datetime


@dataclass(frozen=True)
class GivenBack:
    claim: ClaimSummary
    short_notice: bool  # within 24 hours of the start: the organiser is told
    organiser_id: int
    offers: tuple[Offer, ...]


class Claims:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def claim(self, member: Member, task_id: int) -> None:
        """Take one place on the task, or raise why not (full, already yours, cancelled, started)."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            if await sql.try_claim(conn, task_id, member.id, now):
                # Whatever their place in line (offered or still waiting), they are on the task now.
                await sql.leave_waitlist(conn, task_id, member.id)
                return
            state = await sql.claim_state(conn, task_id, member.id)
        task = await activities_sql.task_by_id(self._db, task_id)
        if state is None or task is None:
            raise ActivityNotFound()
        if state["mine"]:
            raise AlreadyClaimed(task=task["title"])
        if state["status"] == "cancelled":
            raise ActivityCancelled(title=task["title"])
        if parse_utc(state["starts_at"]) <= now:  # type: ignore[operator]
            raise ActivityStarted(title=task["title"])
        raise TaskFull(task=task["title"])

    async def accept_offer(self, member: Member, task_id: int) -> None:
        """Take the place the waitlist offered; ``OfferExpired`` when the deadline passed."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            if await sql.open_offer(conn, task_id, member.id, now) is None:
                raise OfferExpired()
        await self.claim(member, task_id)

    async def decline_offer(self, member: Member, task_id: int) -> list[Offer]:
        """Say no to an offered place: it goes to the next one waiting."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            entry = await sql.open_offer(conn, task_id, member.id, now)
            if entry is None:
                raise OfferExpired()
            await sql.set_entry_status(conn, entry["id"], "declined")
            return await _offer_free_places(conn, task_id, now)

    async def join_waitlist(self, member: Member, task_id: int) -> int:
        """Queue for a full task; returns the member's position (1 = first in line)."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            start = await sql.task_start(conn, task_id)
            if start is None:
                raise ActivityNotFound()
            if start["status"] == "cancelled":
                raise ActivityCancelled(title="")
            if parse_utc(start["starts_at"]) <= now:  # type: ignore[operator]
                raise ActivityStarted(title="")
            state = await sql.claim_state(conn, task_id, member.id)
            if state is not None and state["mine"]:
                raise AlreadyClaimed(task="")
            if await sql.free_places(conn, task_id, now) > 0:
                raise NotFullYet()
            await sql.join_waitlist(conn, task_id, member.id, now)
            return await sql.waitlist_position(conn, task_id, member.id)

    async def give_back(self, member: Member, claim_id: int) -> GivenBack:
        """Give a claimed place back ("ik kan toch niet"), allowed until the activity starts.

        The freed place is offered to the waitlist; within 24 hours of the start the organiser is told.
        """
        now = self._clock.now()
        async with self._db.transaction() as conn:
            row = await sql.claim_by_id(conn, claim_id)
            if row is None or row["member_id"] != member.id:
                raise ClaimNotFound()
            claim = claim_from_row(row)
            if claim.starts_at <= now:
                raise ActivityStarted(title=claim.activity_title)
            await sql.delete_claim(conn, claim_id)
            offers = await _offer_free_places(conn, claim.task_id, now)
        activity = await activities_sql.by_id(self._db, claim.activity_id)
        assert activity is not None
        return GivenBack(
            claim=claim,
            short_notice=claim.starts_at - now <= SHORT_NOTICE,
            organiser_id=activity["organiser_id"],
            offers=tuple(offers),
        )

    async def claim_of(self, member: Member, claim_id: int) -> ClaimSummary:
        async with self._db.transaction() as conn:
            row = await sql.claim_by_id(conn, claim_id)
        if row is None or row["member_id"] != member.id:
            raise ClaimNotFound()
        return claim_from_row(row)

    async def all_claims_of(self, member_id: int) -> list[ClaimSummary]:
        return [claim_from_row(r) for r in await sql.all_for_member(self._db, member_id)]

    async def offer_free_places(self, task_ids: list[int]) -> list[Offer]:
        """Offer any free place on these tasks to the next one waiting (e.g. after a member was erased)."""
        now = self._clock.now()
        offers: list[Offer] = []
        async with self._db.transaction() as conn:
            for task_id in sorted(set(task_ids)):
                offers.extend(await _offer_free_places(conn, task_id, now))
        return offers

    async def expire_offers(self) -> tuple[list[Offer], list[Offer]]:
        """Offers past their deadline lapse and go to the next in line: (expired, new offers)."""
        now = self._clock.now()
        expired: list[Offer] = []
        offers: list[Offer] = []
        async with self._db.transaction() as conn:
            for row in await sql.expired_offers(conn, now):
                await sql.set_entry_status(conn, row["id"], "expired")
                expired.append(Offer(row["task_id"], row["member_id"], now))
            for task_id in sorted({offer.task_id for offer in expired}):
                offers.extend(await _offer_free_places(conn, task_id, now))
        return expired, offers


async def _offer_free_places(conn, task_id: int, now: datetime) -> list[Offer]:  # type: ignore[no-untyped-def]
    """Hold each free place for the next one waiting, until OFFER_HOURS later or the start."""
    start = await sql.task_start(conn, task_id)
    if start is None or start["status"] != "planned":
        return []
    starts_at = parse_utc(start["starts_at"])
    assert starts_at is not None
    if starts_at <= now:
        return []
    offers = []
    while await sql.free_places(conn, task_id, now) > 0:
        entry = await sql.first_waiting(conn, task_id)
        if entry is None:
            break
        expires = min(now + timedelta(hours=OFFER_HOURS), starts_at)
        await sql.mark_offered(conn, entry["id"], now, expires)
        offers.append(Offer(task_id, entry["member_id"], expires))
    return offers
