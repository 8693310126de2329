"""The group chat's post of each activity, kept up to date through the outbox ("nog 2 plekken").

A new activity is posted once (``post``); every use case that changes its places, time, place or status
calls ``refresh_in`` inside its own transaction, which renders the post as that transaction sees it and
queues ONE pending edit (later changes overwrite an edit not sent yet). So a claim and the group post's
new count commit together, and a crash after the commit still updates the post.

The post's button opens the activity in a private chat: a deep link only the transport can build (it
knows the bot's username), handed in at start-up as ``open_link``.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import aiosqlite

from bot.activities.models import ActivityDetail
from bot.activities.reading import read_detail
from bot.activities.wording import detail_text, places_text
from bot.clock import Clock
from bot.i18n import Texts
from bot.outbox import NewMessage, Outbox, Rows
from bot.rooms import Rooms
from storage import outbox as outbox_sql
from storage.db import Database

GROUP_POST = "group_post"


class GroupPosts:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        texts: Texts,
        rooms: Rooms,
        tz: ZoneInfo,
        lang: str,
        chat_id: int | None,
        outbox: Outbox,
    ) -> None:
        self._db = db
        self._clock = clock
        self._texts = texts
        self._rooms = rooms
        self._tz = tz
        self._lang = lang
        self._chat_id = chat_id
        self._outbox = outbox
        self.open_link: Callable[[int], str] | None = None  # set by the transport at start-up

    def render(self, detail: ActivityDetail) -> tuple[str, Rows]:
        t, lang = self._texts, self._lang
        text = detail_text(t, self._rooms, self._tz, lang, detail)
        if detail.activity.cancelled or self.open_link is None:
            return text, []
        summary = places_text(t, lang, detail.places_left)
        text = f"{t.get(lang, 'group.new_activity')}\n\n{text}\n\n<b>{summary}</b>"
        return text, [[(t.get(lang, "group.open_button"), self.open_link(detail.activity.id))]]

    async def post(self, activity_id: int) -> None:
        """Post a new activity in the group (once: the key makes a second call a no-op)."""
        if self._chat_id is None:
            return
        detail = await read_detail(self._db, activity_id, self._clock.now())
        text, rows = self.render(detail)
        message = NewMessage(
            chat_id=self._chat_id, text=text, dedupe_key=_key(activity_id), kind=GROUP_POST, buttons=rows
        )
        await self._outbox.enqueue([message])

    async def refresh_in(self, conn: aiosqlite.Connection, activity_id: int) -> None:
        """Queue the post's edit as this transaction sees the activity (nothing when it was never posted)."""
        if self._chat_id is None:
            return
        post_id = await outbox_sql.id_by_key(conn, _key(activity_id))
        if post_id is None:
            return
        detail = await read_detail(self._db.within(conn), activity_id, self._clock.now())
        text, rows = self.render(detail)
        edit = NewMessage(
            chat_id=self._chat_id,
            text=text,
            dedupe_key=f"{_key(activity_id)}:edit",
            kind=GROUP_POST,
            buttons=rows,
            edit_of=post_id,
        )
        await outbox_sql.upsert_edit(conn, edit.row(), self._clock.now())

    def wake(self) -> None:
        self._outbox.wake()


def _key(activity_id: int) -> str:
    return f"{GROUP_POST}:{activity_id}"
