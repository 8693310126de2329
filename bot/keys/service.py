"""The key register: which huiskamer keys exist, who holds each, and hand-overs in two steps.

A hand-over is recorded by the giver ("given to X") and only takes effect when X confirms; until then the
key is *underway*. Every change lands in ``key_events``, so the register's history is complete, including
a coordinator's corrections.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.clock import Clock
from bot.conversation import clear_in
from bot.errors import DomainError, NotAllowed, NotAMember, NotFound
from bot.keys.notices import ANSWERED, GIVER_REMINDER, OFFERED, REQUESTED
from bot.leaving import Departure, Holding
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from bot.rooms import ROOM_IDS
from storage import keys as sql
from storage.db import Database, parse_utc

LABEL_MAX = 60
NOTE_MAX = 200
REMIND_AFTER = timedelta(hours=24)


class KeyUnderway(DomainError):
    """params: name (who the key is underway to)."""

    text_key = "keys.already_underway"


class NotOfferedToYou(DomainError):
    text_key = "keys.not_offered"


class NotYourKey(DomainError):
    text_key = "keys.not_yours"


class AlreadyHolder(DomainError):
    """params: name."""

    text_key = "keys.already_holder"


class NotKeyBringerChooser(NotAllowed):
    """Naming someone else (or nobody) as the key bringer: the activity's organiser or a coordinator."""

    text_key = "keys.bringer_not_chooser"


class InvalidKeyLabel(DomainError):
    """params: max_chars."""

    text_key = "keys.invalid_label"


class InvalidKeyNote(DomainError):
    """params: max_chars."""

    text_key = "keys.invalid_note"


@dataclass(frozen=True)
class Key:
    id: int
    room: str
    label: str
    holder_id: int | None
    pending_to_id: int | None
    pending_by_id: int | None
    pending_event_id: int | None
    pending_since: datetime | None

    @property
    def underway(self) -> bool:
        return self.pending_to_id is not None


@dataclass(frozen=True)
class KeyEvent:
    id: int
    kind: str  # added, offered, confirmed, refused, corrected
    from_id: int | None
    to_id: int | None
    actor_id: int | None
    at: datetime


def _key(row: sqlite3.Row) -> Key:
    return Key(
        id=row["id"],
        room=row["room"],
        label=row["label"],
        holder_id=row["holder_id"],
        pending_to_id=row["pending_to_id"],
        pending_by_id=row["pending_by_id"],
        pending_event_id=row["pending_event_id"],
        pending_since=parse_utc(row["pending_since"]),
    )


def _clean(text: str, limit: int) -> str:
    return " ".join(text.split())[: limit + 1]


