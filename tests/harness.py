"""End-to-end harness: the real PTB Application, over HTTP, against the local Telegram simulator.

Tests read like the conversation: ``await anna.says("/agenda")``, ``await anna.presses("Ik doe mee")``,
``anna.sees("nog 2 plekken")``. Waiting is exact, never a sleep: the bot runs with a PTB update processor
that signals when each update's handlers have finished.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot import languages
from bot.clock import ManualClock
from bot.config import Config
from bot.core import Core, open_core
from bot.members.service import Member
from burenbot.telegram_app import App, all_jobs, build_application, faq_ready, on_shutdown, on_startup
from burenbot.updates import InOrderPerSender
from storage.db import utc_text
from telesim import SimMessage, TelegramSimulator
from telesim.driving import HumanPace, UpdateTracker
from tests.harness_config import INVITE, START


@dataclass
class Person:
    """A member (or stranger) talking to the bot in their private chat."""

    harness: Harness
    user_id: int
    name: str
    last: list[SimMessage] = field(default_factory=list)

    @property
    def chat(self) -> list[SimMessage]:
        return self.harness.sim.chat_view(self.user_id)

    async def says(self, text: str) -> list[SimMessage]:
        return await self._act(lambda: self.harness.sim.user_sends_text(self.user_id, text))

    async def presses(self, label: str) -> list[SimMessage]:
        """Press the newest button whose label contains ``label`` (case-insensitive)."""
        for message in reversed(self.chat):
            for row in message.buttons:
                for button in row:
                    if label.lower() in button.text.lower() and button.callback_data:
                        data = button.callback_data
                        return await self._act(
                            lambda m=message, d=data: self.harness.sim.user_presses_button(
                                self.user_id, m.message_id, d
                            )
                        )
        raise AssertionError(f"{self.name} sees no button {label!r}; buttons: {self.button_labels()}")

    async def sends_callback(self, message_id: int, data: str) -> list[SimMessage]:
        """A forged or stale button press, for access and robustness tests."""
        return await self._act(lambda: self.harness.sim.user_sends_callback(self.user_id, message_id, data))

    async def sends_sticker(self) -> list[SimMessage]:
        return await self._act(lambda: self.harness.sim.user_sends_sticker(self.user_id))

    async def sends_photo(self, data: bytes, caption: str | None = None) -> list[SimMessage]:
        return await self._act(lambda: self.harness.sim.user_sends_photo(self.user_id, data, caption=caption))

    async def sends_document(self, data: bytes, file_name: str, mime_type: str) -> list[SimMessage]:
        return await self._act(
            lambda: self.harness.sim.user_sends_document(self.user_id, data, file_name, mime_type)
        )

    async def edits(self, message_id: int, text: str) -> list[SimMessage]:
        return await self._act(lambda: self.harness.sim.user_edits_message(self.user_id, message_id, text))

    def sees(self, *fragments: str) -> str:
        """Assert the bot's latest answer (new or edited messages) contains every fragment."""
        text = "\n".join(message.text for message in self.last)
        for fragment in fragments:
            assert fragment.lower() in text.lower(), f"{self.name} expected {fragment!r} in:\n{text}"
        return text

    def does_not_see(self, *fragments: str) -> None:
        """Assert the bot answered, and its latest answer has none of the fragments (silence is no pass:
        use ``hears_nothing`` for that)."""
        assert self.last, f"{self.name} got no answer at all, so 'does not see' proves nothing"
        text = "\n".join(message.text for message in self.last)
        for fragment in fragments:
            assert fragment.lower() not in text.lower(), (
                f"{self.name} did not expect {fragment!r} in:\n{text}"
            )

    def hears_nothing(self) -> None:
        """Assert the bot sent nothing new and edited nothing in answer to the last action."""
        assert not self.last, f"{self.name} expected silence, got:\n" + "\n".join(m.text for m in self.last)

    def gets_no(self, *fragments: str) -> None:
        """After time passed: whatever arrived (possibly nothing, e.g. other reminders) has none of the
        fragments."""
        text = "\n".join(message.text for message in self.last).lower()
        for fragment in fragments:
            assert fragment.lower() not in text, f"{self.name} did not expect {fragment!r} in:\n{text}"

    def button_labels(self) -> list[str]:
        return [button.text for message in self.last for row in message.buttons for button in row]

    def alerts(self) -> list[str]:
        return [a.text or "" for a in self.harness.sim.callback_answers if a.user_id == self.user_id]

    def snapshot(self) -> dict[int, tuple[str, int, tuple[str, ...]]]:
        return {m.message_id: (m.text, m.edit_count, _labels(m)) for m in self.chat}

    def changed_since(self, before: dict[int, tuple[str, int, tuple[str, ...]]]) -> list[SimMessage]:
        """What the bot sent or edited in this chat since ``before``; becomes what ``sees`` looks at."""
        self.last = [
            m
            for m in self.chat
            if m.from_bot and before.get(m.message_id) != (m.text, m.edit_count, _labels(m))
        ]
        return self.last

    async def _act(self, send: Any) -> list[SimMessage]:
        self.harness.pace.pause()
        before = self.snapshot()
        update_id = send()
        await self.harness.processor.wait_for({update_id})
        await self.harness.core.outbox.drain(within_s=30)
        return self.changed_since(before)


