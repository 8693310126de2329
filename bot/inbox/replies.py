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
from typing import TYPE_CHECKING

from bot.errors import DomainError, NotAllowed, NotFound
from bot.members.service import Member, Role
from bot.outbox import NOTICE, NewMessage
from storage import replies as sql
from storage.db import parse_utc

if TYPE_CHECKING:
    from bot.core import Core

TYPING_MAX_AGE = timedelta(hours=2)
MAX_CHARS = 2000
SNIPPET = 80
# Button payloads, declared as actions in handlers/inbox/replies.py (the core only knows their shape).
REPLY_BUTTON_DATA = "ann_reply:{id}"
ANSWER_BUTTON_DATA = "inb_ans:{id}"
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
        """The member pressed "Reageer": their next message is the reply. Returns the quoted announcement."""
        core = self._core
        announcement = await core.announcements.get(announcement_id)
        if not await sql.was_sent_to(core.db, announcement.batch, RECIPIENT, member.id):
            raise NotYourAnnouncement()
        async with core.db.transaction() as conn:
            await sql.start(conn, announcement.id, member.id, core.clock.now())
        return snippet(announcement.text)

    async def typing(self, member: Member) -> Reply | None:
        row = await sql.typing_of(self._core.db, member.id, self._core.clock.now() - TYPING_MAX_AGE)
        return None if row is None else _reply(row)

    async def stop_typing(self, member: Member) -> None:
        """Leave the reply unsent (a command or another button); reads first, writes only if needed."""
        if await sql.has_typing(self._core.db, member.id):
            async with self._core.db.transaction() as conn:
                await sql.drop_typing(conn, member.id)

    async def send(self, member: Member, text: str) -> tuple[Reply, int]:
        """The typed reply: stored and, in the same transaction, queued for the announcement's author
        (or every coordinator when she is no longer one). Returns the reply and how many were told."""
        core = self._core
        reply = await self.typing(member)
        if reply is None:
            raise NotFound("no reply being typed")
        cleaned = _clean(text)
        readers = await self._coordinators_for(reply)
        quote = snippet(reply.announcement_text)
        messages = []
        for reader in readers:
            assert reader.telegram_id is not None
            messages.append(
                NewMessage(
                    chat_id=reader.telegram_id,
                    member_id=reader.id,
                    text=core.texts.get(
                        reader.language, "replies.to_coordinator", name=member.name, quote=quote, text=cleaned
                    ),
                    buttons=[
                        [
                            (
                                core.texts.get(reader.language, "replies.answer_button"),
                                ANSWER_BUTTON_DATA.format(id=reply.id),
                            )
                        ]
                    ],
                    kind=NOTICE,
                    dedupe_key=f"reply:{reply.id}:to:{reader.id}",
                )
            )
        async with core.db.transaction() as conn:
            if not await sql.send(conn, reply.id, cleaned, core.clock.now()):
                raise NotFound("reply already sent")
            await core.outbox.enqueue_in(conn, messages)
        core.outbox.wake()
        return await self.get(reply.id), len(messages)

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
                                REPLY_BUTTON_DATA.format(id=reply.announcement_id),
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
        members = self._core.members
        try:
            author = await members.get(reply.author_id)
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
