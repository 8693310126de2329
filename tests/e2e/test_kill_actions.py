"""kill -9 at random moments while members claim tasks, log hours, give tasks back and a coordinator
announces. People retry when the bot is silent. Afterwards: whatever a person was told is stored exactly
once, nothing is stored twice, no task is overfilled, and the announcement reached every member, at most
one message twice per kill (docs/delivery.md)."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bench._population import add_members
from bot.config import AccessConfig, Config, RemindersConfig, StorageConfig
from bot.core import Core, open_core
from telesim import TelegramSimulator
from telesim.limits import RateLimits
from tests.e2e.kill_people import Person, Task
from tests.unit.activity_helpers import new_activity

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261123
KILLS = 22
ACTORS = 6
PASSIVE = 24
ANNOUNCEMENT = "Vrijdag is de huiskamer van portiek 7 dicht. Tot snel!"
#: (days ahead, place, title, tasks): few places, so some presses find a task full.
ACTIVITIES = [
    (2, "huiskamer6", "Spelletjesavond", (("spellen klaarzetten", 2), ("thee schenken", 1))),
    (3, "huiskamer7", "Breiclub", (("ontvangst breiclub", 1), ("wol sorteren", 2))),
    (4, "huiskamer6", "Kinderatelier", (("knutselen begeleiden", 3), ("atelier opruimen", 1))),
]
HOURS_TEXTS = ["/uren 1 gisteren koffie", "/uren 1,5 eergisteren koffie"]
MAX_HOURS_ACTIONS = 14  # 14 x 1,5 hours over two days stays far below 24 hours a day


def start_bot(config_path: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "burenbot", "run", "--config", str(config_path)],
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


async def wait_until(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


async def kill_moment(sim: TelegramSimulator, rng: random.Random) -> None:
    """Wait for a random moment to kill: a random time, or just after one of the next few Bot API calls
    (such as the press answered after a commit, before the message is edited: told nothing, stored)."""
    if rng.random() < 0.4:
        await asyncio.sleep(rng.uniform(0.0, 1.5))
        return
    target = len(sim.requests) + rng.randint(1, 8)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if len(sim.requests) >= target:
            return
        await asyncio.sleep(0.001)


async def seed(core: Core, sim: TelegramSimulator) -> tuple[list[int], list[Task]]:
    ids = await add_members(core, sim, ACTORS + PASSIVE)
    organiser = await core.members.find(ids[0])
    assert organiser is not None
    today = core.local_now().replace(hour=19, minute=0, second=0, microsecond=0)
    tasks = []
    for days, place, title, task_places in ACTIVITIES:
        new = new_activity(today + timedelta(days=days), title=title, place=place, tasks=task_places)
        (activity_id,) = await core.activities.create(organiser, new)
        for task in (await core.activities.detail(activity_id)).tasks:
            tasks.append(Task(task.id, activity_id, title, task.title, task.places))
    return ids, tasks


async def act(person: Person, tasks: list[Task], rng: random.Random, stop: asyncio.Event) -> None:
    hours_actions = 0
    while not stop.is_set():
        held = [t for t in tasks if person.holds.get(t.id)]
        free = [t for t in tasks if not person.holds.get(t.id)]
        roll = rng.random()
        if held and roll < 0.25:
            await person.give_back(rng.choice(held))
        elif free and (roll < 0.65 or hours_actions >= MAX_HOURS_ACTIONS):
            await person.claim(rng.choice(free))
        else:
            await person.log_hours(HOURS_TEXTS[hours_actions % len(HOURS_TEXTS)])
            hours_actions += 1
        await asyncio.sleep(rng.uniform(0.0, 0.3))


@pytest.mark.slow
async def test_kill_during_claims_hours_and_announcement(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    sim = TelegramSimulator()
    sim.rate_limits = RateLimits(enabled=False)
    await sim.start()
    db_path = tmp_path / "bot.sqlite3"
    core = await open_core(
        Config(
            storage=StorageConfig(path=db_path),
            access=AccessConfig(invite_code="buren"),
            reminders=RemindersConfig(quiet_start="00:00", quiet_end="00:00"),  # real clock, any hour
        )
    )
    ids, tasks = await seed(core, sim)
    await core.close()
    config_path = tmp_path / "config.toml"
    config_path.write_text(
        f'[telegram]\ntoken = "{sim.token}"\napi_base_url = "{sim.base_url}"\n'
        f'[access]\ninvite_code = "buren"\n[storage]\npath = "{db_path}"\n'
        '[reminders]\nquiet_start = "00:00"\nquiet_end = "00:00"\n',
        encoding="utf-8",
    )
    log = tmp_path / "bot.log"
    coordinator = Person(sim, ids[0], "coordinator")
    people = [Person(sim, user_id, f"actor{i}") for i, user_id in enumerate(ids[1 : 1 + ACTORS])]
    stop = asyncio.Event()
    kills_after_send: list[int] = []
    announce_after_kill = rng.randrange(2, 8)
    kills = 0

    def starts() -> int:  # PTB deletes the webhook right before it starts polling
        return sum(1 for r in sim.requests if r.method.lower() == "deletewebhook")

    async def coordinate() -> str:
        await wait_until(lambda: kills >= announce_after_kill, 60, "the announcement's turn")
        return await coordinator.announce(ANNOUNCEMENT)

    actors = [asyncio.create_task(act(p, tasks, random.Random(SEED + i), stop)) for i, p in enumerate(people)]
    announcing = asyncio.create_task(coordinate())
    started = time.monotonic()
    bot = start_bot(config_path, log)
    try:
        for _ in range(KILLS):
            before = starts()
            await wait_until(lambda: starts() > before, 20, "the bot to poll")  # noqa: B023
            await kill_moment(sim, rng)
            os.kill(bot.pid, signal.SIGKILL)
            bot.wait(5)
            kills += 1
            if coordinator.pressed_send:
                kills_after_send.append(kills)
            for task in [*actors, announcing]:
                if task.done() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
            bot = start_bot(config_path, log)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*actors, announcing), 40)
        told_announcement = announcing.result()
        await wait_until(lambda: _received_by_all(sim, ids), 30, "the announcement to reach everyone")
        await wait_until(lambda: any("Verslag" in m.text for m in sim.chat_view(ids[0])), 15, "the report")
    finally:
        stop.set()
        for task in [*actors, announcing]:
            task.cancel()
        bot.send_signal(signal.SIGTERM)
        try:
            bot.wait(10)
        except subprocess.TimeoutExpired:
            bot.kill()
        await sim.stop()
    elapsed = time.monotonic() - started

    db = sqlite3.connect(db_path)
    try:
        check_database(db, ids, people, tasks, told_announcement)
    finally:
        db.close()
    actions = sum(p.actions for p in [*people, coordinator])
    retries = sum(p.retries for p in [*people, coordinator])
    print(f"{kills} kills, {actions} actions, {retries} retries, {elapsed:.1f} s")
    assert actions >= 3 * KILLS
    assert retries > 0  # the kills did hit people in the middle of something
    # Nothing went wrong on the bot's side that a person saw.
    for user_id in ids:
        assert not any("er ging iets mis" in m.text for m in sim.chat_view(user_id) if m.from_bot), user_id
    counts = [_count(sim, chat_id) for chat_id in ids[1:]]
    assert all(n >= 1 for n in counts)
    assert sum(n - 1 for n in counts) <= len(kills_after_send), (
        "an announcement went twice more than once a kill"
    )


def check_database(
    db: sqlite3.Connection,
    ids: list[int],
    people: list[Person],
    tasks: list[Task],
    told_announcement: str,
) -> None:
    by_telegram = {t: m for m, t in db.execute("SELECT id, telegram_id FROM members")}
    # Claims: exactly what each person was last told; never one twice; no task over its places.
    for person in people:
        member_id = by_telegram[person.user_id]
        stored = {
            row[0] for row in db.execute("SELECT task_id FROM claims WHERE member_id = ?", (member_id,))
        }
        told = {task_id for task_id, holds in person.holds.items() if holds}
        assert stored == told, f"{person.name}: stored {sorted(stored)}, told {sorted(told)}"
    pairs = db.execute("SELECT count(*), count(DISTINCT task_id || ':' || member_id) FROM claims").fetchone()
    assert pairs[0] == pairs[1], "a member holds the same task twice"
    for task in tasks:
        (taken,) = db.execute("SELECT count(*) FROM claims WHERE task_id = ?", (task.id,)).fetchone()
        assert taken <= task.places, f"{task.title}: {taken} of {task.places} places"
    # Hours: every "Opgeslagen" (or "al opgeslagen" after a retry) is one entry; never more than pressed.
    for person in people:
        (entries,) = db.execute(
            "SELECT count(*) FROM hours_entries WHERE member_id = ?", (by_telegram[person.user_id],)
        ).fetchone()
        assert person.hours_told <= entries <= len(person.hours_pressed), (
            f"{person.name}: {entries} entries, told {person.hours_told}, pressed {len(person.hours_pressed)}"
        )
        assert entries == person.hours_told, f"{person.name}: {entries} entries, told {person.hours_told}"
    # The announcement: confirmed once, queued once for every member.
    assert told_announcement in ("queued", "already")
    # A draft started again replaces the unfinished one ('cancelled'); only sending/done were confirmed.
    sent = db.execute("SELECT id FROM announcements WHERE status IN ('sending', 'done')").fetchall()
    assert len(sent) == 1
    audience = [row[0] for row in db.execute("SELECT chat_id FROM outbox WHERE kind = 'announcement'")]
    assert sorted(audience) == sorted(set(audience)) and len(audience) >= ACTORS + PASSIVE
    assert set(audience) >= set(ids[1:]), "the announcement was not queued for every member"


def _count(sim: TelegramSimulator, chat_id: int) -> int:
    return sum(1 for m in sim.chat_view(chat_id) if m.from_bot and ANNOUNCEMENT in m.text)


def _received_by_all(sim: TelegramSimulator, ids: list[int]) -> bool:
    return all(_count(sim, chat_id) >= 1 for chat_id in ids[1:])
