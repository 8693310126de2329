"""Activities core: validation, rooms, recurrence across DST, calendar export and the CLI."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.activities.errors import (
    EndBeforeStart,
    NoTasks,
    PlacesOutOfRange,
    RoomOverrideNotAllowed,
    RoomTaken,
    TaskNotUnderstood,
    TitleInvalid,
)
from bot.activities.ics import agenda_ics, claims_ics
from bot.activities.recurrence import Repeat, RepeatInvalid, occurrences
from bot.activities.rules import parse_task_line
from bot.clock import ManualClock
from bot.config import Config
from bot.core import Core, open_core
from burenbot.cli import main
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import make_member, new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("opbouwen 2", ("opbouwen", 2)),
        ("koken: 4", ("koken", 4)),
        ("  begeleiden   3 plekken", ("begeleiden", 3)),
    ],
)
def test_task_lines(text: str, expected: tuple[str, int]) -> None:
    assert parse_task_line(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("opbouwen 0", PlacesOutOfRange),
        ("koken 51", PlacesOutOfRange),
        ("opbouwen twee", TaskNotUnderstood),
        ("12", TaskNotUnderstood),
    ],
)
def test_bad_task_lines(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_task_line(text)


async def test_validation_saves_nothing(core: Core) -> None:
    anna = await make_member(core, "Anna")
    with pytest.raises(TitleInvalid):
        await core.activities.create(anna, new_activity(THURSDAY, title="x" * 101))
    with pytest.raises(EndBeforeStart):
        await core.activities.create(anna, new_activity(THURSDAY, hours=-1))
    with pytest.raises(NoTasks):
        await core.activities.create(anna, new_activity(THURSDAY, tasks=()))
    assert await core.db.fetch_value("SELECT count(*) FROM activities") == 0


async def test_rooms_do_not_double_book_but_a_coordinator_may_override(core: Core) -> None:
    anna = await make_member(core, "Anna")
    lotte = await make_member(core, "Lotte", coordinator=True)
    await core.activities.create(anna, new_activity(THURSDAY))
    later = THURSDAY + timedelta(hours=1)
    with pytest.raises(RoomTaken) as caught:
        await core.activities.create(anna, new_activity(later, title="Breiclub"))
    assert caught.value.params["title"] == "Spelletjesavond"
    await core.activities.create(anna, new_activity(later, title="Breiclub", place="huiskamer7"))
    await core.activities.create(anna, new_activity(later, title="Buiten", place="voor de flat"))
    await core.activities.create(anna, new_activity(THURSDAY + timedelta(hours=2), title="Daarna"))
    with pytest.raises(RoomOverrideNotAllowed):  # she organises it, but overriding is the coordinator's
        await core.activities.create(anna, new_activity(later, title="X"), override_room=True)
    await core.activities.create(lotte, new_activity(later, title="Overleg"), override_room=True)
    assert await core.db.fetch_value("SELECT count(*) FROM activities") == 5


def test_weekly_series_keeps_wall_time_across_dst() -> None:
    start = datetime(2027, 3, 18, 19, 30, tzinfo=AMSTERDAM)
    times = occurrences(start, start + timedelta(hours=2), Repeat("weekly", count=3), AMSTERDAM)
    assert [s.astimezone(AMSTERDAM).strftime("%m-%d %H:%M") for s, _ in times] == [
        "03-18 19:30",
        "03-25 19:30",
        "04-01 19:30",
    ]
    assert [s.hour for s, _ in times] == [18, 18, 17]  # UTC moves with summer time


def test_monthly_nth_weekday_and_until() -> None:
    start = datetime(2026, 12, 5, 10, 0, tzinfo=AMSTERDAM)  # first Saturday of December
    times = occurrences(
        start, start + timedelta(hours=2), Repeat("monthly_nth", until=date(2027, 3, 31)), AMSTERDAM
    )
    assert [s.astimezone(AMSTERDAM).date().isoformat() for s, _ in times] == [
        "2026-12-05",
        "2027-01-02",
        "2027-02-06",
        "2027-03-06",
    ]
    biweekly = occurrences(start, start + timedelta(hours=1), Repeat("biweekly", count=2), AMSTERDAM)
    assert biweekly[1][0] - biweekly[0][0] == timedelta(days=14)
    with pytest.raises(RepeatInvalid):
        Repeat("weekly")


async def test_one_occurrence_moves_or_cancels_alone(core: Core) -> None:
    anna = await make_member(core, "Anna")
    ids = await core.activities.create(anna, new_activity(THURSDAY), repeat=Repeat("weekly", count=3))
    await core.activities.edits.cancel(anna, ids[1])
    await core.activities.edits.move(
        anna, ids[2], THURSDAY + timedelta(days=15), THURSDAY + timedelta(days=15, hours=2)
    )
    statuses = [
        (a.status, a.starts_at)
        for a in await core.activities.activities_between(THURSDAY, THURSDAY + timedelta(days=30))
    ]
    assert [s for s, _ in statuses] == ["planned", "cancelled", "planned"]
    assert statuses[0][1] == THURSDAY.astimezone(UTC)


async def test_ics_has_amsterdam_timezone_and_stable_uids(core: Core) -> None:
    anna = await make_member(core, "Anna")
    (activity_id,) = await core.activities.create(anna, new_activity(THURSDAY))
    details = await core.activities.everything()

    def place(p: str) -> str:
        return core.rooms.place_name(p, "nl")

    first = agenda_ics(details, core.tz, core.clock.now(), "Buren", place)
    again = agenda_ics(details, core.tz, core.clock.now() + timedelta(hours=1), "Buren", place)
    calendar = Calendar.from_ical(first)
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"activity-{activity_id}@burenbot.bvb-lflat"
    assert event.decoded("dtstart") == THURSDAY
    assert str(event["location"]) == "Huiskamer portiek 6"  # a room by its name, never its id
    assert b"TZID=Europe/Amsterdam" in first and b"BEGIN:VTIMEZONE" in first
    assert Calendar.from_ical(again).walk("VEVENT")[0]["uid"] == event["uid"]
    task = details[0].tasks[0]
    await core.claims.claim(anna, task.id)
    mine = claims_ics(await core.claims.all_claims_of(anna.id), core.tz, core.clock.now(), "Buren", place)
    assert b"Spelletjesavond: opbouwen" in mine


def test_export_ics_cli(config: Config, clock: ManualClock, tmp_path: Path) -> None:
    async def prepare() -> None:
        core = await open_core(config, clock)
        try:
            anna = await make_member(core, "Anna")
            await core.activities.create(anna, new_activity(THURSDAY))
        finally:
            await core.close()

    asyncio.run(prepare())
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'[storage]\npath = "{config.storage.path}"\n', encoding="utf-8")
    out = tmp_path / "agenda.ics"
    assert main(["export-ics", str(out), "--config", str(config_file)]) == 0
    assert b"SUMMARY:Spelletjesavond" in out.read_bytes()


def test_when_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["when", "donderdag half acht 's avonds", "--now", "2026-11-23T10:00", "--lang", "nl"]) == 0
    assert capsys.readouterr().out.strip() == "2026-11-26T19:30:00+01:00"
    assert main(["when", "12 december 14-16 uur", "--now", "2026-11-23T10:00"]) == 0
    assert capsys.readouterr().out.strip() == "2026-12-12T14:00:00+01:00/2026-12-12T16:00:00+01:00"
    assert main(["when", "gisteren", "--now", "2026-11-23T10:00"]) == 1
    assert capsys.readouterr().out.startswith("ERROR:")


async def test_the_core_checks_place_and_length_for_every_transport(core: Core) -> None:
    from bot.activities.errors import ActivityTooLong, PlaceInvalid

    anna = await make_member(core, "Anna")
    with pytest.raises(PlaceInvalid):
        await core.activities.create(anna, new_activity(THURSDAY, place="x" * 101))
    with pytest.raises(ActivityTooLong):
        await core.activities.create(anna, new_activity(THURSDAY, hours=25))
    (activity_id,) = await core.activities.create(anna, new_activity(THURSDAY, place="  bij de   speeltuin "))
    assert (await core.activities.get(activity_id)).place == "bij de speeltuin"
    with pytest.raises(PlaceInvalid):
        await core.activities.edits.change_place(anna, activity_id, "   ")
    with pytest.raises(ActivityTooLong):
        await core.activities.edits.move(anna, activity_id, THURSDAY, THURSDAY + timedelta(hours=30))


def test_a_series_has_two_to_fifty_two_occurrences_and_skips_a_missing_fifth_weekday() -> None:
    with pytest.raises(RepeatInvalid):
        Repeat("weekly", count=1)
    with pytest.raises(RepeatInvalid):
        Repeat("weekly", count=53)
    fifth_thursday = datetime(2026, 10, 29, 19, 30, tzinfo=AMSTERDAM)  # October has five Thursdays
    end = fifth_thursday + timedelta(hours=2)
    times = occurrences(fifth_thursday, end, Repeat("monthly_nth", count=3), AMSTERDAM)
    local = [start.astimezone(AMSTERDAM) for start, _ in times]
    # November has no fifth Thursday; 19:30 stays 19:30 after the clocks went back.
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [
        (10, 29, 19, 30),
        (12, 31, 19, 30),
        (4, 29, 19, 30),
    ]
