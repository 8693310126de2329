"""Announcements: a coordinator reaches an audience through the outbox, with a delivery report.

A draft holds the text (Telegram HTML, as the coordinator typed it) or photo, the audience and options.
Confirming puts one outbox row per recipient (plus the group post and the coordinator's live status
message) in ONE transaction, so a crash never leaves half a broadcast queued. When the last recipient
row is settled, the report goes to the coordinator; "gelezen" presses edit the status message, and the
outbox merges edits that pile up into one (so a busy minute costs one edit, not fifty).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.activities.service import Activities
from bot.announcements.actions import READ, REPLY
from bot.clock import Clock
from bot.config import Config
from bot.conversation import clear_in
from bot.errors import DomainError, InvalidInput, NotAllowed, NotFound
from bot.i18n import Texts
from bot.members.service import Member, Members, Role
from bot.outbox import NewMessage, Outbox, OutboxItem
from bot.telegram_html import check_telegram_html
from storage import announcements as sql
from storage import outbox as outbox_sql
from storage.db import Database

AUDIENCES = ("everyone", "volunteers", "newcomers", "activity")
OPTIONS = ("read_button", "to_group", "pin")
RECIPIENT = "announcement"


class AnnouncementGone(DomainError):
    """The draft was sent or cancelled already (an old button)."""

    text_key = "announcements.gone"


class NobodyToReach(DomainError):
    text_key = "announcements.nobody"


class NoGroupConfigured(DomainError):
    text_key = "announcements.no_group"


@dataclass(frozen=True)
class AudienceSizes:
    """How many people an audience reaches now (the author never counts)."""

    groups: dict[str, int]  # everyone, volunteers, newcomers
    activities: dict[int, int]  # activity id -> people on it


@dataclass(frozen=True)
class Announcement:
    id: int
    author_id: int
    text: str
    photo: str | None
    audience: str
    activity_id: int | None
    read_button: bool
    to_group: bool
    pin: bool
    status: str
    recipients: int

    @property
    def batch(self) -> str:
        return f"ann:{self.id}"


@dataclass(frozen=True)
class DeliveryReport:
    recipients: int
    delivered: int
    unreachable: list[str]
    failed: list[str]
    pending: int
    reads: int


def _announcement(row: sqlite3.Row) -> Announcement:
    return Announcement(
        id=row["id"],
        author_id=row["author_id"],
        text=row["text"],
        photo=row["photo"],
        audience=row["audience"],
        activity_id=row["activity_id"],
        read_button=bool(row["read_button"]),
        to_group=bool(row["to_group"]),
        pin=bool(row["pin"]),
        status=row["status"],
        recipients=row["recipients"],
    )


#: What a message (or a photo's caption) may hold, counted as the chat apps count: the visible text after
#: the markup, in UTF-16 units. Telegram and WhatsApp both allow 4096 and 1024; the rest is kept for the
#: line that says who sent it and the "gelezen" button text.
MAX_TEXT = 4096 - 96
MAX_CAPTION = 1024 - 96


class AnnouncementTooLong(InvalidInput):
    """params: max (the limit that applied)."""

    text_key = "omroep.too_long"


def check_length(text_html: str, with_photo: bool) -> None:
    limit = MAX_CAPTION if with_photo else MAX_TEXT
    if check_telegram_html(text_html)[1] > limit:
        raise AnnouncementTooLong(max=limit)


class Announcements:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        config: Config,
        texts: Texts,
        members: Members,
        outbox: Outbox,
        activities: Activities,
    ) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self._texts = texts
        self._members = members
        self._outbox = outbox
        self._activities = activities
        outbox.listeners.append(self._on_settled)

    @property
    def group_chat_id(self) -> int | None:
        return self._config.telegram.group_chat_id

    async def start_draft(self, author: Member, text: str, photo: str | None = None) -> Announcement:
        """A new draft from the coordinator's message (HTML); refused when it would not fit once sent.
        The /omroep "send me the message" step ends with it, in the same transaction (a retried message
        cannot start a second draft)."""
        self._require_coordinator(author)
        check_length(text, photo is not None)
        async with self._db.transaction() as conn:
            announcement_id = await sql.insert_draft(conn, author.id, text, photo, self._clock.now())
            await clear_in(conn, author.id, "omroep")
        return await self.get(announcement_id)

    async def get(self, announcement_id: int) -> Announcement:
        row = await sql.by_id(self._db, announcement_id)
        if row is None:
            raise NotFound(f"announcement {announcement_id}")
        return _announcement(row)

    async def draft(self, author: Member, announcement_id: int) -> Announcement:
        self._require_coordinator(author)
        announcement = await self.get(announcement_id)
        if announcement.status != "draft" or announcement.author_id != author.id:
            raise AnnouncementGone()
        return announcement

    async def set_audience(
        self, author: Member, announcement_id: int, audience: str, activity_id: int | None = None
    ) -> Announcement:
        """Choose who gets the draft; an audience with nobody in it is refused (an old button), unless the
        message can still go to the group."""
        await self.draft(author, announcement_id)
        if audience not in AUDIENCES or (audience == "activity") != (activity_id is not None):
            raise NotFound(f"audience {audience}")
        if self.group_chat_id is None and not await self._members_of(audience, activity_id, author.id):
            raise NobodyToReach()
        async with self._db.transaction() as conn:
            await sql.update_draft(conn, announcement_id, audience=audience, activity_id=activity_id)
        return await self.get(announcement_id)

    async def toggle(self, author: Member, announcement_id: int, option: str) -> Announcement:
        announcement = await self.draft(author, announcement_id)
        if option not in OPTIONS:
            raise NotFound(f"option {option}")
        if option in ("to_group", "pin") and self.group_chat_id is None:
            raise NoGroupConfigured()
        value = not getattr(announcement, option)
        values: dict[str, object] = {option: int(value)}
        if option == "pin" and value:
            values["to_group"] = 1  # pinning means posting in the group
        if option == "to_group" and not value:
            values["pin"] = 0
        async with self._db.transaction() as conn:
            await sql.update_draft(conn, announcement_id, **values)
        return await self.get(announcement_id)

    async def audience_members(self, announcement: Announcement) -> list[Member]:
        """Who gets it: active members of the audience with a Telegram account, never the author."""
        return await self._members_of(announcement.audience, announcement.activity_id, announcement.author_id)

    async def _members_of(
        self, audience: str, activity_id: int | None, author_id: int, active: list[Member] | None = None
    ) -> list[Member]:
        if active is None:
            active = await self._reachable()
        if audience == "activity":
            if activity_id is None:
                return []
            wanted = set(await self._activities.people_on(activity_id))
            chosen = [m for m in active if m.id in wanted]
        elif audience == "volunteers":
            chosen = [m for m in active if self._members.role_of(m) >= Role.VOLUNTEER]
        elif audience == "newcomers":
            chosen = [m for m in active if self._members.role_of(m) is Role.NEWCOMER]
        else:
            chosen = active
        return [m for m in chosen if m.id != author_id]

    async def audience_sizes(self, author: Member, activity_ids: Sequence[int] = ()) -> AudienceSizes:
        """How many people each audience would reach now (so an empty one is not offered): per group,
        and per activity in ``activity_ids``."""
        self._require_coordinator(author)
        active = await self._reachable()
        groups = {
            a: len(await self._members_of(a, None, author.id, active)) for a in AUDIENCES if a != "activity"
        }
        activities = {i: len(await self._members_of("activity", i, author.id, active)) for i in activity_ids}
        return AudienceSizes(groups, activities)

    async def _reachable(self) -> list[Member]:
        return [m for m in await self._members.active_members() if m.telegram_id is not None]

    def message_for(
        self, announcement: Announcement, language: str, author_name: str
    ) -> tuple[str, list[list[tuple[str, str]]]]:
        """The text and buttons exactly as a member in ``language`` sees them (also the preview): who
        sends it, the message, "gelezen" (when chosen) and "Reageer"."""
        row: list[tuple[str, str]] = []
        if announcement.read_button:
            label = self._texts.get(language, "announcements.read_button")
            row.append((label, READ.encode(announcement.id)))
        row.append((self._texts.get(language, "replies.reply_button"), REPLY.encode(announcement.id)))
        sender = self._texts.get(language, "replies.from", name=author_name)
        return f"{sender}\n\n{announcement.text}", [row]

    def held_until(self) -> datetime | None:
        """When an announcement confirmed now reaches its members: None at once, else the end of the
        quiet hours (bot/quiet.py), so the coordinator is told why nothing arrives before the morning."""
        quiet = self._outbox.quiet
        return quiet.until(RECIPIENT, self._clock.now()) if quiet is not None else None

    async def confirm(self, author: Member, announcement_id: int) -> int:
        """Queue the announcement for everyone in its audience; how many people it goes to."""
        announcement = await self.draft(author, announcement_id)
        people = await self.audience_members(announcement)
        if not people and not announcement.to_group:
            raise NobodyToReach()
        batch = announcement.batch
        messages = [self._status_message(announcement, author, len(people), 0)]
        for member in people:
            text, rows = self.message_for(announcement, member.language, author.name)
            assert member.telegram_id is not None
            messages.append(
                NewMessage(
                    chat_id=member.telegram_id,
                    member_id=member.id,
                    text=text,
                    buttons=rows,
                    photo=announcement.photo,
                    kind=RECIPIENT,
                    batch=batch,
                    dedupe_key=f"{batch}:m{member.id}",
                )
            )
        if announcement.to_group and self.group_chat_id is not None:
            messages.append(
                NewMessage(
                    chat_id=self.group_chat_id,
                    text=announcement.text,
                    photo=announcement.photo,
                    pin=announcement.pin,
                    kind="group_post",
                    batch=batch,
                    dedupe_key=f"{batch}:group",
                )
            )
        async with self._db.transaction() as conn:
            if not await sql.set_status(
                conn, announcement.id, "draft", "sending", self._clock.now(), len(people)
            ):
                raise AnnouncementGone()
            await self._outbox.enqueue_in(conn, messages)
        self._outbox.wake()
        return len(people)

    async def cancel(self, author: Member, announcement_id: int) -> None:
        await self.draft(author, announcement_id)
        async with self._db.transaction() as conn:
            await sql.set_status(conn, announcement_id, "draft", "cancelled", self._clock.now())

    async def mark_read(self, announcement_id: int, member: Member) -> bool:
        """A member pressed "gelezen"; the coordinator's status message follows (merged edits)."""
        announcement = await self.get(announcement_id)
        async with self._db.transaction() as conn:
            new = await sql.add_read(
                conn, announcement.id, member.id, self._clock.now(), announcement.batch, RECIPIENT
            )
        if new:
            await self._edit_status(announcement)
        return new

    async def report(self, announcement_id: int) -> DeliveryReport:
        announcement = await self.get(announcement_id)
        batch = announcement.batch
        counts = await outbox_sql.batch_status_counts(self._db, batch, RECIPIENT)
        names = {m.id: m.name for m in await self._members.active_members()}

        async def who(status: str) -> list[str]:
            ids = await outbox_sql.batch_members(self._db, batch, RECIPIENT, status)
            return [names.get(i) or "?" for i in ids]

        return DeliveryReport(
            recipients=sum(counts.values()),
            delivered=counts.get("sent", 0),
            unreachable=await who("unreachable"),
            failed=await who("failed"),
            pending=counts.get("queued", 0) + counts.get("sending", 0),
            reads=await sql.read_count(self._db, announcement_id),
        )

    def report_text(self, report: DeliveryReport, language: str) -> str:
        t = self._texts
        lines = [t.get(language, "announcements.report_title")]
        lines.append(t.plural(language, "announcements.report_delivered", report.delivered))
        if report.unreachable:
            lines.append(
                t.plural(
                    language,
                    "announcements.report_unreachable",
                    len(report.unreachable),
                    names=", ".join(report.unreachable),
                )
            )
        if report.failed:
            lines.append(
                t.plural(
                    language,
                    "announcements.report_failed",
                    len(report.failed),
                    names=", ".join(report.failed),
                )
            )
        if not report.unreachable and not report.failed:
            lines.append(t.get(language, "announcements.report_all_good"))
        return "\n".join(lines)

    async def _edit_status(self, announcement: Announcement) -> None:
        """The coordinator's status message with the reads so far, counted against the members it
        reached (not those it never got to); many edits in a busy minute merge into one."""
        if not announcement.read_button:
            return
        author = await self._members.get(announcement.author_id)
        status = await outbox_sql.by_key(self._db, f"{announcement.batch}:status")
        if status is None or author.telegram_id is None:
            return
        reads = await sql.read_count(self._db, announcement.id)
        edit = self._status_message(
            announcement, author, announcement.recipients, reads, await self._reached(announcement)
        )
        await self._outbox.set_edit(
            NewMessage(
                chat_id=edit.chat_id,
                member_id=author.id,
                text=edit.text,
                kind="status_edit",
                batch=None,
                dedupe_key=f"{announcement.batch}:status:edit",
                edit_of=status["id"],
                priority=2,
            )
        )

    async def _reached(self, announcement: Announcement) -> int:
        """How many members the announcement reached so far: reads are counted against these only."""
        counts = await outbox_sql.batch_status_counts(self._db, announcement.batch, RECIPIENT)
        return counts.get("sent", 0)

    def _status_message(
        self, announcement: Announcement, author: Member, people: int, reads: int, reached: int | None = None
    ) -> NewMessage:
        assert author.telegram_id is not None
        t = self._texts
        text = t.plural(author.language, "announcements.status", people)
        if announcement.read_button:
            text += "\n" + t.get(
                author.language,
                "announcements.status_reads",
                reads=reads,
                total=people if reached is None else reached,
            )
        return NewMessage(
            chat_id=author.telegram_id,
            member_id=author.id,
            text=text,
            kind="status",
            batch=None,
            dedupe_key=f"{announcement.batch}:status",
            priority=1,
        )

    async def _on_settled(self, item: OutboxItem) -> None:
        """After each delivered/unreachable/failed row: is this announcement finished? Then report once."""
        if item.kind not in (RECIPIENT, "group_post") or not item.batch or not item.batch.startswith("ann:"):
            return
        await self._finish_if_settled(await self.get(int(item.batch.removeprefix("ann:"))))

    async def finish_stranded(self) -> int:
        """At start-up: announcements whose last row was settled just before a crash, so the report
        (queued after the settle) never was. Returns how many got their report now."""
        finished = 0
        for row in await sql.still_sending(self._db):
            announcement = await self.get(row["id"])
            finished += await self._finish_if_settled(announcement)
        return finished

    async def _finish_if_settled(self, announcement: Announcement) -> bool:
        if announcement.status != "sending" or await self._outbox.pending(announcement.batch):
            return False
        author = await self._members.get(announcement.author_id)
        report = await self.report(announcement.id)
        if author.telegram_id is None:
            return False
        message = NewMessage(
            chat_id=author.telegram_id,
            member_id=author.id,
            text=self.report_text(report, author.language),
            kind="report",
            dedupe_key=f"{announcement.batch}:report",
            priority=1,
        )
        async with self._db.transaction() as conn:
            await sql.set_status(conn, announcement.id, "sending", "done", self._clock.now())
            await self._outbox.enqueue_in(conn, [message])
        self._outbox.wake()
        if report.unreachable or report.failed:
            await self._edit_status(announcement)  # reads now count against those it reached
        return True

    def _require_coordinator(self, member: Member) -> None:
        if self._members.role_of(member) is not Role.COORDINATOR:
            raise NotAllowed()
