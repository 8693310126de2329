"""``burenbot demo``: chat with the real bot in a terminal, against the simulator and an example month.

Typed lines are the current persona's messages; buttons are shown numbered and typing the number presses
one; ``/as coordinator|volunteer|newcomer|stranger`` switches persona; ``/clock +2h``,
``/clock +3d`` or ``/clock 2026-12-01 09:00`` moves time. Reads standard input, so a script can be piped in;
it exits 0 at the end of input. The stranger's ``/start`` is what Telegram sends when someone opens the
invite link (``/start <invite code>``).
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import textwrap
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.clock import ManualClock
from bot.config import AccessConfig, Config, StorageConfig
from bot.core import Core, open_core
from burenbot.demo_seed import PERSONAS, seed_example_month
from burenbot.telegram_app import App, all_jobs, build_application, on_shutdown, on_startup
from telesim import SimMessage, TelegramSimulator
from telesim.driving import HumanPace, UpdateTracker

INVITE = "buren"
STEP = re.compile(r"^\+(\d+)([mhdw])$")
UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass
class Session:
    sim: TelegramSimulator
    app: App
    core: Core
    clock: ManualClock
    tracker: UpdateTracker
    pace: HumanPace
    users: dict[str, int]
    out: TextIO
    persona: str = "stranger"

    @property
    def user_id(self) -> int:
        return self.users[self.persona]

    def view(self) -> dict[int, tuple[str, int, int]]:
        return {
            m.message_id: (m.text, m.edit_count, len(m.buttons)) for m in self.sim.chat_view(self.user_id)
        }

    async def act(self, send: object) -> None:
        before = self.view()
        self.pace.pause()
        update_id = send() if callable(send) else None
        if update_id is not None:
            await self.tracker.wait_for({update_id})
        self.show(
            [
                m
                for m in self.sim.chat_view(self.user_id)
                if m.from_bot and before.get(m.message_id) != (m.text, m.edit_count, len(m.buttons))
            ]
        )

    def show(self, messages: list[SimMessage]) -> None:
        newest = self._newest_with_buttons()
        for message in messages:
            body = message.text or ""
            if message.document is not None:
                body += f"\n[file: {message.file_name}, {len(message.document)} bytes]"
            if message.photo is not None:
                body += f"\n[picture, {len(message.photo)} bytes]"
            lines = textwrap.indent(body, " " * 12).lstrip()
            self.out.write(f"Burenbot  › {lines}\n")
            if message.buttons and newest is not None and message.message_id == newest.message_id:
                labels = [f"[{i}] {label}" for i, (label, _, _) in enumerate(self.buttons(), 1)]
                self.out.write(" " * 12 + "   ".join(labels) + "\n")
        self.out.flush()

    def _newest_with_buttons(self) -> SimMessage | None:
        for message in reversed(self.sim.chat_view(self.user_id)):
            if message.buttons:
                return message
        return None

    def buttons(self) -> list[tuple[str, int, str]]:
        message = self._newest_with_buttons()
        if message is None:
            return []
        return [
            (b.text, message.message_id, b.callback_data or b.url or "")
            for row in message.buttons
            for b in row
        ]


async def run_demo(stdin: TextIO, stdout: TextIO, *, language: str = "nl") -> int:
    with tempfile.TemporaryDirectory() as tmp:
        start = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
        clock = ManualClock(start)
        config = Config(
            access=AccessConfig(invite_code=INVITE), storage=StorageConfig(path=Path(tmp) / "demo.sqlite3")
        )
        pace = HumanPace()
        sim = TelegramSimulator(monotonic=pace)
        await sim.start()
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
            users = await seed_example_month(core, sim, language)
            await on_startup(app)
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            session = Session(sim, app, core, clock, tracker, pace, users, stdout)
            stdout.write(banner(session))
            while line := await asyncio.to_thread(stdin.readline):
                await handle_line(session, line.strip())
            stdout.write("(end of input)\n")
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await on_shutdown(app)
            if app.running:
                await app.stop()
            await app.shutdown()
            await core.close()
            await sim.stop()
    return 0


def banner(session: Session) -> str:
    return (
        "Burenbot demo: the real bot against the built-in Telegram simulator, with an example month.\n"
        f"You are {PERSONAS[session.persona]} (persona '{session.persona}'). "
        "Type messages; type a number to press a button.\n"
        "/as coordinator|volunteer|newcomer|stranger switches persona; /clock +2h, /clock +3d or "
        "/clock 2026-12-01 09:00 moves time; Ctrl+D ends.\n"
        f"It is now {session.core.local_now():%A %d %B %Y %H:%M}.\n\n"
    )


async def handle_line(session: Session, line: str) -> None:
    if not line:
        return
    out = session.out
    if line.startswith("/as"):
        persona = line[3:].strip().lower()
        if persona not in PERSONAS:
            out.write(f"(personas: {', '.join(PERSONAS)})\n")
            return
        session.persona = persona
        out.write(f"(you are now {PERSONAS[persona]})\n")
        return
    if line.startswith("/clock"):
        await move_clock(session, line[6:].strip())
        return
    out.write(f"{PERSONAS[session.persona]:<9} › {line}\n")
    buttons = session.buttons()
    if line.isdigit() and buttons:
        index = int(line) - 1
        if not 0 <= index < len(buttons):
            out.write(f"(there are {len(buttons)} buttons)\n")
            return
        _, message_id, data = buttons[index]
        if data.startswith(("http://", "https://", "tg://")):
            out.write(f"(a link button: {data})\n")
            return
        await session.act(lambda: session.sim.user_presses_button(session.user_id, message_id, data))
        return
    if session.persona == "stranger" and line == "/start":
        out.write(f"(opening the invite link: /start {INVITE})\n")
        line = f"/start {INVITE}"
    await session.act(lambda: session.sim.user_sends_text(session.user_id, line))


async def move_clock(session: Session, spec: str) -> None:
    step = STEP.match(spec)
    if step:
        session.clock.advance(timedelta(**{UNITS[step.group(2)]: int(step.group(1))}))
    else:
        try:
            moment = datetime.strptime(spec, "%Y-%m-%d %H:%M").replace(tzinfo=session.core.tz)
        except ValueError:
            session.out.write("(use /clock +2h, /clock +3d or /clock 2026-12-01 09:00)\n")
            return
        session.clock.set(moment)
    session.out.write(f"(it is now {session.core.local_now():%A %d %B %Y %H:%M})\n")
    before = {uid: {m.message_id for m in session.sim.chat_view(uid)} for uid in session.users.values()}
    for job in all_jobs():
        await job.run(session.app)
    new = [m for m in session.sim.chat_view(session.user_id) if m.message_id not in before[session.user_id]]
    session.show(new)
