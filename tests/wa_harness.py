"""End-to-end harness for WhatsApp: the real PTB Application behind the bridge, the webhook over HTTP,
against the WhatsApp Cloud API simulator (``wasim``).

``await anna.says("agenda")`` returns once the webhook answered (the bot handles a message before it
acknowledges it), the outbox is drained and every status callback arrived; ``anna.sees(...)`` looks at
what the bot sent meanwhile.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.channels import WHATSAPP_ID_BASE
from bot.clock import ManualClock
from bot.config import Config, WhatsAppConfig
from bot.core import Core, open_core
from bot.members.service import Member
from burenbot.telegram_app import all_jobs, on_shutdown, on_startup
from burenbot.whatsapp.app import WhatsAppRuntime, build_whatsapp
from burenbot.whatsapp.templates import TEMPLATES
from storage import whatsapp as wa_sql
from storage.db import utc_text
from tests.harness_config import INVITE, START
from wasim import VERSION, Template, WaMessage, WhatsAppSimulator

_numbers = itertools.count(31600000001)


class SlowPace:
    """The simulator's monotonic clock: real time plus six seconds per action (a person's typing pace
    against WhatsApp's ~1 message per 6 s pair rate)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        import time

        return time.monotonic() + self.offset

    def pause(self) -> None:
        self.offset += 6.0


@dataclass
class WaPerson:
    harness: WaHarness
    wa_id: str
    name: str
    last: list[WaMessage] = field(default_factory=list)

    @property
    def chat(self) -> list[WaMessage]:
        return self.harness.sim.chat_view(self.wa_id)

    async def user_id(self) -> int:
        row = await self.harness.core.db.fetch_one(
            "SELECT user_id FROM wa_contacts WHERE wa_id = ?", (self.wa_id,)
        )
        assert row is not None, f"{self.name} never wrote to the bot"
        return int(row["user_id"])

    async def says(self, text: str) -> list[WaMessage]:
        return await self._act(lambda: self.harness.sim.member_sends_text(self.wa_id, text))

    async def presses(self, title: str) -> list[WaMessage]:
        return await self._act(lambda: self.harness.sim.member_presses(self.wa_id, title))

    async def sends_image(self, data: bytes, caption: str = "") -> list[WaMessage]:
        return await self._act(lambda: self.harness.sim.member_sends_image(self.wa_id, data, caption))

    def sees(self, *fragments: str) -> str:
        text = "\n".join(m.text for m in self.last)
        for fragment in fragments:
            assert fragment.lower() in text.lower(), f"{self.name} expected {fragment!r} in:\n{text}"
        return text

    def does_not_see(self, *fragments: str) -> None:
        text = "\n".join(m.text for m in self.last)
        for fragment in fragments:
            assert fragment.lower() not in text.lower(), f"{self.name} did not expect {fragment!r}:\n{text}"

    def choices(self) -> list[str]:
        return [title for m in self.last for _, title in m.choices]

    async def _act(self, act: Callable[[], Awaitable[int]]) -> list[WaMessage]:
        self.harness.pace.pause()
        before = len(self.chat)
        status = await act()
        assert status == 200, f"the webhook answered {status}"
        await self.harness.settle()
        self.last = [m for m in self.chat[before:] if m.from_bot]
        return self.last


