"""Members' rights over their data (AVG/GDPR): see everything stored about you, or be forgotten.

Each feature that stores personal rows registers a ``PrivacySection`` here, at import time, next to its
own code. ``/mijngegevens`` asks every section for its part; ``/vergeetmij`` asks every section to delete
or anonymise its rows, all in ONE transaction, and then anonymises the member row itself. A test lists
every table that references a member and fails when no section covers it, so a new feature cannot forget
(see docs/privacy.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
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


_SECTIONS: dict[str, PrivacySection] = {}


def register_section(section: PrivacySection) -> PrivacySection:
    """Add a feature's section; registering the same name twice with different functions is a bug."""
    existing = _SECTIONS.get(section.name)
    if existing is not None and existing != section:
        raise ValueError(f"privacy section {section.name!r} registered twice")
    _SECTIONS[section.name] = section
    return section


def sections() -> list[PrivacySection]:
    """Every registered section; the members section always comes first."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.name != MEMBERS_SECTION, s.name))


def covered_tables() -> set[str]:
    return {table for section in sections() for table in section.covers}


class Privacy:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self._db = db
        self._clock = clock
        self._members = members

    async def export(self, member: Member) -> dict[str, Any]:
        """Everything stored about ``member``, per section, ready for ``json.dumps``."""
        data: dict[str, Any] = {
            "exported_at": utc_text(self._clock.now()),
            "member_id": member.id,
        }
        for section in sections():
            data[section.name] = await section.export(self._db, member.id)
        members_part = data.get(MEMBERS_SECTION)
        if isinstance(members_part, dict):
            members_part["role"] = self._members.role_of(member).name.lower()
        return data

    async def erase(self, member: Member) -> Member:
        """Forget ``member``: every section erases its rows, then the member row loses name and Telegram id.

        One transaction: either everything is forgotten or nothing is. Idempotent: a member already erased
        stays erased and gets no second 'erased' event.
        """
        now = self._clock.now()
        async with self._db.transaction() as conn:
            if not await sql.mark_erased(conn, member.id, now):
                return dataclasses.replace(member, telegram_id=None, name="", status="erased")
            for section in sections():
                if section.name != MEMBERS_SECTION:
                    await section.erase(conn, member.id, now)
            await sql.erase_member_details(conn, member.id)
            await sql.record_erased(conn, member.id, now)
        await self._db.checkpoint()  # the write-ahead log would keep the erased name and id until later
        return await self._members.get(member.id)


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


register_section(
    PrivacySection(MEMBERS_SECTION, _export_member, _erase_member, tables=("members", "member_events"))
)
