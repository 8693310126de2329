"""The reminder engine: the database says what is due, the JobQueue only wakes us up.

Each feature contributes a provider with ``async def due(now) -> list[DueReminder]``, computed from what
is stored right now (activities, claims, hours), so editing or cancelling an activity moves or drops its
reminders without bookkeeping. The engine then, per reminder:

- waits while ``send_after`` is in the future, and drops it once ``useless_after`` has passed (e.g. after
  a restart, when the activity has begun);
- skips kinds the member switched off (``/herinneringen``);
- in quiet hours (default 22:00-08:00 local) waits for the morning, unless by then it would be useless;
- enqueues each key at most once: the ledger row and the outbox row commit in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import RemindersConfig, parse_hhmm
from bot.errors import NotFound
from bot.i18n import Texts
from bot.members.service import Member, Members
from bot.outbox import NewMessage, Outbox
from bot.quiet import quiet_until
from storage import reminders as sql
from storage.db import Database

# Kinds a member can switch on or off, with their default.
KINDS: dict[str, bool] = {"task": True, "open_places": False, "month_nudge": True, "key": True}


@dataclass(frozen=True)
class DueReminder:
    key: str  # unique per reminder, e.g. "task24:<claim_id>:<starts_at>"
    kind: str  # one of KINDS
    member_id: int
    text_key: str
    params: dict[str, Any]
    buttons: list[list[tuple[str, str]]]  # rows of (label text key, callback data)
    send_after: datetime
    useless_after: datetime


class ReminderProvider(Protocol):
    async def due(self, now: datetime) -> list[DueReminder]: ...


@dataclass
class RunResult:
    queued: list[str] = field(default_factory=list)
    waiting_for_morning: list[str] = field(default_factory=list)
    too_late: list[str] = field(default_factory=list)
    switched_off: list[str] = field(default_factory=list)


class Reminders:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        config: RemindersConfig,
        tz: ZoneInfo,
        texts: Texts,
        members: Members,
        outbox: Outbox,
        providers: Sequence[ReminderProvider],
    ) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self._tz = tz
        self._texts = texts
        self._members = members
        self._outbox = outbox
        self.providers: list[ReminderProvider] = list(providers)
        start, end = parse_hhmm(config.quiet_start), parse_hhmm(config.quiet_end)
        assert start and end
        self.quiet_start, self.quiet_end = time(*start), time(*end)

    async def run_due(self) -> RunResult:
        """Look at every provider now and queue what is due. Safe to call as often as you like."""
        now = self._clock.now()
        due: list[DueReminder] = []
        for provider in self.providers:
            due.extend(await provider.due(now))
        return await self.queue(due, now)

    async def queue(self, due: Sequence[DueReminder], now: datetime) -> RunResult:
        result = RunResult()
        ready = [r for r in due if r.send_after <= now]
        sent_before = await sql.known_keys(self._db, [r.key for r in ready])
        prefs = await sql.all_prefs(self._db)
        morning = quiet_until(now, self._tz, self.quiet_start, self.quiet_end)
        members: dict[int, Member | None] = {}
        for reminder in ready:
            if reminder.key in sent_before:
                continue
            if reminder.useless_after <= now:
                result.too_late.append(reminder.key)
                continue
            if not prefs.get((reminder.member_id, reminder.kind), KINDS.get(reminder.kind, True)):
                result.switched_off.append(reminder.key)
                continue
            if morning is not None and reminder.useless_after > morning:
                result.waiting_for_morning.append(reminder.key)
                continue
            if reminder.member_id not in members:
                members[reminder.member_id] = await self._member(reminder.member_id)
            member = members[reminder.member_id]
            if member is None or member.telegram_id is None or not member.is_active:
                continue
            message = self._message(reminder, member)
            async with self._db.transaction() as conn:
                if await sql.add_to_ledger(conn, reminder.key, member.id, reminder.kind, now):
                    await self._outbox.enqueue_in(conn, [message])
                    result.queued.append(reminder.key)
            sent_before.add(reminder.key)
        if result.queued:
            self._outbox.wake()
        return result

    async def settings(self, member: Member) -> dict[str, bool]:
        """Each kind and whether it is on for this member."""
        stored = await sql.prefs(self._db, member.id)
        return {kind: stored.get(kind, default) for kind, default in KINDS.items()}

    async def switch(self, member: Member, kind: str) -> bool:
        """Turn one kind on or off; its new state."""
        if kind not in KINDS:
            raise NotFound(f"reminder kind {kind}")
        value = not (await self.settings(member))[kind]
        async with self._db.transaction() as conn:
            await sql.set_pref(conn, member.id, kind, value)
        return value

    def _message(self, reminder: DueReminder, member: Member) -> NewMessage:
        assert member.telegram_id is not None
        language = member.language
        params = {
            name: value(language) if callable(value) else value for name, value in reminder.params.items()
        }
        rows = [[(self._texts.get(language, label), data) for label, data in row] for row in reminder.buttons]
        return NewMessage(
            chat_id=member.telegram_id,
            member_id=member.id,
            text=self._texts.get(language, reminder.text_key, **params),
            buttons=rows,
            kind="reminder",
            batch=f"reminder:{reminder.kind}",
            dedupe_key=f"rem:{reminder.key}",
            priority=3,
        )

    async def _member(self, member_id: int) -> Member | None:
        try:
            return await self._members.get(member_id)
        except NotFound:
            return None
