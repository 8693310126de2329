"""Typed notices: a message to one member about something that happened, queued with its cause.

A notice is a *kind* and its *data* (JSON-ready values), as in ephios' notification types. Each kind is
declared once, beside the feature it belongs to, with ``notice_kind``: a function that renders the data
for one reader (their language, the flat's time zone) into text and buttons. Declaring registers
nothing: the bootstrap (``bot/core.py``) collects the kinds of the modules it lists with ``kinds_in``
and hands them to ``Notices``. ``Notices.tell_in`` renders
it for the recipient and puts it in the outbox *inside the caller's transaction*, so the change and every
consequence commit together (a crash between them loses nothing and repeats nothing).

The outbox row keeps the kind (``notice.<kind>``), so a transport can pick a template per kind.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.i18n import Markup, Texts, clock_time, day_label
from bot.outbox import NOTICE, NewMessage, Outbox
from bot.rooms import Rooms
from storage import members as members_sql
from storage.db import parse_utc

Rows = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Notice:
    """What happened (``kind``) and the facts a renderer needs (``data``; ids, names, ISO moments)."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    text: str
    rows: Rows = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    """What a renderer may use: the texts in the reader's language, the flat's clock and its rooms."""

    texts: Texts
    lang: str
    tz: ZoneInfo
    rooms: Rooms
    kinds: NoticeKinds

    def render(self, notice: Notice) -> Rendered:
        """Another notice as this reader reads it (a notice that lists others, e.g. what a leaver held)."""
        return self.kinds.render(self, notice)

    def place(self, place: str) -> str:
        """An activity's place: a huiskamer by its name, never its id."""
        return self.rooms.place_name(place, self.lang)

    def t(self, key: str, /, **params: object) -> str:
        return self.texts.get(self.lang, key, **params)

    def when(self, start: str, end: str) -> str:
        """'donderdag 26 november, 19:30–21:30' from two stored (UTC ISO) moments."""
        begin, finish = _local(start, self.tz), _local(end, self.tz)
        if finish.date() != begin.date():
            first = f"{day_label(begin, self.lang)} {clock_time(begin, self.lang)}"
            return f"{first} – {day_label(finish, self.lang)} {clock_time(finish, self.lang)}"
        return (
            f"{day_label(begin, self.lang)}, {clock_time(begin, self.lang)}–{clock_time(finish, self.lang)}"
        )

    def clock(self, moment: str) -> str:
        return clock_time(_local(moment, self.tz), self.lang)


Render = Callable[[Reader, Mapping[str, Any]], Rendered]


@dataclass(frozen=True)
class NoticeKind:
    """How one kind of notice reads: a plain value, collected by the bootstrap with ``kinds_in``."""

    kind: str
    render: Render

    def __call__(self, reader: Reader, data: Mapping[str, Any]) -> Rendered:
        return self.render(reader, data)


def notice_kind(kind: str) -> Callable[[Render], NoticeKind]:
    """Declare how a kind of notice reads."""
    return lambda render: NoticeKind(kind, render)


def kinds_in(*modules: ModuleType) -> list[NoticeKind]:
    """The notice kinds a module declares at its top level."""
    return [value for module in modules for value in vars(module).values() if isinstance(value, NoticeKind)]


class NoticeKinds:
    """Every kind of notice the bot can render; a kind declared twice is a bug."""

    def __init__(self, kinds: Iterable[NoticeKind]) -> None:
        self._by_kind: dict[str, NoticeKind] = {}
        for declared in kinds:
            existing = self._by_kind.get(declared.kind)
            if existing is not None and existing is not declared:
                raise ValueError(f"notice kind {declared.kind!r} declared twice")
            self._by_kind[declared.kind] = declared

    def names(self) -> list[str]:
        return sorted(self._by_kind)

    def render(self, reader: Reader, notice: Notice) -> Rendered:
        declared = self._by_kind.get(notice.kind)
        if declared is None:
            raise KeyError(f"unknown notice kind {notice.kind!r}")
        return declared(reader, notice.data)


def mention(name: str, telegram_id: int | None) -> Markup:
    """A name as a link that opens a chat with that person (Telegram HTML; other transports strip it)."""
    escaped = html.escape(name, quote=False)
    if telegram_id is None:
        return Markup(escaped)
    return Markup(f'<a href="tg://user?id={telegram_id}">{escaped}</a>')


class Notices:
    """Queues notices through the outbox, each in the transaction of the change that caused it."""

    def __init__(self, texts: Texts, rooms: Rooms, tz: ZoneInfo, outbox: Outbox, kinds: NoticeKinds) -> None:
        self._texts = texts
        self._rooms = rooms
        self._tz = tz
        self._outbox = outbox
        self.kinds = kinds

    def text_for(self, lang: str, notice: Notice) -> Rendered:
        """The notice as ``lang`` reads it."""
        return self.kinds.render(Reader(self._texts, lang, self._tz, self._rooms, self.kinds), notice)

    async def tell_in(self, conn: aiosqlite.Connection, member_id: int, notice: Notice, *, key: str) -> bool:
        """Queue ``notice`` for the member in their language, inside ``conn``'s transaction.

        ``key`` makes it once-only (a retried use case queues nothing twice). False when the member has
        no chat with the bot (removed, erased, never joined). Call ``Outbox.wake()`` after the commit.
        """
        row = await members_sql.recipient_in(conn, member_id)
        if row is None or row["status"] != "active" or row["telegram_id"] is None:
            return False
        rendered = self.text_for(row["language"], notice)
        message = NewMessage(
            chat_id=row["telegram_id"],
            text=rendered.text,
            dedupe_key=key,
            kind=f"{NOTICE}.{notice.kind}",
            member_id=member_id,
            buttons=[list(line) for line in rendered.rows],
        )
        await self._outbox.enqueue_in(conn, [message])
        return True

    async def tell_all_in(
        self, conn: aiosqlite.Connection, member_ids: Iterable[int], notice: Notice, *, key: str
    ) -> int:
        """``tell_in`` for each member (``key`` gets ':<member id>'); how many can be reached."""
        told = 0
        for member_id in sorted(set(member_ids)):
            told += await self.tell_in(conn, member_id, notice, key=f"{key}:{member_id}")
        return told

    def wake(self) -> None:
        self._outbox.wake()


def _local(stored: str, tz: ZoneInfo) -> datetime:
    moment = parse_utc(stored)
    assert moment is not None
    return moment.astimezone(tz)
