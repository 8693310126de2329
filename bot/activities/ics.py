"""Calendar files (.ics) of the agenda or of one member's tasks, with the icalendar library.

Times are written in Europe/Amsterdam with a VTIMEZONE so phones show the same wall time the group
means; UIDs are stable (one per activity, or per claim), so importing the file again updates events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from bot.activities.models import ActivityDetail, ClaimSummary

PRODID = "-//Buren voor Buren//Burenbot//NL"
UID_DOMAIN = "burenbot.bvb-lflat"
#: How a stored place reads in the calendar (``Rooms.place_name`` in the calendar's language).
PlaceName = Callable[[str], str]


def _calendar(name: str, tz: ZoneInfo, stamp: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(tz))
    calendar.add_component(Timezone.from_tzinfo(tz, first_date=stamp.date().replace(month=1, day=1)))
    return calendar


def agenda_ics(
    details: Iterable[ActivityDetail], tz: ZoneInfo, now: datetime, name: str, place_name: PlaceName
) -> bytes:
    """The whole agenda; cancelled activities stay in as STATUS:CANCELLED so calendars drop them."""
    calendar = _calendar(name, tz, now)
    for detail in details:
        a = detail.activity
        event = Event()
        event.add("uid", f"activity-{a.id}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", a.starts_at.astimezone(tz))
        event.add("dtend", a.ends_at.astimezone(tz))
        event.add("summary", a.title)
        event.add("location", place_name(a.place))
        tasks = "\n".join(f"{t.title}: {t.taken}/{t.places}" for t in detail.tasks)
        event.add("description", "\n\n".join(part for part in (a.description, tasks) if part))
        event.add("status", "CANCELLED" if a.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def claims_ics(
    claims: Iterable[ClaimSummary], tz: ZoneInfo, now: datetime, name: str, place_name: PlaceName
) -> bytes:
    """One member's tasks, one event per claim."""
    calendar = _calendar(name, tz, now)
    for claim in claims:
        event = Event()
        event.add("uid", f"claim-{claim.claim_id}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", claim.starts_at.astimezone(tz))
        event.add("dtend", claim.ends_at.astimezone(tz))
        event.add("summary", f"{claim.activity_title}: {claim.task_title}")
        event.add("location", place_name(claim.place))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
