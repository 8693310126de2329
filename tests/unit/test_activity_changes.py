"""Changing an activity in the core: the same limits as creating, room for the people already on a task,
checked again when saved, and one transaction for the change and its notices."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.activities.changes import ActivityChanges
from bot.activities.errors import (
    ActivityCancelled,
    EndBeforeStart,
    NoTasks,
    NothingChanged,
    NotOrganiser,
    PlacesBelowTaken,
    PlacesOutOfRange,
    ReasonTooLong,
    RoomTaken,
    TaskHasPeople,
    TitleInvalid,
)
from bot.core import Core
from bot.rooms import BOTH_ROOMS
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import make_member, new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def _setup(core: Core) -> tuple[int, list[int]]:
    anna = await make_member(core, "Anna")
    (activity_id,) = await core.activities.create(
        anna, new_activity(THURSDAY, tasks=(("koken", 2), ("afwassen", 1)))
    )
    tasks = [t.id for t in (await core.activities.detail(activity_id)).tasks]
    return activity_id, tasks


async def _notices(core: Core) -> int:
    return int(
        await core.db.fetch_value("SELECT count(*) FROM outbox WHERE kind = 'notice.activity_changed'")
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (ActivityChanges(title="  "), TitleInvalid),
        (ActivityChanges(title="x" * 101), TitleInvalid),
        (ActivityChanges(new_tasks=(("opruimen", 0),)), PlacesOutOfRange),
        (ActivityChanges(new_tasks=(("opruimen", 51),)), PlacesOutOfRange),
        (ActivityChanges(title="Spelletjesavond"), NothingChanged),
        (ActivityChanges(), NothingChanged),
    ],
)
async def test_the_limits_of_creating_hold_for_a_change(
    core: Core, changes: ActivityChanges, error: type[Exception]
) -> None:
    activity_id, _ = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    with pytest.raises(error):
        await core.activities.edits.apply_changes(anna, activity_id, changes)
    assert (await core.activities.get(activity_id)).title == "Spelletjesavond"


async def test_a_task_keeps_room_for_its_people_and_a_task_with_people_stays(core: Core) -> None:
    activity_id, (koken, _) = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    await core.claims.claim(karim, koken)
    await core.claims.claim(sanne, koken)
    with pytest.raises(PlacesBelowTaken):
        await core.activities.edits.apply_changes(anna, activity_id, ActivityChanges(places=((koken, 1),)))
    with pytest.raises(TaskHasPeople):
        await core.activities.edits.apply_changes(anna, activity_id, ActivityChanges(removed_tasks=(koken,)))
    (single,) = await core.activities.create(
        anna, new_activity(THURSDAY.replace(day=27), tasks=(("uitleg", 1),))
    )
    (only,) = [t.id for t in (await core.activities.detail(single)).tasks]
    with pytest.raises(NoTasks):
        await core.activities.edits.apply_changes(anna, single, ActivityChanges(removed_tasks=(only,)))
    assert (
        await core.activities.edits.apply_changes(
            anna, single, ActivityChanges(removed_tasks=(only,), new_tasks=(("voorlezen", 1),))
        )
        == 0
    )  # one task swapped for another: allowed, and nobody to tell


async def test_a_place_claimed_after_the_preview_still_counts_when_saved(core: Core) -> None:
    activity_id, (koken, _) = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    karim = await make_member(core, "Karim")
    sanne = await make_member(core, "Sanne")
    await core.claims.claim(karim, koken)
    preview = await core.activities.edits.preview_changes(
        anna, activity_id, ActivityChanges(places=((koken, 1),))
    )
    assert preview.names == ("Karim",)
    await core.claims.claim(sanne, koken)  # between the preview and "Versturen"
    with pytest.raises(PlacesBelowTaken):
        await core.activities.edits.apply_changes(anna, activity_id, ActivityChanges(places=((koken, 1),)))
    assert await _notices(core) == 0


async def test_only_organiser_or_coordinator_and_not_when_cancelled(core: Core) -> None:
    activity_id, _ = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    karim = await make_member(core, "Karim")
    lotte = await make_member(core, "Lotte", coordinator=True)
    with pytest.raises(NotOrganiser):
        await core.activities.edits.preview_changes(karim, activity_id, ActivityChanges(title="Van Karim"))
    with pytest.raises(NotOrganiser):
        await core.activities.edits.apply_changes(karim, activity_id, ActivityChanges(title="Van Karim"))
    assert (
        await core.activities.edits.apply_changes(lotte, activity_id, ActivityChanges(title="Van Lotte")) == 1
    )
    assert await _notices(core) == 1  # Anna, the organiser, is told of the coordinator's change
    with pytest.raises(ReasonTooLong):
        await core.activities.edits.cancel(anna, activity_id, "x" * 201)
    await core.activities.edits.cancel(anna, activity_id, "preset:ill")
    assert (await core.activities.get(activity_id)).cancel_reason == "preset:ill"
    with pytest.raises(ActivityCancelled):
        await core.activities.edits.apply_changes(anna, activity_id, ActivityChanges(title="Toch wel"))


async def test_not_telling_still_saves_and_queues_nothing(core: Core) -> None:
    activity_id, (koken, afwassen) = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    karim = await make_member(core, "Karim")
    await core.claims.claim(karim, koken)
    changes = ActivityChanges(
        title="Kerstdiner",
        description="Met z'n allen",
        new_tasks=(("tafels dekken", 4),),
        removed_tasks=(afwassen,),
    )
    assert await core.activities.edits.apply_changes(anna, activity_id, changes, tell=False) == 0
    assert await _notices(core) == 0
    detail = await core.activities.detail(activity_id)
    assert (detail.activity.title, detail.activity.description) == ("Kerstdiner", "Met z'n allen")
    assert [(t.title, t.places) for t in detail.tasks] == [("koken", 2), ("tafels dekken", 4)]


async def test_a_new_time_or_place_is_checked_for_the_room_and_saved_with_the_rest(core: Core) -> None:
    activity_id, _ = await _setup(core)  # huiskamer6
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    await core.activities.create(
        anna, new_activity(THURSDAY + timedelta(days=1), title="Breiclub", place="huiskamer7")
    )
    friday = THURSDAY + timedelta(days=1)
    with pytest.raises(RoomTaken):
        await core.activities.edits.apply_changes(
            anna, activity_id, ActivityChanges(place=BOTH_ROOMS, starts_at=friday)
        )
    with pytest.raises(EndBeforeStart):
        await core.activities.edits.preview_changes(
            anna, activity_id, ActivityChanges(starts_at=friday, ends_at=friday - timedelta(hours=1))
        )
    changes = ActivityChanges(place=BOTH_ROOMS, title="Kerstdiner", starts_at=THURSDAY + timedelta(days=2))
    await core.activities.edits.apply_changes(anna, activity_id, changes)
    activity = await core.activities.get(activity_id)
    assert (activity.place, activity.title, activity.needs_key) == (BOTH_ROOMS, "Kerstdiner", True)
    assert activity.ends_at - activity.starts_at == timedelta(hours=2)  # the length is kept
    assert activity.rooms == ("huiskamer6", "huiskamer7")


async def test_two_different_edits_in_the_same_instant_are_both_told(core: Core) -> None:
    activity_id, (koken, _) = await _setup(core)
    anna = await core.members.get((await core.activities.get(activity_id)).organiser_id)
    await core.claims.claim(await make_member(core, "Karim"), koken)
    await core.activities.edits.apply_changes(anna, activity_id, ActivityChanges(title="Kerstdiner"))
    await core.activities.edits.apply_changes(
        anna, activity_id, ActivityChanges(new_tasks=(("afwassen 2", 2),))
    )
    assert await _notices(core) == 2  # the clock did not move: the key still tells them apart
