"""A coordinator adds, fixes or deletes a member's hours, also in a closed month (then audited), and the
member is told: the change and the message to the member commit in one transaction.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

import aiosqlite

from bot.clock import Clock
from bot.errors import NotAllowed
from bot.hours.models import Entry, month_of
from bot.hours.service import Hours
from bot.i18n import Texts, day_label, number
from bot.members.service import Member, Members, Role
from bot.outbox import NOTICE, NewMessage, Outbox
from storage.db import Database


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    clock: Clock
    db: Database
    hours: Hours
    members: Members
    outbox: Outbox
    texts: Texts


class HoursCorrections:
    def __init__(self, core: Core) -> None:
        self._core = core

    async def add_for(
        self, coordinator: Member, member_id: int, day: date, minutes: int, category: str
    ) -> Entry:
        self._require_coordinator(coordinator)
        core = self._core
        member = await core.members.get(member_id)
        values = {
            "member_id": member.id,
            "day": day.isoformat(),
            "month": month_of(day),
            "minutes": minutes,
            "category": category,
            "label": None,
            "activity_id": None,
            "claim_id": None,
        }
        now = core.clock.now()
        async with core.db.transaction() as conn:
            entry_id = await core.hours.add_in(conn, coordinator, values, now)
            await self._tell(conn, member, coordinator, "added", day, minutes)
        core.outbox.wake()
        return await core.hours.entry(coordinator, entry_id)

    async def set_minutes(self, coordinator: Member, entry_id: int, minutes: int) -> tuple[Entry, Entry]:
        """The entry before and after."""
        self._require_coordinator(coordinator)
        core = self._core
        old = await core.hours.entry(coordinator, entry_id)
        member = await core.members.get(old.member_id)
        values = {
            "day": old.day.isoformat(),
            "month": old.month,
            "minutes": minutes,
            "category": old.category,
            "label": old.label,
        }
        async with core.db.transaction() as conn:
            await core.hours.change_in(conn, coordinator, old.id, values, core.clock.now())
            await self._tell(conn, member, coordinator, "changed", old.day, minutes, old.minutes)
        core.outbox.wake()
        return old, await core.hours.entry(coordinator, entry_id)

    async def delete(self, coordinator: Member, entry_id: int) -> Entry:
        self._require_coordinator(coordinator)
        core = self._core
        async with core.db.transaction() as conn:
            entry = await core.hours.delete_in(conn, coordinator, entry_id)
            member = await core.members.get(entry.member_id)
            await self._tell(conn, member, coordinator, "deleted", entry.day, entry.minutes)
        core.outbox.wake()
        return entry

    async def _tell(
        self,
        conn: aiosqlite.Connection,
        member: Member,
        coordinator: Member,
        what: str,
        day: date,
        minutes: int,
        before: int | None = None,
    ) -> None:
        if member.telegram_id is None or not member.is_active or member.id == coordinator.id:
            return
        core = self._core
        lang = member.language
        text = core.texts.get(
            lang,
            f"memberpage.notice.{what}",
            name=coordinator.name,
            day=day_label(day, lang),
            hours=number(minutes / 60, lang),
            before=number((before or 0) / 60, lang),
        )
        await core.outbox.enqueue_in(
            conn,
            [
                NewMessage(
                    chat_id=member.telegram_id,
                    member_id=member.id,
                    text=text,
                    kind=NOTICE,
                    dedupe_key=f"hours-fix:{member.id}:{uuid.uuid4().hex}",
                )
            ],
        )

    def _require_coordinator(self, actor: Member) -> None:
        if self._core.members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()
