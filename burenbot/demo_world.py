"""One running demo: the real bot against the simulator, an example month, and a clock people can move.

The terminal demo (``burenbot demo``) and the web chat (``burenbot demo --web``, ``burenbot run`` without a
token) both drive this. Every action waits until the bot has handled it *and* the outbox has delivered what
it queued, so whoever looks next sees what the bot really sent, with nothing arriving one step late.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from aiohttp import web

from bot.clock import ManualClock
from bot.config import AccessConfig, Config, StorageConfig
from bot.core import Core, open_core
from burenbot.demo_seed import Persona, seed_example_month
from burenbot.telegram_app import App, all_jobs, build_application, on_shutdown, on_startup
from telesim import TelegramSimulator
from telesim.driving import HumanPace, UpdateTracker

INVITE = "buren"
STEP = re.compile(r"^\+\s*(\d+)\s*([mhdw]|min|uur|u|dag|dagen|week|weken)$")
UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "u": "hours", "uur": "hours", "d": "days"}
UNITS |= {"dag": "days", "dagen": "days", "w": "weeks", "week": "weeks", "weken": "weeks"}
TOMORROW = re.compile(r"^(?:morgen|tomorrow)\s+(\d{1,2})[:.](\d{2})$")
DRAIN_SECONDS = 60


class ClockNotUnderstood(ValueError):
    """A clock step the demo cannot read ("+1 uur", "+3d", "morgen 9:00", "2026-12-01 09:00" work)."""


@dataclass
class DemoWorld:
    sim: TelegramSimulator
    app: App
    core: Core
    clock: ManualClock
    tracker: UpdateTracker
    pace: HumanPace
    personas: list[Persona] = field(default_factory=list)

    @property
    def invite_link(self) -> str:
        return f"https://t.me/{self.sim.bot_username}?start={self.core.config.access.invite_code}"

    def persona(self, wanted: str) -> Persona | None:
        """By key ("coordinator") or by name ("Lotte"), ignoring case."""
        wanted = wanted.strip().lower()
        for persona in self.personas:
            if wanted in (persona.key, persona.name.lower()):
                return persona
        return None

    def add_newcomer(self, name: str) -> Persona:
        """Someone new in the flat who has only the invite link (``/start CODE`` is what opening it sends)."""
        user = self.sim.add_user(name, language_code=self.core.config.community.language)
        persona = Persona(f"user{user.user_id}", name, "stranger", user.user_id)
        self.personas.append(persona)
        return persona

    async def refresh_roles(self) -> None:
        """Roles change as people join or become coordinator; the persona panel shows them as they are."""
        for index, persona in enumerate(self.personas):
            role = self.core.members.role_of(await self.core.members.find(persona.user_id))
            self.personas[index] = replace(persona, role=role.name.lower())

    def as_sent(self, persona: Persona, text: str) -> str:
        """A stranger's bare ``/start`` is them opening the invite link: Telegram adds the code."""
        if persona.role == "stranger" and text.strip() == "/start":
            return f"/start {self.core.config.access.invite_code}"
        return text

    async def says(self, user_id: int, text: str) -> None:
        await self._settle(lambda: self.sim.user_sends_text(user_id, text))

    async def presses(self, user_id: int, message_id: int, callback_data: str) -> None:
        await self._settle(lambda: self.sim.user_presses_button(user_id, message_id, callback_data))

    async def move_clock(self, spec: str) -> datetime:
        """Move the clock, run every job due at the new moment and deliver what they queued."""
        self.clock.set(self._moment(spec.strip().lower()))
        for job in all_jobs():
            await job.run(self.app)
        await self.core.outbox.drain(within_s=DRAIN_SECONDS)
        return self.core.local_now()

    def _moment(self, spec: str) -> datetime:
        now = self.core.local_now()
        if step := STEP.match(spec):
            return now + timedelta(**{UNITS[step.group(2)]: int(step.group(1))})
        if tomorrow := TOMORROW.match(spec):
            hour, minute = int(tomorrow.group(1)), int(tomorrow.group(2))
            return (now + timedelta(days=1)).replace(hour=hour, minute=minute, second=0, microsecond=0)
        try:
            return datetime.strptime(spec, "%Y-%m-%d %H:%M").replace(tzinfo=self.core.tz)
        except ValueError:
            raise ClockNotUnderstood(spec) from None

    async def _settle(self, send: Callable[[], int]) -> None:
        self.pace.pause()
        update_id = send()
        await self.tracker.wait_for({update_id})
        await self.core.outbox.drain(within_s=DRAIN_SECONDS)


@asynccontextmanager
async def demo_world(
    language: str = "nl",
    *,
    config: Config | None = None,
    port: int = 0,
    web_routes: Callable[[web.Application], None] | None = None,
) -> AsyncIterator[DemoWorld]:
    """The bot, the simulator on ``port`` (with ``web_routes`` added) and the example month, in a temporary
    database: the configured one is never touched, so no invented neighbours end up in a real register."""
    with tempfile.TemporaryDirectory() as tmp:
        # Ten in the morning of today: awake hours, so reminders are not held back for the night.
        storage = StorageConfig(path=Path(tmp) / "demo.sqlite3")
        if config is None:
            config = Config(access=AccessConfig(invite_code=INVITE), storage=storage)
        else:
            config = replace(config, storage=storage)
        start = datetime.now(config.community.tz).replace(hour=10, minute=0, second=0, microsecond=0)
        clock = ManualClock(start)
        pace = HumanPace()
        sim = TelegramSimulator(monotonic=pace)
        if web_routes is not None:
            sim.extra_routes.append(web_routes)
        await sim.start(port=port)
        core = await open_core(config, clock)
        tracker = UpdateTracker()
        app = build_application(
            core,
            token=sim.token,
            base_url=sim.base_url,
            base_file_url=sim.base_file_url,
            update_processor=tracker,
            schedule_jobs=False,
        )
        try:
            await app.initialize()
            personas = await seed_example_month(core, sim, clock, language)
            await on_startup(app)
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            await core.outbox.drain(within_s=DRAIN_SECONDS)
            yield DemoWorld(sim, app, core, clock, tracker, pace, personas)
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await on_shutdown(app)
            if app.running:
                await app.stop()
            await app.shutdown()
            await core.close()
            await sim.stop()
