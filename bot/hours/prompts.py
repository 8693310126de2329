"""After a claimed task ends, ask the member how many hours it took (once per claim).

The claims come from the activities feature through one call (its contract):
``await activities.claims_ending_between(start, end) -> list[ClaimSummary]``. Without that feature
(``activities is None``) nobody is asked anything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

import aiosqlite

from bot.activities.models import ClaimSummary
from bot.hours.models import ClaimAlreadyLogged, DraftUsed, HoursPrompt
from bot.members.service import Member
from bot.outbox import NewMessage, Outbox
from storage import hours as sql
from storage.db import Database

# Claims that ended this long ago are still asked about (the job may have been down for a while).
LOOK_BACK = timedelta(days=2)
MAX_SUGGESTED_MINUTES = 8 * 60


class ClaimsProvider(Protocol):
    async def claims_ending_between(self, start: datetime, end: datetime) -> list[ClaimSummary]: ...


async def due_hours_prompts(
    db: Database,
    activities: ClaimsProvider | None,
    now: datetime,
    tz: ZoneInfo,
    *,
    outbox: Outbox | None = None,
    compose: Callable[[HoursPrompt], Awaitable[NewMessage | None]] | None = None,
) -> list[HoursPrompt]:
    """Claims that ended in the last two days and were never asked about nor logged, recorded as asked.

    With ``outbox`` and ``compose``, each question is queued in the same transaction that records it as
    asked: a crash can neither lose it nor send it twice.
    """
    if activities is None:
        return []
    claims = await activities.claims_ending_between(now - LOOK_BACK, now)
    claims = [c for c in claims if c.ends_at <= now]
    done = await sql.logged_claims(db, [c.claim_id for c in claims])
    prompts: list[HoursPrompt] = []
    async with db.transaction() as conn:
        for claim in claims:
            if claim.claim_id in done:
                continue
            minutes = suggested_minutes(claim.starts_at, claim.ends_at)
            title = claim.activity_title
            if claim.task_title and claim.task_title != claim.activity_title:
                title = f"{claim.activity_title}: {claim.task_title}"
            prompt = HoursPrompt(
                claim_id=claim.claim_id,
                member_id=claim.member_id,
                activity_id=claim.activity_id,
                title=title[:120],
                day=claim.ends_at.astimezone(tz).date(),
                minutes=minutes,
            )
            values = {**prompt.__dict__, "day": prompt.day.isoformat()}
            if await sql.insert_prompt(conn, values, now):
                prompts.append(prompt)
        if outbox is not None and compose is not None:
            messages = [message for prompt in prompts if (message := await compose(prompt)) is not None]
            await outbox.enqueue_in(conn, messages)
    if outbox is not None:
        outbox.wake()
    return prompts


def suggested_minutes(starts_at: datetime, ends_at: datetime) -> int:
    """The duration rounded to the nearest half hour, at least half an hour, at most eight hours."""
    minutes = (ends_at - starts_at).total_seconds() / 60
    half_hours = max(1, round(minutes / 30))
    return min(half_hours * 30, MAX_SUGGESTED_MINUTES)


def amount_choices(suggested: int) -> list[int]:
    """The prefilled buttons: the suggestion with a half hour less and more."""
    return sorted({max(30, suggested - 30), suggested, suggested + 30})


async def prompt_for(db: Database, member: Member, claim_id: int) -> HoursPrompt:
    row = await sql.prompt(db, claim_id)
    if row is None or row["member_id"] != member.id:
        raise DraftUsed()
    return HoursPrompt(
        claim_id=row["claim_id"],
        member_id=row["member_id"],
        activity_id=row["activity_id"],
        title=row["title"],
        day=date.fromisoformat(row["day"]),
        minutes=row["minutes"],
    )


async def ensure_not_logged(conn: aiosqlite.Connection, claim_id: int) -> None:
    if await sql.claim_logged(conn, claim_id):
        raise ClaimAlreadyLogged()
