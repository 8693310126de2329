"""Claims, the 50-for-3 race, giving back and the waitlist hand-over."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.activities.claims import offer_deadline
from bot.activities.errors import (
    ActivityCancelled,
    ActivityStarted,
    AlreadyClaimed,
    NotFullYet,
    OfferExpired,
    TaskFull,
)
from bot.clock import ManualClock
from bot.core import Core
from bot.quiet import QuietHours
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import make_member, new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def _task(core: Core, places: int = 3) -> tuple[int, int]:
    anna = await make_member(core, "Anna")
    (activity_id,) = await core.activities.create(anna, new_activity(THURSDAY, tasks=(("koken", places),)))
    detail = await core.activities.detail(activity_id)
    return activity_id, detail.tasks[0].id


async def test_fifty_at_once_for_three_places(core: Core) -> None:
    _, task_id = await _task(core, 3)
    people = [await make_member(core, f"Buur {i}") for i in range(50)]
    results = await asyncio.gather(*(core.claims.claim(p, task_id) for p in people), return_exceptions=True)
    assert sum(r is None for r in results) == 3
    assert sum(isinstance(r, TaskFull) for r in results) == 47
    assert await core.db.fetch_value("SELECT count(*) FROM claims WHERE task_id = ?", (task_id,)) == 3


async def test_pressing_twice_never_claims_twice(core: Core) -> None:
    _, task_id = await _task(core, 3)
    karim = await make_member(core, "Karim")
    results = await asyncio.gather(
        core.claims.claim(karim, task_id), core.claims.claim(karim, task_id), return_exceptions=True
    )
    assert sorted(type(r).__name__ for r in results) == ["AlreadyClaimed", "NoneType"]
    with pytest.raises(AlreadyClaimed):
        await core.claims.claim(karim, task_id)


async def test_cancelled_and_started_activities_refuse_claims(core: Core, clock: ManualClock) -> None:
    activity_id, task_id = await _task(core)
    karim = await make_member(core, "Karim")
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    clock.set(THURSDAY + timedelta(minutes=1))
    with pytest.raises(ActivityStarted):
        await core.claims.claim(karim, task_id)
    clock.set(THURSDAY - timedelta(days=1))
    assert await core.activities.edits.cancel(anna, activity_id) == 0  # nobody on it but the organiser
    with pytest.raises(ActivityCancelled):
        await core.claims.claim(karim, task_id)
    assert (await core.activities.get(activity_id)).status == "cancelled"


async def test_give_back_offers_the_place_to_the_waitlist_in_turn(core: Core, clock: ManualClock) -> None:
    activity_id, task_id = await _task(core, 1)
    karim, sanne, yusuf = [await make_member(core, n) for n in ("Karim", "Sanne", "Yusuf")]
    with pytest.raises(NotFullYet):
        await core.claims.join_waitlist(sanne, task_id)
    await core.claims.claim(karim, task_id)
    assert await core.claims.join_waitlist(sanne, task_id) == 1
    assert await core.claims.join_waitlist(yusuf, task_id) == 2
    clock.set(THURSDAY - timedelta(hours=5))
    (claim,) = await core.activities.upcoming_claims(karim.id)
    given = await core.claims.give_back(karim, claim.claim_id)
    assert given.short_notice and given.organiser_id != karim.id
    assert [o.member_id for o in given.offers] == [sanne.id]
    # The held place is not free for others.
    with pytest.raises(TaskFull):
        await core.claims.claim(yusuf, task_id)
    clock.advance(timedelta(hours=2, minutes=1))
    expired, offers = await core.claims.expire_offers()
    assert [e.member_id for e in expired] == [sanne.id]  # told it went to the next one (the notice)
    assert [o.member_id for o in offers] == [yusuf.id]
    with pytest.raises(OfferExpired):  # it is held for Yusuf now
        await core.claims.accept_offer(sanne, task_id)
    await core.claims.accept_offer(yusuf, task_id)
    assert [
        c.member_id
        for c in await core.activities.claims_ending_between(THURSDAY, THURSDAY + timedelta(days=1))
    ] == [yusuf.id]
    assert set(await core.activities.people_on(activity_id)) == {yusuf.id, given.organiser_id}


async def test_open_tasks_and_contract(core: Core) -> None:
    activity_id, task_id = await _task(core, 2)
    karim = await make_member(core, "Karim")
    await core.claims.claim(karim, task_id)
    (open_task,) = await core.activities.open_tasks()
    assert open_task.places_left == 1 and open_task.activity_id == activity_id
    (summary,) = await core.activities.activities_between(
        THURSDAY - timedelta(hours=1), THURSDAY + timedelta(hours=1)
    )
    assert summary.room == "huiskamer6" and summary.needs_key and summary.status == "planned"


async def test_claiming_directly_takes_the_member_off_the_waitlist(core: Core, clock: ManualClock) -> None:
    org = await make_member(core, "Anna")
    a, b, c = [await make_member(core, n) for n in ("Karim", "Sanne", "Yusuf")]
    start = clock.now().astimezone(AMSTERDAM) + timedelta(days=3)
    (act,) = await core.activities.create(org, new_activity(start, tasks=(("koken", 1),), place="buiten"))
    task = (await core.activities.detail(act)).tasks[0].id
    await core.claims.claim(a, task)
    await core.claims.join_waitlist(b, task)
    await core.claims.join_waitlist(c, task)
    given = await core.claims.give_back(a, (await core.claims.all_claims_of(a.id))[0].claim_id)
    assert [o.member_id for o in given.offers] == [b.id]
    clock.set(given.offers[0].expires_at + timedelta(minutes=1))  # lapsed; the 5-minute job has not run
    await core.claims.claim(c, task)  # Yusuf (2nd in line) sees a free place and takes it
    await core.claims.expire_offers()
    rows = await core.db.fetch_all("SELECT member_id, status FROM waitlist WHERE task_id = ?", (task,))
    assert c.id not in [r["member_id"] for r in rows]
    given = await core.claims.give_back(c, (await core.claims.all_claims_of(c.id))[0].claim_id)
    assert all(o.member_id != c.id for o in given.offers), "the place Yusuf gave back is offered to Yusuf"


async def test_an_offer_window_fits_the_time_left_and_skips_the_night(core: Core, clock: ManualClock) -> None:
    quiet = QuietHours(AMSTERDAM)
    noon = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
    assert offer_deadline(noon, noon + timedelta(hours=4), quiet) == noon + timedelta(hours=2)
    assert offer_deadline(noon, noon + timedelta(hours=1), quiet) == noon + timedelta(hours=1)  # the start
    assert offer_deadline(noon, noon + timedelta(days=12), quiet) == noon + timedelta(hours=24)
    # Written at 23:00: the offer goes out at 08:00 and the window counts from then.
    night = datetime(2026, 11, 23, 23, 0, tzinfo=AMSTERDAM)
    eight = datetime(2026, 11, 24, 8, 0, tzinfo=AMSTERDAM)
    assert offer_deadline(night, eight + timedelta(hours=8), quiet) == eight + timedelta(hours=2)
    # A deadline that would fall at 01:00 moves to two waking hours after 08:00.
    evening = datetime(2026, 11, 23, 19, 0, tzinfo=AMSTERDAM)
    assert offer_deadline(evening, evening + timedelta(hours=24), quiet) == eight + timedelta(hours=2)
