"""People for the kill test: they drive the simulator like a person would, and retry when the bot is silent.

Each action is a few steps (send a command, press a button). A step waits ANSWER_S for its answer; with no
answer (the bot was dead) the person sends the same thing again. An action must come to a clear answer
within ACTION_S, or the test fails. What each person was told is kept, to check against the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from telesim import TelegramSimulator
from telesim.models import SimMessage

T = TypeVar("T")

ANSWER_S = 1.0  # an impatient person: less than a restart takes, so presses often arrive twice
ACTION_S = 30.0  # an action without a clear answer after this long fails the test
POLL_S = 0.03


@dataclass(frozen=True)
class Task:
    id: int
    activity_id: int
    activity: str
    title: str
    places: int


class NoAnswer(AssertionError):
    pass


@dataclass
class Person:
    sim: TelegramSimulator
    user_id: int
    name: str
    #: Tasks the bot last told this person they hold (claimed / already theirs) or not (full / given back).
    holds: dict[int, bool] = field(default_factory=dict)
    #: Hours actions: drafts pressed "Opslaan" on (the most that may be stored) and ones told stored.
    hours_pressed: set[int] = field(default_factory=set)
    hours_told: int = 0
    actions: int = 0
    retries: int = 0
    pressed_send: bool = False

    # --- reading the chat ---------------------------------------------------------------------------
    def last_id(self) -> int:
        view = self.sim.chat_view(self.user_id)
        return view[-1].message_id if view else 0

    def new_from_bot(self, after: int) -> list[SimMessage]:
        return [m for m in self.sim.chat_view(self.user_id) if m.from_bot and m.message_id > after]

    def message(self, message_id: int) -> SimMessage:
        return next(m for m in self.sim.chat_view(self.user_id) if m.message_id == message_id)

    def new_containing(self, after: int, text: str) -> SimMessage | None:
        return next((m for m in self.new_from_bot(after) if text in m.text), None)

    # --- acting -------------------------------------------------------------------------------------
    def _send(self, text: str) -> Callable[[], None]:
        return lambda: self.sim.user_sends_text(self.user_id, text) and None

    def _press(self, message_id: int, data: str) -> Callable[[], None]:
        def press() -> None:
            shown = [b.callback_data for row in self.message(message_id).buttons for b in row]
            if data in shown:  # gone when a late answer replaced the message: then nothing to press
                self.sim.user_presses_button(self.user_id, message_id, data)

        return press

    async def until_answered(self, send: Callable[[], None], answer: Callable[[], T | None], what: str) -> T:
        """Send, and send again after ANSWER_S of silence, until ``answer()`` finds the bot's answer."""
        deadline = time.monotonic() + ACTION_S
        while True:
            send()
            retry_at = time.monotonic() + ANSWER_S
            while time.monotonic() < retry_at:
                found = answer()
                if found is not None:
                    return found
                if time.monotonic() > deadline:
                    raise NoAnswer(f"{self.name}: no answer to {what} within {ACTION_S:.0f} s")
                await asyncio.sleep(POLL_S)
            self.retries += 1

    # --- actions --------------------------------------------------------------------------------------
    async def claim(self, task: Task) -> str:
        """/agenda, open the activity, press "Ik doe mee" for the task. Returns what the bot said."""
        self.actions += 1
        mark = self.last_id()
        show = f"act:{task.activity_id}"
        agenda = await self.until_answered(
            self._send("/agenda"),
            lambda: next((m for m in self.new_from_bot(mark) if _has_button(m, show)), None),
            "/agenda",
        )
        mark = self.last_id()
        detail = await self.until_answered(
            self._press(agenda.message_id, show),
            lambda: next((m for m in self.new_from_bot(mark) if _is_detail(m, task)), None),
            f"opening {task.activity}",
        )
        claim, wait = f"claim:{task.id}", f"wait:{task.id}"
        if _has_button(detail, wait):
            return self._told(task, "full")
        if not _has_button(detail, claim):
            return self._told(task, "shown_mine")  # the detail lists me on the task: no button
        mark = self.last_id()

        def answer() -> str | None:
            if f"Gelukt! Je doet mee met {task.title}" in self.message(detail.message_id).text:
                return "done"
            if self.new_containing(mark, f"Je doet al mee met {task.title}"):
                return "already"
            if self.new_containing(mark, f"Sorry, {task.title} is al vol"):
                return "full"
            return None

        said = await self.until_answered(self._press(detail.message_id, claim), answer, f"claim {task.title}")
        return self._told(task, said)

    async def give_back(self, task: Task) -> str:
        """/mijn, "Ik kan toch niet" for the task, then "Ja, geef terug"."""
        self.actions += 1
        mark = self.last_id()
        label = f"Ik kan toch niet: {task.title} ("

        def mine_list() -> SimMessage | None:
            for m in self.new_from_bot(mark):
                if m.text.startswith("Mijn taken") or m.text.startswith("Je hebt nog geen taken"):
                    return m
            return None

        listing = await self.until_answered(self._send("/mijn"), mine_list, "/mijn")
        give = next(
            (b.callback_data for row in listing.buttons for b in row if b.text.startswith(label)), None
        )
        if give is None:
            return self._told(task, "not_listed")
        assert give is not None
        claim_id = int(give.split(":")[1])
        ok = f"give_ok:{claim_id}"
        mark = self.last_id()

        def confirm_or_gone() -> str | None:
            if _has_button(self.message(listing.message_id), ok):
                return "ask"
            if self.new_containing(mark, "Die taak staat niet (meer) op jouw naam"):
                return "gone"
            return None

        asked = await self.until_answered(
            self._press(listing.message_id, give), confirm_or_gone, f"give back {task.title}"
        )
        if asked == "gone":
            return self._told(task, "gone")
        mark = self.last_id()

        def given() -> str | None:
            if f"Je hebt {task.title} teruggegeven" in self.message(listing.message_id).text:
                return "given"
            if self.new_containing(mark, "Die taak staat niet (meer) op jouw naam"):
                return "gone"
            return None

        said = await self.until_answered(self._press(listing.message_id, ok), given, f"confirm {task.title}")
        return self._told(task, said)

    async def log_hours(self, text: str) -> str:
        """'/uren 1 gisteren koffie', then "Opslaan"."""
        self.actions += 1
        mark = self.last_id()
        draft = await self.until_answered(
            self._send(text),
            lambda: next((m for m in self.new_from_bot(mark) if _button_data(m, "Opslaan")), None),
            text,
        )
        data = _button_data(draft, "Opslaan")
        assert data is not None
        self.hours_pressed.add(int(data.split(":")[1]))
        mark = self.last_id()

        def answer() -> str | None:
            if self.message(draft.message_id).text.startswith("Opgeslagen"):
                return "saved"
            if self.new_containing(mark, "Dit is al opgeslagen"):
                return "already"
            return None

        said = await self.until_answered(self._press(draft.message_id, data), answer, f"save {text}")
        self.hours_told += 1
        return said

    async def announce(self, text: str) -> str:
        """/omroep, the message, "Iedereen", "Voorbeeld bekijken", "Versturen naar ...".

        After a kill without an answer the person starts again with /omroep (the step itself survives the
        restart; a new draft replaces an unfinished one). Once the send button is there, they press it
        (again) until the bot answers.
        """
        self.actions += 1
        deadline = time.monotonic() + ACTION_S
        confirm = None
        while confirm is None:
            if time.monotonic() > deadline:
                raise NoAnswer(f"{self.name}: /omroep never got through")
            confirm = await self._draft_announcement(text)
        send = _button_data(confirm, "Versturen")
        assert send is not None
        mark = self.last_id()

        def answer() -> str | None:
            if self.message(confirm.message_id).text.startswith("Het bericht wordt verstuurd"):
                return "queued"
            if self.new_containing(mark, "Dit bericht is al verstuurd"):
                return "already"
            return None

        self.pressed_send = True
        return await self.until_answered(self._press(confirm.message_id, send), answer, "Versturen")

    async def _draft_announcement(self, text: str) -> SimMessage | None:
        """Up to the "Klopt alles?" message with the send button; None when the bot fell silent."""
        mark = self.last_id()
        await self.until_answered(
            self._send("/omroep"), lambda: self.new_containing(mark, "Stuur me het bericht"), "/omroep"
        )
        mark = self.last_id()
        self.sim.user_sends_text(self.user_id, text)
        audience = await self._answer_within(lambda: self.new_containing(mark, "Voor wie is dit bericht?"))
        if audience is None:
            return None
        everyone = _button_data(audience, "Iedereen")
        assert everyone is not None
        self.sim.user_presses_button(self.user_id, audience.message_id, everyone)
        preview = await self._answer_within(
            lambda: _button_data(self.message(audience.message_id), "Voorbeeld bekijken")
        )
        if preview is None:
            return None
        mark = self.last_id()
        self.sim.user_presses_button(self.user_id, audience.message_id, preview)
        return await self._answer_within(lambda: self.new_containing(mark, "Klopt alles?"))

    async def _answer_within(self, answer: Callable[[], T | None]) -> T | None:
        retry_at = time.monotonic() + ANSWER_S
        while time.monotonic() < retry_at:
            found = answer()
            if found is not None:
                return found
            await asyncio.sleep(POLL_S)
        self.retries += 1
        return None

    def _told(self, task: Task, said: str) -> str:
        self.holds[task.id] = said in ("done", "already", "shown_mine")
        return said


def _has_button(message: SimMessage, data: str) -> bool:
    return any(b.callback_data == data for row in message.buttons for b in row)


def _button_data(message: SimMessage, label: str) -> str | None:
    return next((b.callback_data for row in message.buttons for b in row if label in b.text), None)


def _is_detail(message: SimMessage, task: Task) -> bool:
    return f"• {task.title}:" in message.text and not message.text.startswith("✅")
