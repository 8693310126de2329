"""The standard reminder providers: tasks, open places, keys and the month nudge.

Each provider only reads what is stored now and returns what is due (see ``bot/reminders/service.py``).
They get the services they read from in ``Sources``, built once at bootstrap (``bot/core.py``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.activities.actions import CLAIM, GIVE
from bot.activities.models import ActivitySummary, OpenTask
from bot.activities.service import Activities
from bot.config import RemindersConfig
from bot.hours.months import HoursMonths
from bot.i18n import Markup, Texts, clock_time, day_label, number
from bot.keys.actions import BRING
from bot.keys.bringing import key_is_covered
from bot.keys.service import Keys
from bot.members.service import Members, Role
from bot.reminders.actions import COMING
from bot.reminders.service import DueReminder, ReminderProvider
from bot.report.actions import RANGES, VISITORS
from bot.rooms import Rooms
from storage import report as report_sql
from storage.db import Database

MAX_LISTED = 5
VISITORS_ASK_FOR = timedelta(days=3)


@dataclass(frozen=True)
class Sources:
    """What the standard providers read: the features' services, the settings, texts and rooms."""

    config: RemindersConfig
    tz: ZoneInfo
    texts: Texts
    rooms: Rooms
    members: Members
    activities: Activities
    keys: Keys
    hours: HoursMonths
    db: Database


def when(moment: datetime, tz: ZoneInfo) -> Callable[[str], str]:
    """A parameter rendered in the member's own language: 'donderdag 3 december 19:30'."""
    local = moment.astimezone(tz)
    return lambda language: f"{day_label(local, language)} {clock_time(local, language)}"


class TaskReminders:
    """24 h and 2 h (configurable) before each claimed task, with "ik kom" / "ik kan toch niet"."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    async def due(self, now: datetime) -> list[DueReminder]:
        src = self.sources
        hours = sorted(src.config.task_hours_before, reverse=True)
        found: list[DueReminder] = []
        for member in await src.members.active_members():
            for claim in await src.activities.upcoming_claims(member.id):  # planned activities only
                starts_at = claim.starts_at
                if starts_at <= now:
                    continue
                # After a pause only the latest window counts: never "tomorrow" and "in 2 hours" at once.
                passed = [h for h in hours if starts_at - timedelta(hours=h) <= now]
                if not passed:
                    continue
                h = passed[-1]
                claim_id = claim.claim_id
                found.append(
                    DueReminder(
                        key=f"task{h}:{claim_id}:{starts_at:%Y%m%dT%H%M}",
                        kind="task",
                        member_id=member.id,
                        text_key="reminders.task",
                        params={
                            "task": claim.task_title,
                            "activity": claim.activity_title,
                            "when": when(starts_at, src.tz),
                            "place": place_name(src.rooms, claim.place),
                        },
                        buttons=[
                            [
                                ("reminders.button_coming", COMING.encode(claim_id)),
                                ("reminders.button_cannot", GIVE.encode(claim_id)),
                            ]
                        ],
                        send_after=starts_at - timedelta(hours=h),
                        useless_after=starts_at,
                    )
                )
        return found


class OpenPlaces:
    """48 h before activities with open places: one list per opted-in member per day."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    async def due(self, now: datetime) -> list[DueReminder]:
        src = self.sources
        window = timedelta(hours=src.config.open_places_hours_before)
        tasks = [
            t
            for t in await src.activities.open_tasks(limit=50, within_days=window.days + 1)
            if t.places_left > 0 and now < t.starts_at <= now + window
        ]
        if not tasks:
            return []
        tasks.sort(key=lambda t: t.starts_at)
        today = now.astimezone(src.tz).date()
        found = []
        for member in await src.members.active_members():
            mine = {c.activity_id for c in await src.activities.upcoming_claims(member.id)}
            listed = [t for t in tasks if t.activity_id not in mine][:MAX_LISTED]
            if not listed:
                continue
            found.append(
                DueReminder(
                    key=f"open:{member.id}:{today.isoformat()}",
                    kind="open_places",
                    member_id=member.id,
                    text_key="reminders.open_places",
                    params={"lines": self._lines(listed)},
                    buttons=[
                        [("reminders.button_claim", CLAIM.encode(t.task_id))] for t in listed
                    ],
                    send_after=now,
                    useless_after=min(t.starts_at for t in listed),
                )
            )
        return found

    def _lines(self, tasks: list[OpenTask]) -> Callable[[str], Markup]:
        return open_task_lines(self.sources, tasks)


def open_task_lines(src: Sources, tasks: list[OpenTask]) -> Callable[[str], Markup]:
    """One line per open task, rendered in each member's language."""
    tz = src.tz
    texts = src.texts

    def render(language: str) -> Markup:
        return Markup(
            "\n".join(
                texts.plural(
                    language,
                    "reminders.open_places_line",
                    t.places_left,
                    task=t.task_title,
                    activity=t.activity_title,
                    when=when(t.starts_at, tz)(language),
                )
                for t in tasks
            )
        )

    return render


