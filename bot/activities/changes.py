"""What an organiser may change about an activity after it was made, checked against what it is now.

One ``ActivityChanges`` holds every change of one edit (a new title, a description, tasks added or
removed, places of a task); ``check_changes`` applies the same limits as creating, plus the one a
change adds: a task keeps room for the people already on it. ``change_items`` lists what changed as the
data of the change notice, so each reader gets it in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.activities.errors import (
    DescriptionTooLong,
    NoTasks,
    NothingChanged,
    PlacesBelowTaken,
    PlacesOutOfRange,
    ReasonTooLong,
    TaskHasPeople,
    TaskNotUnderstood,
)
from bot.activities.models import (
    DESCRIPTION_MAX,
    PLACES_MAX,
    REASON_MAX,
    TASK_TITLE_MAX,
    ActivityDetail,
    Task,
)
from bot.activities.rules import check_times, clean_place, clean_title
from bot.notices import Notice
from storage.db import utc_text

#: The reasons a cancel offers as buttons; stored as ``preset:<name>`` and said in the reader's language.
CANCEL_REASONS = ("few_people", "ill", "room", "weather")
PRESET = "preset:"


@dataclass(frozen=True)
class ActivityChanges:
    """One edit: None (or empty) leaves a thing as it is. ``places`` maps task id to its new places."""

    title: str | None = None
    description: str | None = None
    new_tasks: tuple[tuple[str, int], ...] = ()
    removed_tasks: tuple[int, ...] = ()
    places: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    starts_at: datetime | None = None  # with ends_at: a new time
    ends_at: datetime | None = None
    place: str | None = None

    @property
    def is_empty(self) -> bool:
        return (
            self.starts_at is None
            and self.place is None
            and self.title is None
            and self.description is None
            and not self.new_tasks
            and not self.removed_tasks
            and not self.places
        )


@dataclass(frozen=True)
class ChangePreview:
    """An edit checked but not saved: the change message and who would get it (first names)."""

    changes: ActivityChanges
    notice: Notice
    member_ids: tuple[int, ...]
    names: tuple[str, ...]


def clean_description(text: str) -> str:
    description = text.strip()
    if len(description) > DESCRIPTION_MAX:
        raise DescriptionTooLong(max=DESCRIPTION_MAX)
    return description


def clean_reason(text: str) -> str:
    """A cancel reason: a preset, or typed text (spaces folded, at most ``REASON_MAX``); '' for none."""
    reason = " ".join(text.split())
    if reason.startswith(PRESET) and reason[len(PRESET) :] not in CANCEL_REASONS:
        reason = reason[len(PRESET) :]
    if len(reason) > REASON_MAX:
        raise ReasonTooLong(max=REASON_MAX)
    return reason


def check_changes(detail: ActivityDetail, changes: ActivityChanges) -> ActivityChanges:
    """The changes cleaned, or a domain error; what equals the current state is dropped."""
    activity = detail.activity
    tasks = {task.id: task for task in detail.tasks}
    starts_at, ends_at = changes.starts_at, changes.ends_at
    if starts_at is not None or ends_at is not None:
        starts_at = starts_at or activity.starts_at
        ends_at = ends_at or starts_at + (activity.ends_at - activity.starts_at)
        check_times(starts_at, ends_at)
        if (starts_at, ends_at) == (activity.starts_at, activity.ends_at):
            starts_at = ends_at = None
    place = None if changes.place is None else clean_place(changes.place)
    title = None if changes.title is None else clean_title(changes.title)
    description = None if changes.description is None else clean_description(changes.description)
    for task_title, wanted in changes.new_tasks:
        if not task_title.strip() or len(task_title) > TASK_TITLE_MAX:
            raise TaskNotUnderstood()
        if not 1 <= wanted <= PLACES_MAX:
            raise PlacesOutOfRange(max=PLACES_MAX)
    removed = tuple(task_id for task_id in dict.fromkeys(changes.removed_tasks) if task_id in tasks)
    for task_id in removed:
        if tasks[task_id].taken > 0:
            raise TaskHasPeople(task=tasks[task_id].title)
    if len(tasks) - len(removed) + len(changes.new_tasks) < 1:
        raise NoTasks()
    places: list[tuple[int, int]] = []
    for task_id, count in changes.places:
        task = tasks.get(task_id)
        if task is None or task_id in removed:
            continue
        if not 1 <= count <= PLACES_MAX:
            raise PlacesOutOfRange(max=PLACES_MAX)
        if count < task.taken:
            raise PlacesBelowTaken(task=task.title, taken=task.taken)
        if count != task.places:
            places.append((task_id, count))
    cleaned = replace(
        changes,
        starts_at=starts_at,
        ends_at=ends_at,
        place=None if place == activity.place else place,
        title=None if title == activity.title else title,
        description=None if description == activity.description else description,
        new_tasks=tuple((" ".join(t.split()), p) for t, p in changes.new_tasks),
        removed_tasks=removed,
        places=tuple(dict(places).items()),
    )
    if cleaned.is_empty:
        raise NothingChanged()
    return cleaned


def change_items(detail: ActivityDetail, changes: ActivityChanges) -> list[dict[str, Any]]:
    """What changed, as notice data: one item per change (``kind`` plus what it needs)."""
    tasks: dict[int, Task] = {task.id: task for task in detail.tasks}
    items: list[dict[str, Any]] = []
    if changes.starts_at is not None and changes.ends_at is not None:
        items.append(
            {"kind": "when", "starts_at": utc_text(changes.starts_at), "ends_at": utc_text(changes.ends_at)}
        )
    if changes.place is not None:
        items.append({"kind": "place", "place": changes.place})
    if changes.title is not None:
        items.append({"kind": "title", "old": detail.activity.title, "new": changes.title})
    if changes.description is not None:
        items.append({"kind": "description", "new": changes.description})
    for title, places in changes.new_tasks:
        items.append({"kind": "task_added", "task": title, "places": places})
    for task_id in changes.removed_tasks:
        items.append({"kind": "task_removed", "task": tasks[task_id].title})
    for task_id, places in changes.places:
        items.append({"kind": "places", "task": tasks[task_id].title, "places": places})
    return items
