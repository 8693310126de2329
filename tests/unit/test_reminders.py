"""The reminder engine with a small provider defined here, and the standard providers with fakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.core import Core
from bot.members.service import Member
from bot.reminders.kinds import KeyReminders, TaskReminders
from bot.reminders.service import DueReminder, quiet_until
from tests.harness_config import AMSTERDAM


@dataclass
class Claim:
    claim_id: int
    starts_at: datetime
    task_title: str = "Koffie zetten"
    activity_title: str = "Spelletjesavond"
    place: str = "Huiskamer portiek 6"
    activity_id: int = 1


@dataclass
class Activity:
    id: int
    starts_at: datetime
    organiser_id: int
    needs_key: bool = True
    title: str = "Breiclub"
    place: str = "Huiskamer portiek 7"
    room: str = "huiskamer7"  # the contract: a room id
    status: str = "planned"
    ends_at: datetime | None = None


@dataclass
class FakeActivities:
    claims: dict[int, list[Claim]] = field(default_factory=dict)
    activities: list[Activity] = field(default_factory=list)

    async def upcoming_claims(self, member_id: int) -> list[Claim]:
        return self.claims.get(member_id, [])

    async def activities_between(self, start: datetime, end: datetime) -> list[Activity]:
        return [a for a in self.activities if start <= a.starts_at < end]

    async def open_tasks(self, limit: int, within_days: int) -> list[object]:
        return []

    async def people_on(self, activity_id: int) -> list[int]:
        return []


class OneProvider:
    def __init__(self) -> None:
        self.items: list[DueReminder] = []

    async def due(self, now: datetime) -> list[DueReminder]:
        return list(self.items)


async def add_member(core: Core, telegram_id: int, name: str) -> Member:
    member = await core.members.begin_join(telegram_id, core.config.access.invite_code)
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, "nl")
    return member


def reminder(
    member: Member, key: str, send_after: datetime, useless_after: datetime, kind: str = "task"
) -> DueReminder:
    return DueReminder(
        key=key,
        kind=kind,
        member_id=member.id,
        text_key="reminders.coming_thanks",
        params={},
        buttons=[],
        send_after=send_after,
        useless_after=useless_after,
    )


async def outbox_keys(core: Core) -> list[str]:
    return [r["dedupe_key"] for r in await core.db.fetch_all("SELECT dedupe_key FROM outbox ORDER BY id")]


async def test_due_once_not_before_send_after_and_not_after_useless(core: Core, clock: ManualClock) -> None:
    anna = await add_member(core, 1001, "Anna")
    provider = OneProvider()
    core.reminders.providers = [provider]
    now = clock.now()
    provider.items = [
        reminder(anna, "a", now + timedelta(hours=1), now + timedelta(hours=3)),
        reminder(anna, "late", now - timedelta(hours=3), now - timedelta(minutes=1)),
    ]
    result = await core.reminders.run_due()
    assert result.queued == [] and result.too_late == ["late"]
    clock.advance(timedelta(hours=1))
    assert (await core.reminders.run_due()).queued == ["a"]
    assert (await core.reminders.run_due()).queued == []  # the ledger: never twice
    assert await outbox_keys(core) == ["rem:a"]


async def test_quiet_hours_wait_for_the_morning_unless_too_late(core: Core, clock: ManualClock) -> None:
    anna = await add_member(core, 1001, "Anna")
    provider = OneProvider()
    core.reminders.providers = [provider]
    clock.set(datetime(2026, 11, 23, 23, 0, tzinfo=AMSTERDAM))
    now = clock.now()
    provider.items = [
        reminder(anna, "tomorrow-evening", now, now + timedelta(hours=20)),
        reminder(anna, "early-morning", now, now + timedelta(hours=7)),  # 06:00, before quiet hours end
    ]
    result = await core.reminders.run_due()
    assert result.queued == ["early-morning"] and result.waiting_for_morning == ["tomorrow-evening"]
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=AMSTERDAM))
    assert (await core.reminders.run_due()).queued == ["tomorrow-evening"]


def test_quiet_until_handles_both_sides_of_midnight() -> None:
    from datetime import time

    start, end = time(22), time(8)
    assert quiet_until(datetime(2026, 11, 23, 21, 59, tzinfo=AMSTERDAM), AMSTERDAM, start, end) is None
    late = quiet_until(datetime(2026, 11, 23, 22, 30, tzinfo=AMSTERDAM), AMSTERDAM, start, end)
    early = quiet_until(datetime(2026, 11, 24, 3, 0, tzinfo=AMSTERDAM), AMSTERDAM, start, end)
    assert late == early == datetime(2026, 11, 24, 8, 0, tzinfo=AMSTERDAM)


async def test_switched_off_kinds_are_skipped_and_open_places_is_opt_in(
    core: Core, clock: ManualClock
) -> None:
    anna = await add_member(core, 1001, "Anna")
    provider = OneProvider()
    core.reminders.providers = [provider]
    now = clock.now()
    provider.items = [
        reminder(anna, "t", now, now + timedelta(hours=5)),
        reminder(anna, "o", now, now + timedelta(hours=5), kind="open_places"),
    ]
    assert await core.reminders.switch(anna, "task") is False
    result = await core.reminders.run_due()
    assert result.queued == [] and set(result.switched_off) == {"t", "o"}
    assert await core.reminders.switch(anna, "open_places") is True
    assert (await core.reminders.run_due()).queued == ["o"]


async def test_task_reminders_move_with_the_activity_and_catch_up_once(
    core: Core, clock: ManualClock
) -> None:
    anna = await add_member(core, 1001, "Anna")
    fake = FakeActivities()
    core.activities = fake  # type: ignore[attr-defined]
    core.reminders.providers = [TaskReminders(core)]
    start = clock.now() + timedelta(hours=30)
    fake.claims[anna.id] = [Claim(7, start)]
    assert (await core.reminders.run_due()).queued == []
    clock.advance(timedelta(hours=6))  # 24 h before
    assert [k.split(":")[0] for k in (await core.reminders.run_due()).queued] == ["task24"]
    fake.claims[anna.id] = [
        Claim(7, start + timedelta(days=2))
    ]  # the activity moved: a new 24 h reminder later
    assert (await core.reminders.run_due()).queued == []
    clock.set(
        start + timedelta(days=2) - timedelta(hours=1)
    )  # the bot was down through the 24 h and 2 h moments
    queued = (await core.reminders.run_due()).queued
    assert len(queued) == 1 and queued[0].startswith("task2:")  # only the latest window, once
    assert (await core.reminders.run_due()).queued == []
    clock.set(start + timedelta(days=2, minutes=1))  # begun: nothing more
    assert (await core.reminders.run_due()).queued == []
    fake.claims[anna.id] = []  # cancelled: nothing at all
    assert (await core.reminders.run_due()).queued == []
    rows = await core.db.fetch_all("SELECT text, buttons FROM outbox WHERE kind = 'reminder'")
    assert len(rows) == 2 and "Koffie zetten" in rows[0]["text"] and "give:7" in rows[0]["buttons"]


async def test_key_reminder_goes_to_the_organiser(core: Core, clock: ManualClock) -> None:
    karim = await add_member(core, 1002, "Karim")
    fake = FakeActivities(activities=[Activity(3, clock.now() + timedelta(hours=20), organiser_id=karim.id)])
    core.activities = fake  # type: ignore[attr-defined]
    core.reminders.providers = [KeyReminders(core)]
    assert len((await core.reminders.run_due()).queued) == 1
    text = await core.db.fetch_value("SELECT text FROM outbox WHERE member_id = ?", (karim.id,))
    assert "sleutel" in text and "Breiclub" in text


async def test_without_activities_the_standard_providers_stay_quiet(core: Core) -> None:
    assert len(core.reminders.providers) == 5  # tasks, open places, key, month nudge, visitor count
    result = await core.reminders.run_due()
    assert result.queued == []
