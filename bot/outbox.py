"""The persistent outbox: what to send next, at what pace, and what to do when sending fails.

Every message the bot sends on its own initiative (announcements, reminders, reports) is first stored
here, one row per chat, under a unique dedupe key. One worker (``handlers/outbox_sender.py``) asks
``next_ready()`` for the next row, sends it, and reports the outcome back. The rules live here:

- pacing: ``bot.pacing.Pacer`` keeps us inside Telegram's limits; a 429 pauses everything;
- a row is marked ``sending`` (in its own committed transaction) before the HTTP call and ``sent`` right
  after, so a crash can repeat at most the one message that was in flight (``recover()`` re-queues it);
- network errors are retried with exponential back-off, at most ``MAX_ATTEMPTS`` times;
- a chat that blocked the bot (403) is ``unreachable``: never retried.

Back-off delays are kept on the monotonic clock while the process runs; after a restart every queued
row may go at once. See docs/delivery.md.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.pacing import Limits, Pacer
from bot.quiet import QuietHours
from storage import outbox as sql
from storage.db import Database, utc_text

MAX_ATTEMPTS = 8
MAX_BACKOFF_S = 60.0
SCAN_LIMIT = 500

Rows = list[list[tuple[str, str]]]
NOTICE = "notice"  # a one-to-one message about something that happened (see Outbox._forget_notice)
#: A chat's command menu is set anew. The row carries no text: the transport works the menu out when
#: it sends (who the chat is then, in which language), so a late or repeated row is never stale.
MENU = "menu"


def menu_refresh(chat_id: int, member_id: int | None, dedupe_key: str) -> NewMessage:
    """The menu follows a change of language or role; it is not a message, so it may go at night."""
    return NewMessage(
        chat_id=chat_id,
        member_id=member_id,
        text="",
        kind=MENU,
        dedupe_key=dedupe_key,
        urgent=True,
        priority=1,
    )


def is_notice(kind: str) -> bool:
    """A notice row: plain ``notice`` or a typed one, ``notice.<kind>`` (see bot/notices.py)."""
    return kind == NOTICE or kind.startswith(NOTICE + ".")


def backoff_delay(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed try: 1, 2, 4, ... capped at a minute."""
    return min(MAX_BACKOFF_S, 2.0 ** max(0, attempts - 1))


@dataclass(frozen=True)
class NewMessage:
    chat_id: int
    text: str
    dedupe_key: str
    kind: str
    member_id: int | None = None
    batch: str | None = None
    buttons: Rows = field(default_factory=list)
    photo: str | None = None
    pin: bool = False
    priority: int = 5
    edit_of: int | None = None
    #: An urgent message goes out at night too (see bot/quiet.py); otherwise it waits for the morning.
    urgent: bool = False
    #: Not before this moment, whatever the hour (None: as soon as the quiet hours allow).
    not_before: datetime | None = None

    def row(self) -> dict[str, object]:
        return {
            "chat_id": self.chat_id,
            "member_id": self.member_id,
            "kind": self.kind,
            "batch": self.batch,
            "dedupe_key": self.dedupe_key,
            "text": self.text,
            "buttons": json.dumps(self.buttons) if self.buttons else None,
            "photo": self.photo,
            "edit_of": self.edit_of,
            "pin": int(self.pin),
            "priority": self.priority,
        }


@dataclass(frozen=True)
class OutboxItem:
    """A row taken for sending. ``edit_message_id`` set: change that message instead of sending anew."""

    id: int
    chat_id: int
    member_id: int | None
    kind: str
    batch: str | None
    text: str
    buttons: Rows
    photo: str | None
    pin: bool
    attempts: int
    edit_message_id: int | None = None


Listener = Callable[[OutboxItem], Awaitable[None]]


