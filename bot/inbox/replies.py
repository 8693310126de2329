"""Replies to announcements: a member presses "Reageer" and types; the coordinator sees the reply in /open
as a thread with the announcement, and her answer goes back to that member.

Each use case commits the change and queues the message it causes through the outbox in one transaction.
The half-typed states (a member about to reply, a coordinator about to answer) live in the reply tables
and are forgotten after ``TYPING_MAX_AGE``.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.announcements.actions import REPLY
from bot.announcements.service import Announcement, Announcements
from bot.clock import Clock
from bot.errors import DomainError, NotAllowed, NotFound
from bot.i18n import Texts
from bot.inbox.actions import ANSWER
from bot.members.service import Member, Members, Role
from bot.outbox import NOTICE, NewMessage, Outbox
from storage import replies as sql
from storage.db import Database, parse_utc


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    announcements: Announcements
    clock: Clock
    db: Database
    members: Members
    outbox: Outbox
    texts: Texts


TYPING_MAX_AGE = timedelta(hours=2)
MAX_CHARS = 2000
SNIPPET = 80
RECIPIENT = "announcement"  # the outbox kind of an announcement to a member (bot/announcements)


class NotYourAnnouncement(DomainError):
    """A reply button of an announcement this member never got (forged or old)."""

    text_key = "replies.not_yours"


class ReplyEmpty(DomainError):
    text_key = "replies.empty"


class ReplyTooLong(DomainError):
    """params: max_chars."""

    text_key = "replies.too_long"


class ReplyAnswered(DomainError):
    text_key = "replies.already_answered"


@dataclass(frozen=True)
class Reply:
    id: int
    announcement_id: int
    member_id: int
    status: str
    text: str
    sent_at: datetime | None
    answer: str | None
    answered_by: int | None
    announcement_text: str
    author_id: int


def _reply(row: sqlite3.Row) -> Reply:
    return Reply(
        id=row["id"],
        announcement_id=row["announcement_id"],
        member_id=row["member_id"],
        status=row["status"],
        text=row["text"] or "",
        sent_at=parse_utc(row["sent_at"]),
        answer=row["answer"],
        answered_by=row["answered_by"],
        announcement_text=row["announcement_text"],
        author_id=row["author_id"],
    )


def snippet(announcement_html: str, limit: int = SNIPPET) -> str:
    """The announcement as short plain text, to quote it (its HTML cannot be cut safely)."""
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", announcement_html)).split())
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"


def _clean(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ReplyEmpty()
    if len(cleaned) > MAX_CHARS:
        raise ReplyTooLong(max_chars=MAX_CHARS)
    return cleaned


class Replies:
    def __init__(self, core: Core) -> None:
        self._core = core

    # The member's side.

    async def start(self, member: Member, announcement_id: int) -> str:
        """The member pressed "Reageer": their next message is the reply (the handler keeps which
        announcement in the member's conversation; nothing is stored until it is sent). Returns the
        quoted announcement."""
        announcement = await self._announcement_for(member, announcement_id)
        return snippet(announcement.text)

    async def _announcement_for(self, member: Member, announcement_id: int) -> Announcement:
        core = self._core
        announcement = await core.announcements.get(announcement_id)
        if not await sql.was_sent_to(core.db, announcement.batch, RECIPIENT, member.id):
            raise NotYourAnnouncement()
        return announcement

    async def send(self, member: Member, announcement_id: int, text: str) -> tuple[Reply, int]:
        """The typed reply: stored and, in the same transaction, queued for the announcement's author
        (or every coordinator when she is no longer one). Returns the reply and how many were told."""
        core = self._core
        announcement = await self._announcement_for(member, announcement_id)
        cleaned = _clean(text)
        readers = await self._coordinators_for_author(announcement.author_id)
        quote = snippet(announcement.text)
        now = core.clock.now()
        async with core.db.transaction() as conn:
            reply_id = await sql.start(conn, announcement.id, member.id, now)
            messages = [
                NewMessage(
                    chat_id=reader.telegram_id,
                    member_id=reader.id,
                    text=core.texts.get(
                        reader.language, "replies.to_coordinator", name=member.name, quote=quote, text=cleaned
                    ),
                    buttons=[
                        [(core.texts.get(reader.language, "replies.answer_button"), ANSWER.encode(reply_id))]
                    ],
                    kind=NOTICE,
                    dedupe_key=f"reply:{reply_id}:to:{reader.id}",
                )
                for reader in readers
                if reader.telegram_id is not None
            ]
            if not await sql.send(conn, reply_id, cleaned, now):
                raise NotFound("reply already sent")
            await core.outbox.enqueue_in(conn, messages)
        core.outbox.wake()
        return await self.get(reply_id), len(messages)

    # The coordinator's side.

    async def get(self, reply_id: int) -> Reply:
        row = await sql.by_id(self._core.db, reply_id)
        if row is None:
            raise NotFound(f"reply {reply_id}")
        return _reply(row)

    async def thread(self, reply: Reply) -> list[Reply]:
        """This member's replies to the same announcement and the answers, oldest first."""
        rows = await sql.thread(self._core.db, reply.announcement_id, reply.member_id)
        return [_reply(row) for row in rows]

    async def begin_answer(self, coordinator: Member, reply_id: int) -> Reply:
        self._require_coordinator(coordinator)
        reply = await self.get(reply_id)
        if reply.status != "open":
            raise ReplyAnswered()
        async with self._core.db.transaction() as conn:
            await sql.start_answering(conn, coordinator.id, reply.id, self._core.clock.now())
        return reply

    async def answering(self, coordinator: Member) -> int | None:
        since = self._core.clock.now() - TYPING_MAX_AGE
        return await sql.answering(self._core.db, coordinator.id, since)

    async def stop_answering(self, coordinator: Member) -> None:
        if await sql.has_answering(self._core.db, coordinator.id):
            async with self._core.db.transaction() as conn:
                await sql.stop_answering(conn, coordinator.id)

    async def answer(self, coordinator: Member, reply_id: int, text: str) -> tuple[Reply, bool]:
        """Her typed answer: stored and queued for the member in one transaction (with "Reageer" again,
        so the thread can go on). Returns the reply and whether the member can be reached."""
        self._require_coordinator(coordinator)
        core = self._core
        cleaned = _clean(text)
        reply = await self.get(reply_id)
        member = await core.members.get(reply.member_id)
        reachable = member.is_active and member.telegram_id is not None
        async with core.db.transaction() as conn:
            if not await sql.answer(conn, reply.id, cleaned, coordinator.id, core.clock.now()):
                await sql.stop_answering(conn, coordinator.id)
                raise ReplyAnswered()
            await sql.stop_answering(conn, coordinator.id)
            if reachable:
                assert member.telegram_id is not None
                lang = member.language
                message = NewMessage(
                    chat_id=member.telegram_id,
                    member_id=member.id,
                    text=core.texts.get(
                        lang,
                        "replies.to_member",
                        name=coordinator.name,
                        quote=snippet(reply.text),
                        answer=cleaned,
                    ),
                    buttons=[
                        [
                            (
                                core.texts.get(lang, "replies.reply_button"),
                                REPLY.encode(reply.announcement_id),
                            )
                        ]
                    ],
                    kind=NOTICE,
                    dedupe_key=f"reply:{reply.id}:answer",
                )
                await core.outbox.enqueue_in(conn, [message])
        core.outbox.wake()
        return await self.get(reply.id), reachable

    async def open_replies(self) -> list[sqlite3.Row]:
        return await sql.open_replies(self._core.db)

    async def _coordinators_for(self, reply: Reply) -> list[Member]:
        return await self._coordinators_for_author(reply.author_id)

    async def _coordinators_for_author(self, author_id: int) -> list[Member]:
        members = self._core.members
        try:
            author = await members.get(author_id)
        except NotFound:
            author = None
        if author is not None and members.role_of(author) is Role.COORDINATOR and author.telegram_id:
            return [author]
        return [
            m
            for m in await members.active_members()
            if members.role_of(m) is Role.COORDINATOR and m.telegram_id is not None
        ]

    def _require_coordinator(self, member: Member) -> None:
        if self._core.members.role_of(member) is not Role.COORDINATOR:
            raise NotAllowed()
