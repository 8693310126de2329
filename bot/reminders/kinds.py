"""The standard reminder providers, built on the activities and hours features when they are there.

Each provider only reads what is stored now and returns what is due (see ``bot/reminders.py``). The
features they need are looked up at every run with ``getattr(core, "activities", None)``, so this module
works (and stays quiet) on a branch without them. Contracts used:
``activities.upcoming_claims(member_id)``, ``activities.activities_between(start, end)``,
``activities.open_tasks(limit=, within_days=)``, ``hours.month_status(member_id, month)``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.i18n import Markup, clock_time, day_label
from bot.keys.bringing import key_is_covered
from bot.members.service import Role
from bot.reminders.service import DueReminder

BRING_KEY_BUTTON = "key_bring:{activity_id}"  # declared in handlers/keys/bringing.py
CLAIM_BUTTON = "claim:{task_id}"  # the activities feature's claim action (contract with that feature)
COMING_BUTTON = "rem_ok:{claim_id}"
CANNOT_BUTTON = "give:{claim_id}"  # the activities feature asks to confirm, then frees the place
MAX_LISTED = 5


def when(moment: datetime, tz: Any) -> Callable[[str], str]:
    """A parameter rendered in the member's own language: 'donderdag 3 december 19:30'."""
    local = moment.astimezone(tz)
    return lambda language: f"{day_label(local, language)} {clock_time(local, language)}"


class TaskReminders:
    """24 h and 2 h (configurable) before each claimed task, with "ik kom" / "ik kan toch niet"."""

    def __init__(self, core: Any) -> None:
        self.core = core

    async def due(self, now: datetime) -> list[DueReminder]:
        activities = getattr(self.core, "activities", None)
        if activities is None:
            return []
        hours = sorted(self.core.config.reminders.task_hours_before, reverse=True)
        found: list[DueReminder] = []
        for member in await self.core.members.active_members():
            for claim in await activities.upcoming_claims(member.id):
                starts_at: datetime = claim.starts_at
                if getattr(claim, "status", "") == "cancelled" or starts_at <= now:
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
                            "task": getattr(claim, "task_title", ""),
                            "activity": getattr(claim, "activity_title", ""),
                            "when": when(starts_at, self.core.tz),
                            "place": getattr(claim, "place", "") or "",
                        },
                        buttons=[
                            [
                                ("reminders.button_coming", COMING_BUTTON.format(claim_id=claim_id)),
                                ("reminders.button_cannot", CANNOT_BUTTON.format(claim_id=claim_id)),
                            ]
                        ],
                        send_after=starts_at - timedelta(hours=h),
                        useless_after=starts_at,
                    )
                )
        return found


class OpenPlaces:
    """48 h before activities with open places: one list per opted-in member per day."""

    def __init__(self, core: Any) -> None:
        self.core = core

    async def due(self, now: datetime) -> list[DueReminder]:
        activities = getattr(self.core, "activities", None)
        if activities is None:
            return []
        window = timedelta(hours=self.core.config.reminders.open_places_hours_before)
        tasks = [
            t
            for t in await activities.open_tasks(limit=50, within_days=window.days + 1)
            if t.places_left > 0 and now < t.starts_at <= now + window
        ]
        if not tasks:
            return []
        tasks.sort(key=lambda t: t.starts_at)
        today = now.astimezone(self.core.tz).date()
        found = []
        for member in await self.core.members.active_members():
            mine = {
                c.activity_id
                for c in await activities.upcoming_claims(member.id)
                if hasattr(c, "activity_id")
            }
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
                        [("reminders.button_claim", CLAIM_BUTTON.format(task_id=t.task_id))] for t in listed
                    ],
                    send_after=now,
                    useless_after=min(t.starts_at for t in listed),
                )
            )
        return found

    def _lines(self, tasks: list[Any]) -> Callable[[str], Markup]:
        tz = self.core.tz
        texts = self.core.texts

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

    def __init__(self, core: Any) -> None:
        self.core = core

    async def _key_is_covered(self, activity: Any, activities: Any) -> bool:
        return await key_is_covered(getattr(self.core, "keys", None), activities, activity)

    def _room_name(self, room: str) -> Callable[[str], str]:
        return lambda language: self.core.texts.get(language, f"place.{room}")

    async def due(self, now: datetime) -> list[DueReminder]:
        activities = getattr(self.core, "activities", None)
        if activities is None:
            return []
        before = timedelta(hours=self.core.config.reminders.key_hours_before)
        found = []
        for a in await activities.activities_between(now, now + before):
            if not a.needs_key or a.status == "cancelled" or a.organiser_id is None or a.starts_at <= now:
                continue
            if await self._key_is_covered(a, activities):
                continue
            found.append(
                DueReminder(
                    key=f"key:{a.id}:{a.starts_at:%Y%m%dT%H%M}",
                    kind="key",
                    member_id=a.organiser_id,
                    text_key="reminders.key",
                    params={
                        "activity": a.title,
                        "when": when(a.starts_at, self.core.tz),
                        "room": self._room_name(a.room) if a.room else a.place,
                    },
                    buttons=[[("keys.bring_button", BRING_KEY_BUTTON.format(activity_id=a.id))]],
                    send_after=a.starts_at - before,
                    useless_after=a.starts_at,
                )
            )
        return found


class MonthNudge:
    """Five days before the month ends: members below their target (and not away) get one nudge."""

    def __init__(self, core: Any) -> None:
        self.core = core

    async def due(self, now: datetime) -> list[DueReminder]:
        hours = getattr(self.core, "hours", None)
        if hours is None:
            return []
        tz = self.core.tz
        local = now.astimezone(tz)
        last_day = calendar.monthrange(local.year, local.month)[1]
        nudge_day = date(local.year, local.month, last_day) - timedelta(
            days=self.core.config.reminders.month_nudge_days_before_end
        )
        if local.date() < nudge_day:
            return []
        month = date(local.year, local.month, 1)
        send_after = datetime.combine(nudge_day, time(10, 0), tz)
        next_month = datetime.combine(
            date(local.year, local.month, last_day) + timedelta(days=1), time(0), tz
        )
        activities = getattr(self.core, "activities", None)
        tasks = []
        if activities is not None:
            tasks = await activities.open_tasks(limit=3, within_days=(next_month - now).days + 7)
        found = []
        for member in await self.core.members.active_members():
            status = await hours.month_status(member.id, f"{month:%Y-%m}")
            minutes, target = status.minutes, status.target_minutes
            if status.away or target <= 0 or minutes >= target:
                continue
            if self.core.members.role_of(member) is Role.NEWCOMER:
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
                        "tasks": OpenPlaces(self.core)._lines(tasks[:3]) if tasks else "",
                    },
                    buttons=[
                        [("reminders.button_claim", CLAIM_BUTTON.format(task_id=t.task_id))]
                        for t in tasks[:3]
                    ],
                    send_after=send_after,
                    useless_after=next_month,
                )
            )
        return found


def _hours(minutes: int) -> Callable[[str], str]:
    from bot.i18n import number

    return lambda language: number(round(minutes / 60, 1), language)


def add_standard_providers(core: Any) -> None:
    from bot.report.visitors import VisitorQuestions  # imports the reminder engine itself

    providers = (TaskReminders(core), OpenPlaces(core), KeyReminders(core), MonthNudge(core))
    for provider in (*providers, VisitorQuestions(core)):
        core.reminders.add_provider(provider)
