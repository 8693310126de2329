"""Shared set-up for activity tests: members and an activity, straight through the core."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.activities.models import NewActivity
from bot.core import Core
from bot.members.service import Member
from storage.db import utc_text


async def make_member(core: Core, name: str, *, coordinator: bool = False) -> Member:
    async with core.db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO members (telegram_id, display_name, language, status, is_coordinator, joined_at)"
            " VALUES ((SELECT coalesce(max(telegram_id), 1000) + 1 FROM members), ?, 'nl', 'active', ?, ?)",
            (name, int(coordinator), utc_text(core.clock.now() - timedelta(days=90))),
        )
        member_id = cursor.lastrowid
    assert member_id is not None
    return await core.members.get(member_id)


def new_activity(
    start: datetime,
    *,
    title: str = "Spelletjesavond",
    hours: float = 2,
    place: str = "huiskamer6",
    tasks: tuple[tuple[str, int], ...] = (("opbouwen", 2), ("begeleiden", 3)),
) -> NewActivity:
    return NewActivity(
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        place=place,
        audience="everyone",
        needs_key=place.startswith("huiskamer"),
        tasks=tasks,
    )