class Keys:
    def __init__(self, db: Database, clock: Clock, members: Members, notices: Notices) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._notices = notices

    async def all(self) -> list[Key]:
        return [_key(row) for row in await sql.all_keys(self._db)]

    async def get(self, key_id: int) -> Key:
        row = await sql.by_id(self._db, key_id)
        if row is None:
            raise NotFound(f"key {key_id}")
        return _key(row)

    async def history(self, key_id: int, limit: int = 10) -> list[KeyEvent]:
        """Newest first."""
        rows = await sql.history(self._db, key_id, limit)
        return [
            KeyEvent(r["id"], r["kind"], r["from_id"], r["to_id"], r["actor_id"], parse_utc(r["at"]))  # type: ignore[arg-type]
            for r in rows
        ]

    async def add_key(self, actor: Member, room: str, label: str) -> Key:
        self._require_coordinator(actor)
        if room not in ROOM_IDS:
            raise NotFound(f"room {room}")
        label = _clean(label, LABEL_MAX)
        if not label or len(label) > LABEL_MAX or label.startswith("/"):
            raise InvalidKeyLabel(max_chars=LABEL_MAX)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            key_id = await sql.insert_key(conn, room, label, now)
            await sql.record_event(conn, key_id, "added", now, actor_id=actor.id)
            await clear_in(conn, actor.id, "keys")  # the "name of the key" step ends with the key, atomically
        return await self.get(key_id)

    async def request_key(
        self, member: Member, key_id: int, note: str, activity_id: int | None = None
    ) -> Key:
        """Ask for a key for an activity or a date; the holder and the coordinators are told, each once, in
        the same transaction."""
        key = await self.get(key_id)
        note = _clean(note, NOTE_MAX)
        if not note or len(note) > NOTE_MAX or note.startswith("/"):
            raise InvalidKeyNote(max_chars=NOTE_MAX)
        if key.holder_id == member.id:
            raise AlreadyHolder(name=member.name)
        coordinators = await self._members.coordinator_ids()
        told = [i for i in dict.fromkeys([key.holder_id, *coordinators]) if i is not None and i != member.id]
        data = {
            "name": member.name,
            "label": key.label,
            "note": note,
            "key_id": key.id,
            "requester_id": member.id,
        }
        async with self._db.transaction() as conn:
            request_id = await sql.insert_request(
                conn, key.id, member.id, activity_id, note, self._clock.now()
            )
            await self._notices.tell_all_in(
                conn, told, Notice(REQUESTED, data), key=f"key_request:{request_id}"
            )
        self._notices.wake()
        return key

    async def offer(self, giver: Member, key_id: int, to_member_id: int) -> tuple[Key, int]:
        """Step one of a hand-over: the holder (or a coordinator) records "given to X"; returns the offer."""
        key = await self.get(key_id)
        is_coordinator = self._members.role_of(giver) is Role.COORDINATOR
        if key.holder_id != giver.id and not is_coordinator:
            raise NotYourKey()
        try:
            receiver = await self._members.get(to_member_id)
        except NotFound:
            raise NotAMember() from None
        if not receiver.is_active:
            raise NotAMember()
        if receiver.id == key.holder_id:
            raise AlreadyHolder(name=receiver.name)
        if key.underway:
            raise KeyUnderway(name=await self._name(key.pending_to_id))
        now = self._clock.now()
        async with self._db.transaction() as conn:
            event_id = await sql.record_event(
                conn, key.id, "offered", now, from_id=key.holder_id, to_id=receiver.id, actor_id=giver.id
            )
            if not await sql.set_pending(conn, key.id, receiver.id, giver.id, event_id, now):
                raise KeyUnderway(name="")
            data = {"key_id": key.id, "offer_id": event_id, "name": giver.name, "label": key.label}
            await self._notices.tell_in(conn, receiver.id, Notice(OFFERED, data), key=f"key_offer:{event_id}")
        self._notices.wake()
        return await self.get(key.id), event_id

    async def confirm(self, member: Member, key_id: int, offer_id: int) -> Key:
        """Step two: the receiver confirms they have the key; only the exact offer made to them counts."""
        key = await self.get(key_id)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            giver = await sql.holder_of(conn, key.id)  # read here: a coordinator may just have corrected it
            offered_by = await sql.offered_by_in(conn, key.id)
            if not await sql.confirm_pending(conn, key.id, member.id, offer_id):
                raise NotOfferedToYou()
            await self._tell_giver_in(conn, offered_by, member, key, offer_id, "confirmed")
            await sql.record_event(
                conn, key.id, "confirmed", now, from_id=giver, to_id=member.id, actor_id=member.id
            )
            activity_id = await sql.latest_request_activity(conn, key.id, member.id, now)
            if activity_id is not None:
                await sql.set_key_bringer(conn, activity_id, member.id, now)
        self._notices.wake()
        return await self.get(key.id)

    async def refuse(self, member: Member, key_id: int, offer_id: int) -> Key:
        """The receiver says they did not get the key: the hand-over is undone, the holder stays."""
        key = await self.get(key_id)
        async with self._db.transaction() as conn:
            offered_by = await sql.offered_by_in(conn, key.id)
            if not await sql.clear_pending(conn, key.id, member.id, offer_id):
                raise NotOfferedToYou()
            await self._tell_giver_in(conn, offered_by, member, key, offer_id, "refused")
            await sql.record_event(
                conn,
                key.id,
                "refused",
                self._clock.now(),
                from_id=key.holder_id,
                to_id=member.id,
                actor_id=member.id,
            )
        self._notices.wake()
        return key

    async def _tell_giver_in(
        self,
        conn: aiosqlite.Connection,
        giver_id: int | None,
        receiver: Member,
        key: Key,
        offer_id: int,
        answer: str,
    ) -> None:
        """The one who handed the key over hears the receiver's answer (not when they answer themselves)."""
        if giver_id is None or giver_id == receiver.id:
            return
        notice = Notice(ANSWERED, {"answer": answer, "name": receiver.name, "label": key.label})
        await self._notices.tell_in(conn, giver_id, notice, key=f"key_answer:{offer_id}")

    async def correct(self, actor: Member, key_id: int, holder_id: int | None) -> Key:
        """A coordinator sets who really has the key (``None``: in the key box); kept in the history."""
        self._require_coordinator(actor)
        key = await self.get(key_id)
        if holder_id is not None:
            try:
                holder = await self._members.get(holder_id)
            except NotFound:
                raise NotAMember() from None
            if not holder.is_active:
                raise NotAMember()
        async with self._db.transaction() as conn:
            await sql.correct_holder(conn, key.id, holder_id)
            await sql.record_event(
                conn,
                key.id,
                "corrected",
                self._clock.now(),
                from_id=key.holder_id,
                to_id=holder_id,
                actor_id=actor.id,
            )
        return await self.get(key.id)

    async def held_by(self, member_id: int) -> list[Key]:
        return [_key(row) for row in await sql.held_by(self._db, member_id)]

    async def holdings_of(self, member_id: int) -> list[Holding]:
        """For the leaving use case: the keys the member holds."""
        return [Holding("key", {"label": key.label}) for key in await self.held_by(member_id)]

    async def release_for(self, conn: aiosqlite.Connection, departure: Departure) -> None:
        actor = None if departure.erased else departure.actor_id
        await self.return_to_box_in(conn, departure.member_id, actor, departure.at)

    async def return_to_box_in(
        self, conn: aiosqlite.Connection, member_id: int, actor_id: int | None, now: datetime
    ) -> list[Key]:
        """A member leaves (removed or erased): each key they hold goes to the key box, with a 'left' line
        in its history (the history keeps pointing at their row, shown as a former member); hand-overs to
        or by them are off. Part of the leaving transaction (see bot/leaving.py)."""
        keys = [_key(row) for row in await sql.held_by_in(conn, member_id)]
        await sql.cancel_hand_overs_of(conn, member_id)
        for key in keys:
            await sql.correct_holder(conn, key.id, None)
            await sql.record_event(conn, key.id, "left", now, from_id=member_id, actor_id=actor_id)
        return keys

    async def due_reminders(self, now: datetime) -> list[Key]:
        """Hand-overs unconfirmed for 24 hours: the receiver and the giver are reminded, once (marked and
        queued in one transaction per key)."""
        due: list[Key] = []
        for row in await sql.overdue_handovers(self._db, now - REMIND_AFTER):
            key = _key(row)
            assert key.pending_event_id is not None and key.pending_to_id is not None
            giver = await self._members.get(key.pending_by_id) if key.pending_by_id else None
            receiver = await self._members.get(key.pending_to_id)
            async with self._db.transaction() as conn:
                if not await sql.mark_reminded(conn, key.id, key.pending_event_id, now):
                    continue
                data = {
                    "key_id": key.id,
                    "offer_id": key.pending_event_id,
                    "name": giver.name if giver else "",
                    "label": key.label,
                    "reminder": True,
                }
                reminder_key = f"key_reminder:{key.pending_event_id}"
                await self._notices.tell_in(conn, receiver.id, Notice(OFFERED, data), key=reminder_key)
                if giver is not None and giver.id != receiver.id:
                    notice = Notice(GIVER_REMINDER, {"name": receiver.name, "label": key.label})
                    await self._notices.tell_in(conn, giver.id, notice, key=f"{reminder_key}:giver")
            due.append(key)
        self._notices.wake()
        return due

    async def key_bringer(self, activity_id: int) -> int | None:
        """The member who brings the key to this activity, if anyone said so."""
        return await sql.key_bringer(self._db, activity_id)

    async def set_key_bringer(self, actor: Member, activity_id: int, member_id: int | None) -> None:
        """Record who brings the key; None clears it.

        Anyone may say they bring it themselves; choosing someone else (or nobody) is for the activity's
        organiser or a coordinator, else ``NotKeyBringerChooser``, whose text names that rule."""
        if (
            member_id != actor.id
            and self._members.role_of(actor) is not Role.COORDINATOR
            and await sql.activity_organiser(self._db, activity_id) != actor.id
        ):
            raise NotKeyBringerChooser()
        if member_id is not None:
            target = await self._members.get(member_id)
            if not target.is_active:
                raise NotAMember()
        async with self._db.transaction() as conn:
            await sql.set_key_bringer(conn, activity_id, member_id, self._clock.now())

    async def _name(self, member_id: int | None) -> str:
        if member_id is None:
            return ""
        try:
            return (await self._members.get(member_id)).name
        except NotFound:
            return ""

    def _require_coordinator(self, actor: Member) -> None:
        if self._members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()
