"""Membership: who belongs to the group, in which role, and how one joins or leaves.

Roles are ordered: a command that needs NEWCOMER is open to every member. A coordinator is one listed in
the config or made one by another coordinator; a newcomer is an active member in their first
``newcomer_days`` days.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.clock import Clock
from bot.config import AccessConfig
from bot.errors import DomainError, NotAllowed, NotFound
from bot.languages import LANGUAGES
from bot.members.invites import Invites, WrongInviteCode  # noqa: F401  (re-exported)
from bot.outbox import Outbox, menu_refresh
from storage import members as sql
from storage.db import Database, parse_utc

NAME_MAX = 40


class Role(enum.IntEnum):
    STRANGER = 0
    NEWCOMER = 1
    VOLUNTEER = 2
    COORDINATOR = 3


class NoLongerMember(DomainError):
    text_key = "join.removed"


class InvalidName(DomainError):
    text_key = "join.invalid_name"


class NameTaken(DomainError):
    """Someone in the group already has this name (ignoring case and accents): others could not tell
    who is who, and a look-alike "Lotte" could pass for the coordinator."""

    text_key = "join.name_taken"


class CannotChangeSelf(DomainError):
    text_key = "members.cannot_change_self"


class FixedCoordinator(DomainError):
    """Coordinators listed in the config file can only be changed there."""

    text_key = "members.fixed_coordinator"


@dataclass(frozen=True)
class Member:
    id: int
    telegram_id: int | None
    name: str
    language: str
    status: str
    coordinator_flag: bool
    joined_at: datetime

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def is_joining(self) -> bool:
        return self.status == "joining"


def member_from_row(row: sqlite3.Row) -> Member:
    """A member from a row holding ``storage.members.MEMBER_COLUMNS`` (and perhaps more)."""
    joined = parse_utc(row["joined_at"])
    assert joined is not None
    return Member(
        id=row["id"],
        telegram_id=row["telegram_id"],
        name=row["display_name"] or "",
        language=row["language"],
        status=row["status"],
        coordinator_flag=bool(row["is_coordinator"]),
        joined_at=joined,
    )


#: Words that would make a name look like a role: "Lotte (coördinator)" next to the real Lotte.
ROLE_WORDS = ("coordinator", "coordinatie", "beheerder", "admin", "bestuur", "moderator", "burenbot", "bot")


def folded(text: str) -> str:
    """How names are compared: case and accents ignored ("Zoë" == "zoe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def clean_name(text: str) -> str:
    """The name as shown to others: trimmed, single spaces, no control characters, no markup (``<>``),
    no role words in parentheses."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r"\s+", " ", text).strip()
    if not text or len(text) > NAME_MAX or not any(ch.isalpha() for ch in text) or text.startswith("/"):
        raise InvalidName(max_chars=NAME_MAX)
    if "<" in text or ">" in text or _role_in_brackets(text):
        raise InvalidName(max_chars=NAME_MAX)
    return text


def _role_in_brackets(text: str) -> bool:
    inside = " ".join(re.findall(r"[(\[{](.*?)(?:[)\]}]|$)", folded(text)))
    return any(word in inside for word in ROLE_WORDS)


class Members:
    def __init__(
        self, db: Database, clock: Clock, access: AccessConfig, default_language: str, outbox: Outbox
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._clock = clock
        self._access = access
        self._default_language = default_language
        self.invites = Invites(db, clock, access)

    async def find(self, telegram_id: int) -> Member | None:
        row = await sql.by_telegram_id(self._db, telegram_id)
        return None if row is None else member_from_row(row)

    async def get(self, member_id: int) -> Member:
        row = await sql.by_id(self._db, member_id)
        if row is None:
            raise NotFound(f"member {member_id}")
        return member_from_row(row)

    async def active_members(self) -> list[Member]:
        return [member_from_row(row) for row in await sql.active(self._db)]

    async def coordinator_ids(self) -> list[int]:
        """The active coordinators: who is told about requests, questions and members leaving."""
        return [m.id for m in await self.active_members() if self.role_of(m) is Role.COORDINATOR]

    def role_of(self, member: Member | None) -> Role:
        if member is None or not member.is_active:
            return Role.STRANGER
        if member.coordinator_flag or member.telegram_id in self._access.coordinators:
            return Role.COORDINATOR
        if self._clock.now() - member.joined_at < timedelta(days=self._access.newcomer_days):
            return Role.NEWCOMER
        return Role.VOLUNTEER

    async def begin_join(self, telegram_id: int, code: str) -> Member:
        """Start joining with the invite code; an existing member just gets their record back."""
        existing = await self.find(telegram_id)
        if existing is not None:
            if existing.status in ("removed", "erased"):
                raise NoLongerMember()
            return existing
        await self.invites.check(telegram_id, code)
        async with self._db.transaction() as conn:
            member_id = await sql.insert_joining(conn, telegram_id, self._default_language, self._clock.now())
        return await self.get(member_id)

    async def set_name(self, member: Member, text: str) -> Member:
        """Give ``member`` a name (joining, or ``/naam``): ``InvalidName`` or ``NameTaken`` when not."""
        name = clean_name(text)
        async with self._db.transaction() as conn:
            taken = {folded(other) for other in await sql.names_in_use(conn, except_id=member.id)}
            if folded(name) in taken:
                raise NameTaken(name=name)
            await sql.set_name(conn, member.id, name)
        return await self.get(member.id)

    async def choose_language(self, member: Member, language: str) -> tuple[Member, bool]:
        """Set the language; a member still joining becomes active. Returns (member, just_joined)."""
        if language not in LANGUAGES:
            raise NotFound(f"language {language}")
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.set_language(conn, member.id, language)
            joined = member.is_joining and bool(member.name) and await sql.activate(conn, member.id, now)
            if joined:
                await sql.record_event(conn, member.id, "joined", now)
            if (joined or language != member.language) and member.telegram_id is not None:
                # The menu's texts change with the language (and the role with joining): queued with
                # the change, so a crash right after cannot leave the old menu; off the answer's path.
                key = f"menu:{member.id}:{uuid.uuid4().hex}"
                await self._outbox.enqueue_in(conn, [menu_refresh(member.telegram_id, member.id, key)])
        self._outbox.wake()
        if joined:
            return await self.get(member.id), True
        return dataclasses.replace(member, language=language), False

    async def set_coordinator(self, actor: Member, target_id: int, value: bool) -> Member:
        self._require_coordinator(actor)
        target = await self.get(target_id)
        if target.id == actor.id:
            raise CannotChangeSelf()
        if not value and target.telegram_id in self._access.coordinators:
            raise FixedCoordinator(name=target.name)
        if not target.is_active:
            raise NotFound(f"member {target_id}")
        now = self._clock.now()
        async with self._db.transaction() as conn:
            if await sql.set_coordinator(conn, target.id, value):
                kind = "coordinator_added" if value else "coordinator_removed"
                await sql.record_event(conn, target.id, kind, now, actor.id)
        return await self.get(target.id)

    async def check_removable(self, actor: Member, target_id: int) -> Member:
        """The member a coordinator may remove, or why not (not a coordinator, themselves, fixed)."""
        self._require_coordinator(actor)
        target = await self.get(target_id)
        if target.id == actor.id:
            raise CannotChangeSelf()
        if target.telegram_id in self._access.coordinators:
            raise FixedCoordinator(name=target.name)
        return target

    async def mark_removed_in(
        self, conn: aiosqlite.Connection, actor: Member, target: Member, now: datetime
    ) -> None:
        """Inside the leaving transaction (bot/leaving.py): their history stays, their name is
        hidden from others."""
        if not await sql.mark_removed(conn, target.id, now):
            raise NotFound(f"member {target.id}")
        await sql.record_event(conn, target.id, "removed", now, actor.id)

    def _require_coordinator(self, actor: Member) -> None:
        if self.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()


def shown_name(member: Member) -> str:
    """What others see: a removed or erased member's name is hidden (their history stays)."""
    return member.name if member.is_active else ""
