"""Photos of an activity for the report to the funders: sent by the organiser after the visitor count,
with their choice "mag gedeeld worden" (shareable) or "alleen voor het verslag" (kept for the report).

Stored like receipts, next to the database: ``visitor_photos/<year>/<activity>-<n>.<ext>``, folders 0700
and files 0600. Only shareable photos ever leave the bot (``photos_of_period``); the others are counted."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.budget.service import _write_private, check_receipt_size, image_extension
from bot.conversation import clear_in
from bot.errors import DomainError, NotAllowed
from bot.members.service import Member, Role
from bot.report.visitors import FLOW
from bot.report.visitors import Core as VisitorsCore
from storage import report_photos as sql


class Core(VisitorsCore, Protocol):
    @property
    def tz(self) -> ZoneInfo: ...


class PhotoNotImage(DomainError):
    text_key = "report.photo_not_image"


class TooManyPhotos(DomainError):
    """params: max."""

    text_key = "report.photo_too_many"


FOLDER = "visitor_photos"
MAX_PER_ACTIVITY = 10


@dataclass(frozen=True)
class SharedPhoto:
    path: Path
    activity_title: str
    starts_at: datetime


@dataclass(frozen=True)
class PeriodPhotos:
    total: int
    shareable: tuple[SharedPhoto, ...]  # the photos that may be shared, oldest activity first


async def add_photo(core: Core, member: Member, activity_id: int, data: bytes, shareable: bool) -> str:
    """Keep a photo of the activity (organiser or coordinator); returns its file name under the data
    folder. Ends the member's photo step in the same transaction."""
    activity = await core.activities.get(activity_id)
    if activity.organiser_id != member.id and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotAllowed()
    check_receipt_size(len(data))
    extension = image_extension(data)
    if extension is None:
        raise PhotoNotImage()
    year = activity.starts_at.astimezone(core.tz).year
    async with core.db.transaction() as conn:
        n = await sql.photo_count(conn, activity.id) + 1
        if n > MAX_PER_ACTIVITY:
            raise TooManyPhotos(max=MAX_PER_ACTIVITY)
        relative = f"{FOLDER}/{year}/{activity.id}-{n}.{extension}"
        await asyncio.to_thread(_write_private, core.db.path.parent / relative, data)
        await sql.insert_photo(conn, activity.id, relative, len(data), shareable, member.id, core.clock.now())
        await clear_in(conn, member.id, FLOW)
    return relative


async def photos_of_period(core: Core, first: date, last: date) -> PeriodPhotos:
    """How many photos the activities from ``first`` to ``last`` (local days) have; the shareable files."""
    tz = core.tz
    start = datetime.combine(first, time(0), tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tz)
    rows = await sql.photos_between(core.db, start, end)
    folder = core.db.path.parent
    shareable = tuple(
        SharedPhoto(folder / row["file_name"], row["title"], datetime.fromisoformat(row["starts_at"]))
        for row in rows
        if row["shareable"]
    )
    return PeriodPhotos(len(rows), shareable)
