"""The reminder engine with a small provider defined here, and the standard providers on real activities."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.core import Core
from bot.members.service import Member
from bot.quiet import quiet_until
from bot.reminders.kinds import KeyReminders, TaskReminders
from bot.reminders.service import DueReminder
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity


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
    return [
        r["dedupe_key"]
        for r in await core.db.fetch_all("SELECT dedupe_key FROM outbox WHERE kind != 'menu' ORDER BY id")
    ]


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
    lotte = await add_member(core, 1003, "Lotte")
    core.reminders.providers = [TaskReminders(core.reminder_sources)]
    start = clock.now() + timedelta(hours=30)
    activity = new_activity(start, tasks=(("Koffie zetten", 2),))
    (activity_id,) = await core.activities.create(lotte, activity)
    (task,) = (await core.activities.detail(activity_id)).tasks
    await core.claims.claim(anna, task.id)
    assert (await core.reminders.run_due()).queued == []
    clock.advance(timedelta(hours=6))  # 24 h before
    assert [k.split(":")[0] for k in (await core.reminders.run_due()).queued] == ["task24"]
    later = start + timedelta(days=2)  # the activity moved: a new 24 h reminder later
    await core.activities.edits.move(lotte, activity_id, later, later + timedelta(hours=2))
    assert (await core.reminders.run_due()).queued == []
    clock.set(later - timedelta(hours=1))  # the bot was down through the 24 h and 2 h moments
    queued = (await core.reminders.run_due()).queued
    assert len(queued) == 1 and queued[0].startswith("task2:")  # only the latest window, once
    assert (await core.reminders.run_due()).queued == []
    clock.set(later + timedelta(minutes=1))  # begun: nothing more
    assert (await core.reminders.run_due()).queued == []
    rows = await core.db.fetch_all("SELECT text, buttons FROM outbox WHERE kind = 'reminder'")
    assert len(rows) == 2 and "Koffie zetten" in rows[0]["text"]
    # The room by its name, never its id (the id once reached people as "huiskamer6.").
    assert "Huiskamer portiek 6" in rows[0]["text"] and "huiskamer6" not in rows[0]["text"]
    claim_id = await core.db.fetch_value("SELECT id FROM claims")
    assert f"give:{claim_id}" in rows[0]["buttons"]


async def test_a_cancelled_activity_has_no_task_reminders(core: Core, clock: ManualClock) -> None:
    anna = await add_member(core, 1001, "Anna")
    lotte = await add_member(core, 1003, "Lotte")
    core.reminders.providers = [TaskReminders(core.reminder_sources)]
    start = clock.now() + timedelta(hours=20)
    (activity_id,) = await core.activities.create(lotte, new_activity(start, tasks=(("Koffie zetten", 2),)))
    (task,) = (await core.activities.detail(activity_id)).tasks
    await core.claims.claim(anna, task.id)
    await core.activities.edits.cancel(lotte, activity_id)
    assert (await core.reminders.run_due()).queued == []


async def test_key_reminder_goes_to_the_organiser(core: Core, clock: ManualClock) -> None:
    karim = await add_member(core, 1002, "Karim")
    start = clock.now() + timedelta(hours=20)
    await core.activities.create(karim, new_activity(start, title="Breiclub", place="huiskamer7"))
    core.reminders.providers = [KeyReminders(core.reminder_sources)]
    assert len((await core.reminders.run_due()).queued) == 1
    text = await core.db.fetch_value(
        "SELECT text FROM outbox WHERE member_id = ? AND kind != 'menu'", (karim.id,)
    )
    assert "sleutel" in text and "Breiclub" in text
    assert "Huiskamer portiek 7" in text and "huiskamer7" not in text


async def test_without_activities_the_standard_providers_stay_quiet(core: Core) -> None:
    assert len(core.reminders.providers) == 5  # tasks, open places, key, month nudge, visitor count
    result = await core.reminders.run_due()
    assert result.queued == []
