"""Members' rights over their data (AVG/GDPR): see everything stored about you, or be forgotten.

Each feature that stores personal rows declares a ``PrivacySection`` next to its own code; the bootstrap
(``bot/core.py``) hands the list of them to ``Privacy``. ``/mijngegevens`` asks every section for its
part; ``/vergeetmij`` asks every section to delete or anonymise its rows, all in ONE transaction, and
then anonymises the member row itself. A test lists every table that references a member and fails when
no section covers it, so a new feature cannot forget (see docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.members.service import Member, Members
from storage import privacy as sql
from storage.db import Database, utc_text

Exported = dict[str, Any] | list[Any]
ExportFn = Callable[[Database, int], Awaitable[Exported]]
EraseFn = Callable[[aiosqlite.Connection, int, datetime], Awaitable[None]]


@dataclass(frozen=True)
class PrivacySection:
    """One feature's part of a member's data.

    ``export(db, member_id)`` returns JSON-ready data (str/int/float/bool/None, lists, dicts).
    ``erase(conn, member_id, now)`` deletes or anonymises the member's rows inside the erasure
    transaction (``now`` is the erasure moment, e.g. to tell upcoming claims from past ones); it keeps
    what the group needs (e.g. hours per month) without anything that leads to the person.
    ``tables`` are the tables this section takes care of (default: the table named like the section).
    """

    name: str
    export: ExportFn
    erase: EraseFn
    tables: tuple[str, ...] = ()

    @property
    def covers(self) -> tuple[str, ...]:
        return self.tables or (self.name,)


class Privacy:
    def __init__(
        self, db: Database, clock: Clock, members: Members, sections: Sequence[PrivacySection]
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        names = [section.name for section in sections]
        if len(set(names)) != len(names):
            raise ValueError(f"privacy sections named twice: {names}")
        # The members section always comes first.
        self.sections = sorted([MEMBERS, *sections], key=lambda s: (s.name != MEMBERS_SECTION, s.name))

    def covered_tables(self) -> set[str]:
        return {table for section in self.sections for table in section.covers}

    async def export(self, member: Member) -> dict[str, Any]:
        """Everything stored about ``member``, per section, ready for ``json.dumps``."""
        data: dict[str, Any] = {
            "exported_at": utc_text(self._clock.now()),
            "member_id": member.id,
        }
        for section in self.sections:
            data[section.name] = await section.export(self._db, member.id)
        members_part = data.get(MEMBERS_SECTION)
        if isinstance(members_part, dict):
            members_part["role"] = self._members.role_of(member).name.lower()
        return data

    async def erase_in(self, conn: aiosqlite.Connection, member_id: int, now: datetime) -> bool:
        """Forget the member inside the caller's transaction: every section erases its rows, then the
        member row loses name and Telegram id. False when they were erased already (nothing happens).

        Called by the leaving use case (bot/leaving.py), which first hands on what others rely on
        (places, keys, a buddy), all in the same transaction: everything is forgotten or nothing is.
        """
        if not await sql.mark_erased(conn, member_id, now):
            return False
        for section in self.sections:
            if section.name != MEMBERS_SECTION:
                await section.erase(conn, member_id, now)
        await sql.erase_member_details(conn, member_id)
        await sql.record_erased(conn, member_id, now)
        return True


MEMBERS_SECTION = "members"


async def _export_member(db: Database, member_id: int) -> dict[str, Any]:
    row = await sql.member_row(db, member_id)
    events = await sql.member_events(db, member_id)
    return {
        "name": row["display_name"] if row else None,
        "telegram_id": row["telegram_id"] if row else None,
        "language": row["language"] if row else None,
        "status": row["status"] if row else None,
        "coordinator": bool(row["is_coordinator"]) if row else False,
        "joined_at": row["joined_at"] if row else None,
        "removed_at": row["removed_at"] if row else None,
        "events": [
            {
                "kind": event["kind"],
                "at": event["at"],
                "by_someone_else": event["actor_id"] is not None and event["actor_id"] != member_id,
            }
            for event in events
        ],
    }


async def _erase_member(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    """The member row itself is anonymised by ``Privacy.erase``; the events stay as anonymous history."""


MEMBERS = PrivacySection(MEMBERS_SECTION, _export_member, _erase_member, tables=("members", "member_events"))
