"""A population of members who all started the bot, in the simulator and in a fresh database."""

from __future__ import annotations

from datetime import timedelta

from bot.core import Core
from storage.db import utc_text
from telesim import TelegramSimulator


async def add_members(core: Core, sim: TelegramSimulator, count: int) -> list[int]:
    """``count`` active members plus one coordinator (the first id returned); all wrote to the bot."""
    ids = []
    joined = utc_text(core.clock.now() - timedelta(days=90))
    async with core.db.transaction() as conn:
        for i in range(count + 1):
            user = sim.add_user(f"Buur{i:04d}")
            user.started = True
            await conn.execute(
                "INSERT INTO members (telegram_id, display_name, language, status, is_coordinator, joined_at)"
                " VALUES (?, ?, 'nl', 'active', ?, ?)",
                (user.user_id, user.first_name, int(i == 0), joined),
            )
            ids.append(user.user_id)
    return ids


async def queue_broadcast(core: Core, coordinator_telegram_id: int, text: str) -> int:
    """What /omroep does after Confirm: a draft for everyone, confirmed."""
    author = await core.members.find(coordinator_telegram_id)
    assert author is not None
    draft = await core.announcements.start_draft(author, text)
    draft = await core.announcements.toggle(author, draft.id, "read_button")  # off: a plain message
    return await core.announcements.confirm(author, draft.id)
