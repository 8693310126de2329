"""Claiming a place on a task, giving it back, and the waitlist that hands freed places on.

A claim is ONE atomic statement (``storage.claims.try_claim``) inside the write transaction: fifty people
pressing at once for three places give exactly three claims. A freed place is offered to the first on the
waitlist and held for them for a window that fits the time left (``offer_deadline``), then offered to
the next. A "yes" after the deadline still gets the place if nobody else holds it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

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
from bot.activities.notices import GIVEN_BACK_SHORT, OFFER, OFFER_EXPIRED, PLACES_FREED
from bot.clock import Clock
from bot.leaving import Departure, Holding
from bot.members.service import Member
from bot.notices import Notice, Notices
from bot.quiet import QuietHours
from storage import activities as activities_sql
from storage import claims as sql
from storage.db import Database, parse_utc, utc_text

OFFER_HOURS = 2
#: An offer is held for a quarter of the time left before the start, between these bounds.
OFFER_MIN, OFFER_MAX = timedelta(hours=OFFER_HOURS), timedelta(hours=24)
#: A deadline that would fall in the night moves to this long after the quiet hours end.
AWAKE_TO_ANSWER = timedelta(hours=2)
SHORT_NOTICE = timedelta(hours=24)


def offer_deadline(now: datetime, starts_at: datetime, quiet: QuietHours | None) -> datetime:
    """How long a freed place is held for the one first in line: longer when the activity is far
    away, never counting the night (the offer itself waits for the morning), never after the start."""
    sent = quiet.next_morning_if_quiet(now) if quiet is not None else now
    window = min(max((starts_at - sent) / 4, OFFER_MIN), OFFER_MAX)
    deadline = sent + window
    if quiet is not None:
        morning = quiet.next_morning_if_quiet(deadline)
        if morning != deadline:
            deadline = morning + AWAKE_TO_ANSWER
    return min(deadline, starts_at)


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


ClaimStep = Callable[[aiosqlite.Connection, int, str], Awaitable[None]]
ActivityStep = Callable[[aiosqlite.Connection, int], Awaitable[None]]


class Claims:
    """Claims and the waitlist. Each use case commits its change and queues what follows from it (offers
    to the next one waiting, the organiser's notice, ``after_claim`` steps of other features such as the
    buddy's notice) in ONE transaction."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        notices: Notices,
        after_claim: Sequence[ClaimStep] = (),
        after_change: Sequence[ActivityStep] = (),
        quiet: QuietHours | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._notices = notices
        self._quiet = quiet  # offers made at night give their time from the morning on
        self._after_claim = tuple(after_claim)
        # Whenever an activity's places change (the group post's edit), in the same transaction.
        self._after_change = tuple(after_change)

    async def claim(self, member: Member, task_id: int) -> None:
        """Take one place on the task, or raise why not (full, already yours, cancelled, started)."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            claimed = await self._claim_in(conn, member, task_id, now)
            state = None if claimed else await sql.claim_state(conn, task_id, member.id)
        if claimed:
            self._notices.wake()
            return
        await self._why_not(state, task_id, now)

    async def accept_offer(self, member: Member, task_id: int) -> None:
        """Take the place the waitlist offered (with every consequence of a claim). After the deadline the
        place is still theirs when it is free and nobody else holds it; ``OfferExpired`` only when it
        really went to someone else."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            offered = await sql.open_offer(conn, task_id, member.id, now) is not None
            claimed = await self._claim_in(conn, member, task_id, now)
            state = None if claimed else await sql.claim_state(conn, task_id, member.id)
        if claimed:
            self._notices.wake()
            return
        if not offered:
            raise OfferExpired()
        await self._why_not(state, task_id, now)

    async def _claim_in(
        self, conn: aiosqlite.Connection, member: Member, task_id: int, now: datetime
    ) -> bool:
        if not await sql.try_claim(conn, task_id, member.id, now):
            return False
        # Whatever their place in line (offered or still waiting), they are on the task now.
        await sql.leave_waitlist(conn, task_id, member.id)
        task = await sql.task_summary_in(conn, task_id)
        assert task is not None
        for step in self._after_claim:
            await step(conn, member.id, task["task_title"])
        await self._changed_in(conn, task["activity_id"])
        return True

    async def _changed_in(self, conn: aiosqlite.Connection, activity_id: int) -> None:
        for step in self._after_change:
            await step(conn, activity_id)

    async def _why_not(self, state: sqlite3.Row | None, task_id: int, now: datetime) -> None:
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

    async def decline_offer(self, member: Member, task_id: int) -> list[Offer]:
        """Say no to an offered place: it goes to the next one waiting."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            entry = await sql.open_offer(conn, task_id, member.id, now)
            if entry is None:
                raise OfferExpired()
            await sql.set_entry_status(conn, entry["id"], "declined")
            offers = await self._offer_in(conn, task_id, now)
        self._notices.wake()
        return offers

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
            offers = await self._offer_in(conn, claim.task_id, now)
            organiser_id = await sql.organiser_of_in(conn, claim.activity_id)
            assert organiser_id is not None
            short_notice = claim.starts_at - now <= SHORT_NOTICE
            if short_notice and organiser_id != member.id:
                notice = Notice(GIVEN_BACK_SHORT, {"name": member.name, **_claim_data(row)})
                await self._notices.tell_in(conn, organiser_id, notice, key=f"given_back:{claim_id}")
        self._notices.wake()
        return GivenBack(
            claim=claim, short_notice=short_notice, organiser_id=organiser_id, offers=tuple(offers)
        )

    async def release_places_in(
        self, conn: aiosqlite.Connection, member_id: int, name: str, now: datetime
    ) -> list[ClaimSummary]:
        """A member leaves (removed or erased): their places on activities still ahead go back as a
        give-back would (offered to the next one waiting) and each organiser is told; they leave every
        waitlist. Part of the leaving transaction (see bot/leaving.py)."""
        released = []
        for row in await sql.upcoming_claims_in(conn, member_id, now):
            claim = claim_from_row(row)
            await sql.delete_claim(conn, claim.claim_id)
            offers = await self._offer_in(conn, claim.task_id, now)
            organiser_id = await sql.organiser_of_in(conn, claim.activity_id)
            if organiser_id is not None and organiser_id != member_id:
                data = {"name": name, "offered": bool(offers), **_claim_data(row)}
                notice = Notice(PLACES_FREED, data)
                await self._notices.tell_in(conn, organiser_id, notice, key=f"left:{claim.claim_id}")
            released.append(claim)
        await sql.leave_all_waitlists(conn, member_id)
        return released

    async def holdings_of(self, member_id: int) -> list[Holding]:
        """For the leaving use case: the member's places on activities ahead."""
        return [
            Holding(
                "task",
                {
                    "activity_id": c.activity_id,
                    "task": c.task_title,
                    "activity": c.activity_title,
                    "starts_at": utc_text(c.starts_at),
                    "ends_at": utc_text(c.ends_at),
                },
            )
            for c in await self.upcoming_claims_of(member_id)
        ]

    async def release_for(self, conn: aiosqlite.Connection, departure: Departure) -> None:
        await self.release_places_in(conn, departure.member_id, departure.name, departure.at)

    async def claim_of(self, member: Member, claim_id: int) -> ClaimSummary:
        async with self._db.transaction() as conn:
            row = await sql.claim_by_id(conn, claim_id)
        if row is None or row["member_id"] != member.id:
            raise ClaimNotFound()
        return claim_from_row(row)

    async def all_claims_of(self, member_id: int) -> list[ClaimSummary]:
        return [claim_from_row(r) for r in await sql.all_for_member(self._db, member_id)]

    async def upcoming_claims_of(self, member_id: int) -> list[ClaimSummary]:
        """Places on activities that have not started yet (what a member who leaves gives back)."""
        now = self._clock.now()
        return [c for c in await self.all_claims_of(member_id) if c.starts_at > now]

    async def offer_free_places(self, task_ids: list[int]) -> list[Offer]:
        """Offer any free place on these tasks to the next one waiting (the offers are queued)."""
        now = self._clock.now()
        offers: list[Offer] = []
        async with self._db.transaction() as conn:
            for task_id in sorted(set(task_ids)):
                offers.extend(await self._offer_in(conn, task_id, now))
        self._notices.wake()
        return offers

    async def expire_offers(self) -> tuple[list[Offer], list[Offer]]:
        """Offers past their deadline lapse and go to the next in line: (expired, new offers); the
        members concerned are told."""
        now = self._clock.now()
        offers: list[Offer] = []
        async with self._db.transaction() as conn:
            rows = list(await sql.expired_offers(conn, now))
            expired = [Offer(row["task_id"], row["member_id"], now) for row in rows]
            for row in rows:
                await sql.set_entry_status(conn, row["id"], "expired")
            for task_id in sorted({offer.task_id for offer in expired}):
                offers.extend(await self._offer_in(conn, task_id, now))
            # The truth about the place: it went to the next one waiting, or it is still free (a late
            # "ja" then still gets it, see claim()).
            passed_on = {offer.task_id for offer in offers}
            for row, lapsed in zip(rows, expired, strict=True):
                key = f"offer_expired:{lapsed.task_id}:{lapsed.member_id}:{row['id']}:{now:%s}"
                notice = Notice(OFFER_EXPIRED, {"passed_on": lapsed.task_id in passed_on})
                await self._notices.tell_in(conn, lapsed.member_id, notice, key=key)
        self._notices.wake()
        return expired, offers

    async def _offer_in(self, conn: aiosqlite.Connection, task_id: int, now: datetime) -> list[Offer]:
        """A place on the task came free: hold free places for the next ones waiting and queue each their
        offer; the activity changed (its group post follows)."""
        offers = await _offer_free_places(conn, task_id, now, self._quiet)
        task = await sql.task_summary_in(conn, task_id)
        if task is None:
            return offers
        await self._changed_in(conn, task["activity_id"])
        if offers:
            for offer in offers:
                data = {
                    "task_id": task_id,
                    "task": task["task_title"],
                    "activity": task["activity_title"],
                    "starts_at": task["starts_at"],
                    "ends_at": task["ends_at"],
                    "expires_at": utc_text(offer.expires_at),
                }
                key = f"offer:{task_id}:{offer.member_id}:{offer.expires_at:%s}"
                await self._notices.tell_in(conn, offer.member_id, Notice(OFFER, data), key=key)
        return offers


def _claim_data(row: sqlite3.Row) -> dict[str, str]:
    return {
        "task": row["task_title"],
        "activity": row["activity_title"],
        "starts_at": row["starts_at"],
        "ends_at": row["ends_at"],
    }


async def _offer_free_places(  # type: ignore[no-untyped-def]
    conn, task_id: int, now: datetime, quiet: QuietHours | None = None
) -> list[Offer]:
    """Hold each free place for the next one waiting, until ``offer_deadline``."""
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
        expires = offer_deadline(now, starts_at, quiet)
        await sql.mark_offered(conn, entry["id"], now, expires)
        offers.append(Offer(task_id, entry["member_id"], expires))
    return offers
