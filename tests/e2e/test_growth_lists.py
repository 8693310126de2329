"""Lists keep working as the group grows: 150 members with long names, every message within Telegram's
4096 characters, and the actions in a message of their own."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram.constants import MessageLimit

from storage.db import utc_text
from tests.harness import Harness, Person
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

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


async def test_every_page_of_a_long_overzicht_names_the_month_and_the_page(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await many_members(bot, MEMBERS)

    await lotte.says("/overzicht")
    pages = [m for m in lotte.last if LONG in m.text]  # not the actions, nor the button pressed
    assert len(pages) >= 2, "150 members should need more than one page"
    second = pages[1].text
    # Page 2 on its own says which month it is and where it stands, without scrolling up.
    assert f"November 2026 — blad 2 van {len(pages)}" in second
    heads = [p.text.splitlines()[0] for p in pages]
    # The first page's own title names the month right under its page line, so that says it only once.
    assert heads[0] == f"Blad 1 van {len(pages)}" and "Uren in november 2026" in pages[0].text
    assert pages[0].text.count("ovember 2026") == 1
    assert heads[1:] == [f"November 2026 — blad {i} van {len(pages)}" for i in range(2, len(pages) + 1)]
    assert any(f"{LONG} " in line for line in second.splitlines())

    # The earlier month's pages, in English, say so the same way.
    await lotte.says("/taal")
    await lotte.presses("English")
    await lotte.says("/overzicht")
    await lotte.presses("October 2026")
    pages = [m for m in lotte.last if LONG in m.text]  # not the actions, nor the button pressed
    assert len(pages) >= 2
    heads = [p.text.splitlines()[0] for p in pages]
    assert heads == [f"Page 1 of {len(pages)}"] + [
        f"October 2026 — page {i} of {len(pages)}" for i in range(2, len(pages) + 1)
    ]


async def test_an_agenda_of_90_activities_in_two_weeks_stays_within_the_limits(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    organiser = await bot.member_record(lotte)
    first = datetime(2026, 11, 24, 9, 0, tzinfo=AMSTERDAM)
    for i in range(90):
        start = first + timedelta(days=i % 12, hours=i // 12)
        title = f"Koffie buren {i:02d}"
        await bot.core.activities.create(organiser, new_activity(start, title=title, place="buiten"))
    await lotte.says("/agenda")
    within_limits(lotte)
    buttons = [button.text for message in lotte.last for row in message.buttons for button in row]
    assert len(buttons) == 90
    assert all(any(f"buren {i:02d}" in label for label in buttons) for i in range(90))
    await lotte.presses("buren 89")
    lotte.sees("buren 89")


async def test_a_list_throttled_halfway_still_arrives_in_order(bot: Harness) -> None:
    """Telegram answers 429 to the first page: it goes to the outbox, and the later pages must queue
    behind it, not overtake it (page 1 arrived last, and a long /overzicht came in as 1, 2, 5, 3, 4)."""
    lotte = await bot.member("Lotte", role="coordinator")
    await many_members(bot, MEMBERS)
    bot.sim.faults.throttle_methods[f"sendMessage:{lotte.user_id}"] = 1

    await lotte.says("/overzicht")
    pages = [m for m in lotte.last if LONG in m.text]
    assert len(pages) >= 3
    heads = [p.text.splitlines()[0] for p in pages]
    assert heads == [f"Blad 1 van {len(pages)}"] + [
        f"November 2026 — blad {i} van {len(pages)}" for i in range(2, len(pages) + 1)
    ]
    assert lotte.last[-1].buttons, "the actions come last, after every page"
    assert any(not r.ok and r.error_code == 429 for r in bot.sim.requests), "the bot was never throttled"
