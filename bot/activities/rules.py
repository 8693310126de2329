"""Checks on what an organiser types for an activity: its title, its task lines, its times."""

from __future__ import annotations

import re
from datetime import datetime

from bot.activities.errors import (
    ActivityTooLong,
    EndBeforeStart,
    PlaceInvalid,
    PlacesOutOfRange,
    TaskNotUnderstood,
    TitleInvalid,
)
from bot.activities.models import LENGTH_MAX, PLACE_MAX, PLACES_MAX, TASK_TITLE_MAX, TITLE_MAX


def clean_title(text: str) -> str:
    title = " ".join(text.split())
    if not title or len(title) > TITLE_MAX:
        raise TitleInvalid(max=TITLE_MAX)
    return title


_TASK_LINE = re.compile(r"^(?P<title>.*?\S)\s*[:,-]?\s+(?P<places>-?\d+)\s*(x|plekken|plek|places|place)?$")


def parse_task_line(text: str) -> tuple[str, int]:
    """'opbouwen 2' -> ('opbouwen', 2). The number of places is required ("opbouwen twee" is refused)."""
    line = " ".join(text.split())
    match = _TASK_LINE.match(line)
    if match is None:
        raise TaskNotUnderstood()
    title, places = match["title"].strip(" :,-"), int(match["places"])
    if not title or len(title) > TASK_TITLE_MAX:
        raise TaskNotUnderstood()
    if not 1 <= places <= PLACES_MAX:
        raise PlacesOutOfRange(max=PLACES_MAX)
    return title, places


def clean_place(text: str) -> str:
    """A place typed by hand ("bij de speeltuin"), spaces folded; a huiskamer id passes as it is."""
    place = " ".join(text.split())
    if not place or len(place) > PLACE_MAX:
        raise PlaceInvalid(max=PLACE_MAX)
    return place


def check_times(start: datetime, end: datetime) -> None:
    """The end after the start, and an activity of at most a day."""
    if end <= start:
        raise EndBeforeStart()
    if end - start > LENGTH_MAX:
        raise ActivityTooLong(hours=int(LENGTH_MAX.total_seconds() // 3600))
