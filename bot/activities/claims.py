"""Claiming a place on a task, giving it back, and the waitlist that hands freed places on.

A claim is ONE atomic statement (``storage.claims.try_claim``) inside the write transaction: fifty people
pressing at once for three places give exactly three claims. A freed place is offered to the first on the
waitlist and held for them for a window that fits the time left (``offer_deadline``), then offered to
the next. A "yes" after the deadline still gets the place if nobody else holds it.
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
from bot.quiet import QuietHours
from storage import activities as activities_sql
from storage import claims as sql
from storage.db import Database, parse_utc

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
class Lapsed:
    """An offer whose deadline passed; ``passed_on``: the place went to the next one waiting."""

    task_id: int
    member_id: int
    expired_at: datetime
    passed_on: bool


@dataclass(frozen=True)
class GivenBack:
    claim: ClaimSummary
    short_notice: bool  # within 24 hours of the start: the organiser is told
    organiser_id: int
    offers: tuple[Offer, ...]


class Claims:
    def __init__(self, db: Database, clock: Clock, quiet: QuietHours | None = None) -> None:
        self._db = db
        self._clock = clock
        self._quiet = quiet

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
        """Take the place the waitlist offered. After the deadline the place is still theirs if it is
        free and nobody else holds it; ``OfferExpired`` only when it really went to someone else."""
        try:
            await self.claim(member, task_id)
        except TaskFull:
            raise OfferExpired() from None

    async def decline_offer(self, member: Member, task_id: int) -> list[Offer]:
        """Say no to an offered place: it goes to the next one waiting."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            entry = await sql.open_offer(conn, task_id, member.id, now)
            if entry is None:
                raise OfferExpired()
            await sql.set_entry_status(conn, entry["id"], "declined")
            return await _offer_free_places(conn, task_id, now, self._quiet)

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
            offers = await _offer_free_places(conn, claim.task_id, now, self._quiet)
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
                offers.extend(await _offer_free_places(conn, task_id, now, self._quiet))
        return offers

    async def expire_offers(self) -> tuple[list[Lapsed], list[Offer]]:
        """Offers past their deadline lapse and go to the next in line: (lapsed, new offers)."""
        now = self._clock.now()
        rows = []
        offers: list[Offer] = []
        async with self._db.transaction() as conn:
            rows = list(await sql.expired_offers(conn, now))
            for row in rows:
                await sql.set_entry_status(conn, row["id"], "expired")
            for task_id in sorted({row["task_id"] for row in rows}):
                offers.extend(await _offer_free_places(conn, task_id, now, self._quiet))
        passed_on = {offer.task_id for offer in offers}
        lapsed = [Lapsed(r["task_id"], r["member_id"], now, r["task_id"] in passed_on) for r in rows]
        return lapsed, offers


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