@dataclass
class WaHarness:
    sim: WhatsAppSimulator
    runtime: WhatsAppRuntime
    core: Core
    clock: ManualClock
    pace: SlowPace
    people: list[WaPerson] = field(default_factory=list)

    @property
    def app(self):  # type: ignore[no-untyped-def]
        return self.runtime.application

    def stranger(self, name: str) -> WaPerson:
        wa_id = str(next(_numbers))
        self.sim.add_member(wa_id, name)
        person = WaPerson(self, wa_id, name)
        self.people.append(person)
        return person

    async def member(self, name: str, *, role: str = "volunteer", language: str = "nl") -> WaPerson:
        """A member who joined through the wa.me link's text, then the real join flow."""
        person = self.stranger(name)
        await person.says(f"start {INVITE}")
        await person.says(name)
        await person.presses("Nederlands" if language == "nl" else "English")
        member = await self.member_record(person)
        async with self.core.db.transaction() as conn:
            if role in ("volunteer", "coordinator"):
                await conn.execute(
                    "UPDATE members SET joined_at = ? WHERE id = ?",
                    (utc_text(self.clock.now() - timedelta(days=90)), member.id),
                )
            if role == "coordinator":
                await conn.execute("UPDATE members SET is_coordinator = 1 WHERE id = ?", (member.id,))
        return person

    async def quick_members(self, count: int) -> list[WaPerson]:
        """Many members at once, straight into the database, each of whom wrote to the bot just now."""
        people = []
        for i in range(count):
            person = self.stranger(f"Buur{i:03d}")
            self.sim.members[person.wa_id].last_inbound = self.clock.now()
            contact = await wa_sql.contact_for(
                self.core.db, person.wa_id, person.name, self.clock.now(), WHATSAPP_ID_BASE
            )
            await wa_sql.touch_inbound(self.core.db, contact["user_id"], self.clock.now())
            async with self.core.db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO members (telegram_id, display_name, language, status, joined_at)"
                    " VALUES (?, ?, 'nl', 'active', ?)",
                    (contact["user_id"], person.name, utc_text(self.clock.now() - timedelta(days=90))),
                )
            people.append(person)
        return people

    async def member_record(self, person: WaPerson) -> Member:
        member = await self.core.members.find(await person.user_id())
        assert member is not None, f"{person.name} is not a member"
        return member

    async def settle(self) -> None:
        await self.core.outbox.drain(within_s=60)
        await self.sim.settle()

    async def run_jobs(self) -> None:
        before = {p.wa_id: len(p.chat) for p in self.people}
        for job in all_jobs():
            await job.run(self.app)
        await self.settle()
        for person in self.people:
            person.last = [m for m in person.chat[before[person.wa_id] :] if m.from_bot]

    async def travel(self, delta: timedelta) -> None:
        self.clock.advance(delta)
        await self.run_jobs()

    async def status_of(self, person: WaPerson) -> list[str]:
        rows = await self.core.db.fetch_all(
            "SELECT status FROM wa_sent WHERE user_id = ? AND wamid IS NOT NULL ORDER BY message_id",
            (await person.user_id(),),
        )
        return [row["status"] for row in rows]


def whatsapp_config(config: Config, sim: WhatsAppSimulator) -> Config:
    whatsapp = WhatsAppConfig(
        phone_number_id=sim.phone_number_id,
        token=sim.token,
        app_secret=sim.app_secret,
        verify_token=sim.verify_token,
        api_base_url=f"{sim.base_url}/{VERSION}",
        listen="127.0.0.1:0",
        display_number=sim.display_number,
    )
    return dataclasses.replace(config, whatsapp=whatsapp)


def approve_all(sim: WhatsAppSimulator) -> None:
    """What Meta approved: every template in burenbot/whatsapp/templates.py, in both languages."""
    for template in TEMPLATES:
        for language, body in template.body.items():
            sim.approve_template(
                Template(template.name, language, template.category, body, (template.button[language],))
            )


async def start_wa_harness(config: Config, *, clock: ManualClock | None = None) -> WaHarness:
    clock = clock or ManualClock(START)
    pace = SlowPace()
    sim = WhatsAppSimulator(now=clock.now, monotonic=pace)
    await sim.start()
    approve_all(sim)
    config = whatsapp_config(config, sim)
    core = await open_core(config, clock)
    runtime = build_whatsapp(core, config.whatsapp)
    await runtime.application.initialize()
    await on_startup(runtime.application)
    await runtime.application.start()
    await runtime.serve(config.whatsapp.listen)
    sim.webhook_url = f"http://127.0.0.1:{runtime.port}/whatsapp/webhook"
    return WaHarness(sim=sim, runtime=runtime, core=core, clock=clock, pace=pace)


async def stop_wa_harness(harness: WaHarness) -> None:
    await harness.sim.settle()
    await harness.runtime.close()
    app = harness.runtime.application
    await on_shutdown(app)
    if app.running:
        await app.stop()
    await app.shutdown()
    await harness.core.close()
    await harness.sim.stop()


__all__ = ["WaHarness", "WaPerson", "start_wa_harness", "stop_wa_harness", "wa_sql"]