class Outbox:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        limits: Limits | None = None,
        quiet: QuietHours | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self.quiet = quiet
        self.monotonic = monotonic
        self.pacer = Pacer(monotonic, limits or Limits())
        self._not_before: dict[int, float] = {}
        self._wake: asyncio.Event | None = None
        self.listeners: list[Listener] = []
        self._in_hand = 0  # rows taken by the worker whose outcome (and listeners) are not done yet

    # Putting messages in.

    async def enqueue(self, messages: Sequence[NewMessage]) -> int:
        """Store messages for delivery; keys used before are ignored. How many were new."""
        async with self._db.transaction() as conn:
            added = await self.enqueue_in(conn, messages)
        self.wake()
        return added

    async def enqueue_in(self, conn: object, messages: Sequence[NewMessage]) -> int:
        """As ``enqueue`` inside the caller's transaction (so the outbox and its cause commit together).
        Call ``wake()`` after the commit: the worker reads committed rows only."""
        now = self._clock.now()
        added = 0
        for message in messages:
            row = {**message.row(), "not_before": self._not_before_of(message, now)}
            if await sql.insert(conn, row, now) is not None:  # type: ignore[arg-type]
                added += 1
        return added

    def _not_before_of(self, message: NewMessage, now: datetime) -> str | None:
        """The one quiet-hours rule, applied to everything that enters the outbox."""
        moments = [message.not_before] if message.not_before is not None else []
        if self.quiet is not None and message.edit_of is None:
            morning = self.quiet.until(message.kind, now, urgent=message.urgent)
            if morning is not None:
                moments.append(morning)
        return utc_text(max(moments)) if moments else None

    async def set_edit(self, message: NewMessage) -> None:
        """Queue (or update the pending) edit under this key: many changes, one edit."""
        async with self._db.transaction() as conn:
            await sql.upsert_edit(conn, message.row(), self._clock.now())
        self.wake()

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    # The worker's side.

    async def recover(self) -> int:
        """At start-up: rows left 'sending' by a crash are sent again."""
        async with self._db.transaction() as conn:
            return await sql.recover(conn, self._clock.now())

    async def next_ready(self) -> tuple[OutboxItem | None, float]:
        """The next row to send now (already marked 'sending'), or None and how long to wait at most."""
        now = self.monotonic()
        global_wait = self.pacer.global_wait()
        if global_wait > 0:
            return None, global_wait
        wait = 1.0
        seen: set[int] = set()
        for row in await sql.candidates(self._db, SCAN_LIMIT, self._clock.now()):
            chat_id = row["chat_id"]
            if chat_id in seen:
                continue  # one chat's messages go in order
            seen.add(chat_id)
            not_before = self._not_before.get(row["id"], 0.0)
            if not_before > now:
                wait = min(wait, not_before - now)
                continue
            if row["edit_of"] is not None and row["target_status"] != "sent":
                if row["target_status"] in ("unreachable", "failed"):
                    await self._drop_edit(row["id"])
                continue
            # A menu is no message in the chat: it neither waits for nor uses the chat's pace.
            is_message = row["kind"] != MENU
            chat_wait = self.pacer.wait_for(chat_id) if is_message else 0.0
            if chat_wait > 0:
                wait = min(wait, chat_wait)
                continue
            async with self._db.transaction() as conn:
                taken = await sql.mark_sending(conn, row["id"], self._clock.now())
            if not taken:
                continue
            if is_message:
                self.pacer.take(chat_id)
            self._in_hand += 1
            self._not_before.pop(row["id"], None)
            return _item(row), 0.0
        return None, wait

    async def wait_for_work(self, seconds: float) -> None:
        if self._wake is None:
            self._wake = asyncio.Event()
        try:
            async with asyncio.timeout(max(0.0, seconds)):
                await self._wake.wait()
        except TimeoutError:
            pass
        self._wake.clear()

    async def delivered(self, item: OutboxItem, message_id: int | None) -> None:
        async with self._db.transaction() as conn:
            await sql.mark_sent(conn, item.id, message_id, self._clock.now())
            await self._forget_notice(conn, item)
        await self._settled(item)

    async def unreachable(self, item: OutboxItem, error: str) -> None:
        async with self._db.transaction() as conn:
            await sql.mark_final(conn, item.id, "unreachable", error, self._clock.now())
            await self._forget_notice(conn, item)
        await self._settled(item)

    async def failed(self, item: OutboxItem, error: str) -> None:
        async with self._db.transaction() as conn:
            await sql.mark_final(conn, item.id, "failed", error, self._clock.now())
            await self._forget_notice(conn, item)
        await self._settled(item)

    async def _forget_notice(self, conn: object, item: OutboxItem) -> None:
        """A one-to-one notice often names someone else ("Sanne asks for a buddy"): its text is kept only
        until it is settled, so no copy outlives its purpose (or a member's request to be forgotten).
        A settled menu row is no message at all: it goes."""
        if item.kind == MENU:
            await sql.delete(conn, item.id)  # type: ignore[arg-type]
        elif is_notice(item.kind):
            await sql.blank_text(conn, item.id)  # type: ignore[arg-type]

    async def retry_after(self, item: OutboxItem, seconds: float) -> None:
        """Telegram said 429: pause all sending that long; this try does not count as an attempt."""
        self.pacer.pause_all(seconds)
        async with self._db.transaction() as conn:
            moment = self._clock.now() + timedelta(seconds=seconds)
            await sql.requeue(conn, item.id, moment, "429", self._clock.now(), count_attempt=False)
        self._in_hand = max(0, self._in_hand - 1)

    async def retry_later(self, item: OutboxItem, error: str) -> bool:
        """A network error: try again after a back-off, or give up. False when it was given up."""
        if item.attempts >= MAX_ATTEMPTS:
            await self.failed(item, error)
            return False
        delay = backoff_delay(item.attempts)
        self._not_before[item.id] = self.monotonic() + delay
        async with self._db.transaction() as conn:
            moment = self._clock.now() + timedelta(seconds=delay)
            await sql.requeue(conn, item.id, moment, error, self._clock.now())
        self._in_hand = max(0, self._in_hand - 1)
        return True

    # Watching.

    async def pending(self, batch: str | None = None) -> int:
        return await sql.pending_count(self._db, batch)

    async def drain(self, within_s: float = 60.0) -> None:
        """Wait until nothing that may go now is queued or in flight (tests, the benchmark, a clean
        shutdown); messages kept for the morning stay queued."""
        async with asyncio.timeout(within_s):
            while True:
                if not self._in_hand and not await sql.pending_count(self._db, due_by=self._clock.now()):
                    return
                await asyncio.sleep(0.02)

    async def _drop_edit(self, outbox_id: int) -> None:
        async with self._db.transaction() as conn:
            if await sql.mark_sending(conn, outbox_id, self._clock.now()):
                await sql.mark_final(
                    conn, outbox_id, "failed", "message to edit was never sent", self._clock.now()
                )

    async def _settled(self, item: OutboxItem) -> None:
        try:
            for listener in self.listeners:
                await listener(item)
        finally:
            self._in_hand = max(0, self._in_hand - 1)


def _item(row: sqlite3.Row) -> OutboxItem:
    get = row.__getitem__
    buttons = json.loads(get("buttons")) if get("buttons") else []
    return OutboxItem(
        id=get("id"),
        chat_id=get("chat_id"),
        member_id=get("member_id"),
        kind=get("kind"),
        batch=get("batch"),
        text=get("text"),
        buttons=[[(label, data) for label, data in line] for line in buttons],
        photo=get("photo"),
        pin=bool(get("pin")),
        attempts=get("attempts") + 1,
        edit_message_id=get("target_message_id") if get("edit_of") is not None else None,
    )