class KeyReminders:
    """24 h before an activity in a huiskamer without a key holder: ask the organiser."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    async def _key_is_covered(self, activity: ActivitySummary) -> bool:
        """Someone said they bring the key, or someone on the activity holds a key to that room."""
        return await key_is_covered(self.sources.keys, self.sources.activities, activity)

    async def due(self, now: datetime) -> list[DueReminder]:
        src = self.sources
        before = timedelta(hours=src.config.key_hours_before)
        found = []
        for a in await src.activities.activities_between(now, now + before):
            if not a.needs_key or a.cancelled or a.starts_at <= now:
                continue
            if await self._key_is_covered(a):
                continue
            found.append(
                DueReminder(
                    key=f"key:{a.id}:{a.starts_at:%Y%m%dT%H%M}",
                    kind="key",
                    member_id=a.organiser_id,
                    text_key="reminders.key",
                    params={
                        "activity": a.title,
                        "when": when(a.starts_at, src.tz),
                        "room": place_name(src.rooms, a.place),
                    },
                    buttons=[[("keys.bring_button", BRING.encode(a.id))]],
                    send_after=a.starts_at - before,
                    useless_after=a.starts_at,
                )
            )
        return found


class MonthNudge:
    """Five days before the month ends: members below their target (and not away) get one nudge."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    async def due(self, now: datetime) -> list[DueReminder]:
        src = self.sources
        tz = src.tz
        local = now.astimezone(tz)
        last_day = calendar.monthrange(local.year, local.month)[1]
        nudge_day = date(local.year, local.month, last_day) - timedelta(
            days=src.config.month_nudge_days_before_end
        )
        if local.date() < nudge_day:
            return []
        month = date(local.year, local.month, 1)
        send_after = datetime.combine(nudge_day, time(10, 0), tz)
        next_month = datetime.combine(
            date(local.year, local.month, last_day) + timedelta(days=1), time(0), tz
        )
        tasks = await src.activities.open_tasks(limit=3, within_days=(next_month - now).days + 7)
        found = []
        for member in await src.members.active_members():
            status = await src.hours.month_status(member.id, f"{month:%Y-%m}")
            minutes, target = status.minutes, status.target_minutes
            if status.away or target <= 0 or minutes >= target:
                continue
            if src.members.role_of(member) is Role.NEWCOMER:
                continue  # their first weeks are for finding their way, not for catching up
            key = "reminders.month_nudge" if tasks else "reminders.month_nudge_no_tasks"
            found.append(
                DueReminder(
                    key=f"nudge:{member.id}:{month:%Y-%m}",
                    kind="month_nudge",
                    member_id=member.id,
                    text_key=key,
                    params={
                        "hours": _hours(minutes),
                        "target": _hours(target),
                        "tasks": open_task_lines(src, tasks[:3]) if tasks else "",
                    },
                    buttons=[
                        [("reminders.button_claim", CLAIM.encode(t.task_id))] for t in tasks[:3]
                    ],
                    send_after=send_after,
                    useless_after=next_month,
                )
            )
        return found


def _hours(minutes: int) -> Callable[[str], str]:
    return lambda language: number(round(minutes / 60, 1), language)


class VisitorQuestions:
    """After each activity the organiser is asked, once, how many residents came (a range, by buttons).

    The question goes as kind 'task', so it waits for the morning in quiet hours, goes at most once, and
    is dropped after ``VISITORS_ASK_FOR``."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    async def due(self, now: datetime) -> list[DueReminder]:
        src = self.sources
        found = []
        for a in await src.activities.activities_between(now - VISITORS_ASK_FOR - timedelta(days=1), now):
            if a.cancelled or a.organiser_id is None or a.ends_at > now:
                continue
            if a.ends_at + VISITORS_ASK_FOR <= now or await report_sql.has_visitors(src.db, a.id):
                continue
            buttons = [(f"report.range.{low}", VISITORS.encode(a.id, low, high)) for low, high in RANGES]
            found.append(
                DueReminder(
                    key=f"visitors:{a.id}",
                    kind="task",
                    member_id=a.organiser_id,
                    text_key="report.visitors_question",
                    params={"activity": a.title},
                    buttons=[buttons[:3], buttons[3:]],
                    send_after=a.ends_at,
                    useless_after=a.ends_at + VISITORS_ASK_FOR,
                )
            )
        return found


def place_name(rooms: Rooms, place: str) -> Callable[[str], str]:
    """An activity's place in the member's own language (a huiskamer by its name, never its id)."""
    return lambda language: rooms.place_name(place, language)


def standard_providers(sources: Sources) -> list[ReminderProvider]:
    """The providers the bot runs, in order: handed to ``Reminders`` at bootstrap."""
    return [
        TaskReminders(sources),
        OpenPlaces(sources),
        KeyReminders(sources),
        MonthNudge(sources),
        VisitorQuestions(sources),
    ]
