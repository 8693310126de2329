"""``burenbot demo``: chat with the real bot in a terminal, against the simulator and an example month.

Typed lines are the current persona's messages, sent as typed (a number is text, as in Telegram). Buttons
are numbered per message shown: ``#2`` or ``/druk 2`` presses one, ``/knoppen`` lists every button still in
the chat. ``/as NAME`` (or coordinator, volunteer, newcomer, stranger) switches persona and first shows what
they received meanwhile. ``/clock +2h``, ``/clock morgen 9:00`` or ``/clock 2026-12-01 09:00`` moves time
and delivers what falls due. Reads standard input, so a script can be piped in; it exits 0 at the end of
input. The stranger's ``/start`` is what Telegram sends when someone opens the invite link.
"""

from __future__ import annotations

import asyncio
import re
import textwrap
from dataclasses import dataclass, field
from typing import TextIO

from burenbot.demo_seed import Persona
from burenbot.demo_world import ClockNotUnderstood, DemoWorld, demo_world
from telesim import SimMessage

PRESS = re.compile(r"^(?:#|/druk\s+)(\d+)$")
Snapshot = dict[int, tuple[str, int, tuple[str, ...]]]
MAX_LISTED = 6


def _snapshot(messages: list[SimMessage]) -> Snapshot:
    return {
        m.message_id: (
            m.text,
            m.edit_count,
            tuple(f"{b.text}|{b.callback_data}" for r in m.buttons for b in r),
        )
        for m in messages
    }


@dataclass
class Session:
    world: DemoWorld
    out: TextIO
    persona: Persona
    #: What each persona has been shown of their chat, so /as can show what came in since.
    shown: dict[int, Snapshot] = field(default_factory=dict)
    toasts_seen: dict[int, int] = field(default_factory=dict)
    #: Per persona, the numbers on the buttons last shown to them: number -> (message id, data or URL).
    numbered: dict[int, dict[int, tuple[int, str]]] = field(default_factory=dict)

    def chat(self, user_id: int | None = None) -> list[SimMessage]:
        return self.world.sim.chat_view(self.persona.user_id if user_id is None else user_id)

    def unseen(self, user_id: int) -> list[SimMessage]:
        before = self.shown.get(user_id, {})
        now = _snapshot(self.chat(user_id))
        return [m for m in self.chat(user_id) if m.from_bot and before.get(m.message_id) != now[m.message_id]]

    def show_news(self) -> None:
        """What the bot sent or changed for the current persona since they last looked, then pop-ups."""
        user_id = self.persona.user_id
        news = self.unseen(user_id)
        self.show(news)
        self.shown[user_id] = _snapshot(self.chat())
        answers = [a for a in self.world.sim.callback_answers if a.user_id == user_id]
        for answer in answers[self.toasts_seen.get(user_id, 0) :]:
            if answer.text:
                self.out.write(f"            (pop-up: {answer.text})\n")
        self.toasts_seen[user_id] = len(answers)
        waiting = [f"{p.name} {n}" for p in self.world.personas if (n := self._unseen_count(p))]
        if waiting:
            self.out.write(f"            (new for {', '.join(waiting)}: /as NAME to look)\n")
        self.out.flush()

    def _unseen_count(self, persona: Persona) -> int:
        if persona.user_id == self.persona.user_id or persona.user_id not in self.shown:
            return 0
        return len(self.unseen(persona.user_id))

    def show(self, messages: list[SimMessage], *, prefix: str = "Burenbot  › ") -> None:
        numbers: dict[int, tuple[int, str]] = {}
        for message in messages:
            body = message.text or ""
            if message.document is not None:
                body += f"\n[file: {message.file_name}, {len(message.document)} bytes]"
            if message.photo is not None:
                body += f"\n[picture, {len(message.photo)} bytes]"
            lines = textwrap.indent(body, " " * 12).lstrip()
            self.out.write(f"{prefix}{lines}\n")
            for row in message.buttons:
                labels = []
                for button in row:
                    numbers[len(numbers) + 1] = (message.message_id, button.callback_data or button.url or "")
                    labels.append(f"[#{len(numbers)}] {button.text}")
                self.out.write(" " * 12 + "   ".join(labels) + "\n")
        if numbers:
            self.numbered[self.persona.user_id] = numbers

    def list_buttons(self) -> None:
        with_buttons = [m for m in self.chat() if m.from_bot and m.buttons][-MAX_LISTED:]
        if not with_buttons:
            self.out.write("(no buttons in this chat)\n")
            return
        self.show(with_buttons, prefix="(earlier)   ")