def _labels(message: SimMessage) -> tuple[str, ...]:
    return tuple(f"{b.text}|{b.callback_data}" for row in message.buttons for b in row)


@dataclass
class Harness:
    sim: TelegramSimulator
    app: App
    core: Core
    clock: ManualClock
    processor: UpdateTracker
    pace: HumanPace
    people: list[Person] = field(default_factory=list)

    async def stranger(self, name: str = "Onbekend", *, language_code: str = "nl") -> Person:
        user = self.sim.add_user(name, language_code=language_code)
        person = Person(self, user.user_id, name)
        self.people.append(person)
        return person

    async def member(self, name: str, *, role: str = "volunteer", language: str = "nl") -> Person:
        """A member who joined through the real join flow (``role``: newcomer, volunteer, coordinator)."""
        person = await self.stranger(name)
        await person.says(f"/start {INVITE}")
        await person.says(name)
        await person.presses(languages.language(language).native_name)
        member = await self.member_record(person)
        async with self.core.db.transaction() as conn:
            if role in ("volunteer", "coordinator"):
                # Joined long enough ago to be past the newcomer period.
                await conn.execute(
                    "UPDATE members SET joined_at = ? WHERE id = ?",
                    (utc_text(self.clock.now() - timedelta(days=90)), member.id),
                )
            if role == "coordinator":
                await conn.execute("UPDATE members SET is_coordinator = 1 WHERE id = ?", (member.id,))
        return person

    async def member_record(self, person: Person) -> Member:
        member = await self.core.members.find(person.user_id)
        assert member is not None, f"{person.name} is not in the database"
        return member

    async def run_jobs(self) -> None:
        """What the JobQueue would do at this moment of the (manual) clock, delivered.

        Afterwards each person's ``sees`` looks at what they received meanwhile.
        """
        before = {person.user_id: person.snapshot() for person in self.people}
        for job in all_jobs():
            await job.run(self.app)
        await self.core.outbox.drain(within_s=30)
        for person in self.people:
            person.changed_since(before[person.user_id])

    async def travel(self, delta: timedelta) -> None:
        self.clock.advance(delta)
        await self.run_jobs()

    async def concurrently(self, *actions: Coroutine[Any, Any, Any]) -> list[Any]:
        return await asyncio.gather(*actions)


class TrackedInOrder(InOrderPerSender, UpdateTracker):
    """The production processor (side by side, in order per sender), telling when each update is done."""

    do_process_update = UpdateTracker.do_process_update


async def start_harness(
    config: Config,
    *,
    clock: ManualClock | None = None,
    concurrent_updates: int = 1,
    token: str | None = None,
    in_order_per_sender: bool = False,
    warm_faq: bool = False,
) -> Harness:
    """``warm_faq``: build the FAQ index at start-up and wait for it (the flood benchmark measures the
    steady state); off, as in ``burenbot run``, it is built at the first question."""
    clock = clock or ManualClock(START)
    pace = HumanPace()
    sim = TelegramSimulator(monotonic=pace) if token is None else TelegramSimulator(token, monotonic=pace)
    await sim.start()
    processor = (
        TrackedInOrder(concurrent_updates) if in_order_per_sender else UpdateTracker(concurrent_updates)
    )
    core, app, processor = await _start_bot(config, clock, sim, processor, warm_faq=warm_faq)
    return Harness(sim=sim, app=app, core=core, clock=clock, processor=processor, pace=pace)


async def _start_bot(
    config: Config,
    clock: ManualClock,
    sim: TelegramSimulator,
    processor: UpdateTracker,
    *,
    warm_faq: bool = False,
) -> tuple[Core, App, UpdateTracker]:
    core = await open_core(config, clock)
    app = build_application(
        core,
        token=sim.token,
        base_url=sim.base_url,
        base_file_url=sim.base_file_url,
        update_processor=processor,
        schedule_jobs=False,
    )
    await app.initialize()
    await on_startup(app, warm_faq=warm_faq)
    await faq_ready(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    return core, app, processor


async def _stop_bot(app: App, core: Core) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    await on_shutdown(app)
    if app.running:
        await app.stop()
    await app.shutdown()
    await core.close()


async def restart_bot(harness: Harness) -> None:
    """Stop the bot and start a new one on the same database and simulator (chats keep their buttons)."""
    config = harness.core.config
    await _stop_bot(harness.app, harness.core)
    processor = type(harness.processor)(harness.processor.max_concurrent_updates)
    harness.core, harness.app, harness.processor = await _start_bot(
        config, harness.clock, harness.sim, processor
    )


async def stop_harness(harness: Harness) -> None:
    await _stop_bot(harness.app, harness.core)
    await harness.sim.stop()
