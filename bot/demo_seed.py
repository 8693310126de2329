"""The example month the terminal demo starts with: a few L-flat members (invented names)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core import Core
from storage import members as sql
from telesim import TelegramSimulator

PERSONAS = {
    "coordinator": "Lotte",
    "volunteer": "Karim",
    "newcomer": "Sanne",
    "stranger": "Buur",
}
OTHER_MEMBERS = ["Anna", "Yusuf", "Mirela", "Joost", "Fatma", "Pieter"]


async def seed_example_month(core: Core, sim: TelegramSimulator, language: str) -> dict[str, int]:
    """Members with their roles; returns the simulator user id of each persona."""
    users: dict[str, int] = {}
    now = core.clock.now()
    joined_days_ago = {"coordinator": 400, "volunteer": 200, "newcomer": 5}
    for persona, name in PERSONAS.items():
        user = sim.add_user(name, language_code=language)
        users[persona] = user.user_id
        if persona in joined_days_ago:
            await _member(
                core,
                user.user_id,
                name,
                language,
                now - timedelta(days=joined_days_ago[persona]),
                coordinator=persona == "coordinator",
            )
    for index, name in enumerate(OTHER_MEMBERS):
        user = sim.add_user(name, language_code="nl")
        await _member(core, user.user_id, name, "nl", now - timedelta(days=60 + 30 * index))
    return users


async def _member(
    core: Core, telegram_id: int, name: str, language: str, joined: datetime, *, coordinator: bool = False
) -> None:
    member = await core.members.begin_join(telegram_id, core.config.access.invite_code)
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, language)
    async with core.db.transaction() as conn:
        await sql.backdate_join(conn, member.id, joined)
        if coordinator:
            await sql.set_coordinator(conn, member.id, True)