async def run_demo(stdin: TextIO, stdout: TextIO, *, language: str = "nl") -> int:
    async with demo_world(language) as world:
        stranger = world.persona("stranger")
        assert stranger is not None
        session = Session(world, stdout, stranger)
        for persona in world.personas:
            session.shown[persona.user_id] = {}
        stdout.write(banner(session))
        while line := await asyncio.to_thread(stdin.readline):
            await handle_line(session, line.strip())
        stdout.write("(end of input)\n")
    return 0


def banner(session: Session) -> str:
    world = session.world
    people = ", ".join(f"{p.name} ({p.role})" for p in world.personas)
    return (
        "Burenbot demo: the real bot against the built-in Telegram simulator, with an example month.\n"
        f"You are {session.persona.name} (persona '{session.persona.key}'). Type messages; "
        "#1 or /druk 1 presses a button, /knoppen lists them.\n"
        f"/as NAME switches persona: {people}.\n"
        "/clock +2h, /clock morgen 9:00 or /clock 2026-12-01 09:00 moves time; Ctrl+D ends.\n"
        f"Invite link: {world.invite_link}\n"
        f"It is now {world.core.local_now():%A %d %B %Y %H:%M}.\n\n"
    )


async def handle_line(session: Session, line: str) -> None:
    if not line:
        return
    out, world = session.out, session.world
    if line == "/as" or line.startswith("/as "):
        persona = world.persona(line[3:])
        if persona is None:
            out.write("(personas: coordinator, volunteer, newcomer, stranger, or a name: ")
            out.write(", ".join(p.name for p in world.personas) + ")\n")
            return
        session.persona = persona
        out.write(f"(you are now {persona.name}, {persona.role})\n")
        if not session.unseen(persona.user_id):
            out.write("(nothing new since you last looked)\n")
        session.show_news()
        return
    if line.startswith("/clock"):
        try:
            now = await world.move_clock(line[6:])
        except ClockNotUnderstood:
            out.write("(use /clock +2h, /clock +3d, /clock morgen 9:00 or /clock 2026-12-01 09:00)\n")
            return
        out.write(f"(it is now {now:%A %d %B %Y %H:%M})\n")
        session.show_news()
        return
    if line == "/knoppen":
        session.list_buttons()
        return
    out.write(f"{session.persona.name:<9} › {line}\n")
    if press := PRESS.match(line):
        await press_button(session, int(press.group(1)))
        return
    sent = world.as_sent(session.persona, line)
    if sent != line:
        out.write(f"(opening the invite link: {sent})\n")
    await world.says(session.persona.user_id, sent)
    session.show_news()


async def press_button(session: Session, number: int) -> None:
    target = session.numbered.get(session.persona.user_id, {}).get(number)
    if target is None:
        session.out.write(f"(no button #{number}; /knoppen lists them)\n")
        return
    message_id, data = target
    if data.startswith(("http://", "https://", "tg://")):
        session.out.write(f"(a link button: {data})\n")
        return
    try:
        await session.world.presses(session.persona.user_id, message_id, data)
    except ValueError:
        session.out.write("(that button is gone; /knoppen lists the ones still there)\n")
        return
    session.show_news()
