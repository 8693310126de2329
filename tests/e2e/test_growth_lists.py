"""Lists keep working as the group grows: 150 members with long names, every message within Telegram's
4096 characters, and the actions in a message of their own."""

from __future__ import annotations

from datetime import timedelta

from telegram.constants import MessageLimit

from storage.db import utc_text
from tests.harness import Harness, Person

MEMBERS = 150
LONG = "Maria-Fernanda van den Berg-Oudshoorn de Jong"  # 46 characters, as long as real double names get


async def many_members(bot: Harness, count: int) -> None:
    joined = utc_text(bot.clock.now() - timedelta(days=90))
    async with bot.core.db.transaction() as conn:
        for i in range(count):
            user = bot.sim.add_user(f"Buur{i}")
            await conn.execute(
                "INSERT INTO members (telegram_id, display_name, language, status, joined_at)"
                " VALUES (?, ?, 'nl', 'active', ?)",
                (user.user_id, f"{LONG} {i:03d}", joined),
            )


def within_limits(person: Person) -> None:
    assert person.last, "no answer"
    for message in person.last:
        assert len(message.text) <= MessageLimit.MAX_TEXT_LENGTH
        assert sum(len(row) for row in message.buttons) <= 100


async def test_150_members_with_long_names_page_through_leden_and_overzicht(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await many_members(bot, MEMBERS)

    await lotte.says("/leden")
    within_limits(lotte)
    assert len(lotte.last) > 1  # more than one message was needed
    shown = "\n".join(m.text for m in lotte.last)
    assert all(f"{LONG} {i:03d}" in shown for i in range(MEMBERS)), "someone is missing from /leden"

    await lotte.says("/overzicht")
    within_limits(lotte)
    shown = "\n".join(m.text for m in lotte.last)
    assert all(f"{LONG} {i:03d}" in shown for i in range(MEMBERS)), "someone is missing from /overzicht"
    # The actions sit in their own message, after the whole list.
    actions = lotte.last[-1]
    assert actions.buttons and not any(LONG in line for line in actions.text.splitlines())
    assert all(not m.buttons for m in lotte.last[:-1])
    await lotte.presses("CSV")
    assert lotte.last[-1].file_name is not None
