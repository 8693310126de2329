"""Members for the keys and budget unit tests, made through the real join flow."""

from __future__ import annotations

from datetime import timedelta

from bot.core import Core
from bot.members.service import Member
from storage.db import utc_text
from tests.harness_config import INVITE


async def make_member(core: Core, telegram_id: int, name: str, *, coordinator: bool = False) -> Member:
    member = await core.members.begin_join(telegram_id, INVITE)
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, "nl")
    async with core.db.transaction() as conn:
        await conn.execute(
            "UPDATE members SET joined_at = ?, is_coordinator = ? WHERE id = ?",
            (utc_text(core.clock.now() - timedelta(days=90)), int(coordinator), member.id),
        )
    return await core.members.get(member.id)
