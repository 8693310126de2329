"""What an activity is: the data classes of the agenda, the rooms, and reading them from stored rows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.rooms import is_room, rooms_of
from storage.db import parse_utc

AUDIENCES = ("children", "adults", "everyone")
TITLE_MAX = 100
PLACE_MAX = 100
LENGTH_MAX = timedelta(hours=24)  # longer is almost always a typo ("19 tot 9")
TASK_TITLE_MAX = 60
PLACES_MAX = 50
DESCRIPTION_MAX = 500
REASON_MAX = 200


@dataclass(frozen=True)
class Activity:
    id: int
    title: str
    description: str
    place: str
    starts_at: datetime
    ends_at: datetime
    audience: str
    needs_key: bool
    organiser_id: int
    status: str
    series_id: int | None
    occurrence: int | None
    group_message_id: int | None
    cancel_reason: str = ""  # '' or 'preset:<name>' or typed text (see bot.activities.changes)

    @property
    def room(self) -> str | None:
        """The place when it is a huiskamer, or both (``BOTH_ROOMS``); None outside."""
        return self.place if is_room(self.place) else None

    @property
    def rooms(self) -> tuple[str, ...]:
        return rooms_of(self.place)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True)
class Task:
    id: int
    activity_id: int
    title: str
    places: int
    taken: int
    names: tuple[str, ...] = ()
    member_ids: tuple[int, ...] = ()

    @property
    def places_left(self) -> int:
        return max(self.places - self.taken, 0)


@dataclass(frozen=True)
class TaskRef:
    id: int
    activity_id: int
    title: str


@dataclass(frozen=True)
class ActivityDetail:
    activity: Activity
    tasks: tuple[Task, ...]

    @property
    def places_left(self) -> int:
        return sum(task.places_left for task in self.tasks)


@dataclass(frozen=True)
class ActivitySummary:
    id: int
    title: str
    place: str
    room: str | None
    starts_at: datetime
    ends_at: datetime
    status: str
    organiser_id: int
    needs_key: bool

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True)
class OpenTask:
    task_id: int
    task_title: str
    activity_id: int
    activity_title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    places_left: int


@dataclass(frozen=True)
class ClaimSummary:
    claim_id: int
    task_id: int
    task_title: str
    activity_id: int
    activity_title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    member_id: int


@dataclass(frozen=True)
class NewActivity:
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    audience: str
    needs_key: bool
    tasks: tuple[tuple[str, int], ...]
    description: str = ""


def stored_utc(text: str) -> datetime:
    moment = parse_utc(text)
    assert moment is not None
    return moment


def activity_from_row(row: sqlite3.Row) -> Activity:
    return Activity(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        place=row["place"],
        starts_at=stored_utc(row["starts_at"]),
        ends_at=stored_utc(row["ends_at"]),
        audience=row["audience"],
        needs_key=bool(row["needs_key"]),
        organiser_id=row["organiser_id"],
        status=row["status"],
        series_id=row["series_id"],
        occurrence=row["occurrence"],
        group_message_id=row["group_message_id"],
        cancel_reason=row["cancel_reason"],
    )


def first_name(display_name: str | None) -> str:
    """The first name others see; empty for a member who left (their history stays, their name not)."""
    return display_name.split()[0] if display_name and display_name.strip() else ""


def _task_at(row: sqlite3.Row) -> dict[str, Any]:
    """The columns a claim and an open task share: which task of which activity, when and where."""
    return {
        "task_id": row["task_id"],
        "task_title": row["task_title"],
        "activity_id": row["activity_id"],
        "activity_title": row["activity_title"],
        "starts_at": stored_utc(row["starts_at"]),
        "ends_at": stored_utc(row["ends_at"]),
        "place": row["place"],
    }


def claim_from_row(row: sqlite3.Row) -> ClaimSummary:
    return ClaimSummary(claim_id=row["claim_id"], member_id=row["member_id"], **_task_at(row))


def open_task_from_row(row: sqlite3.Row) -> OpenTask:
    return OpenTask(places_left=row["places_left"], **_task_at(row))
