"""Each refusal names the real reason: not a member yet, only for the coordinator, or not yet (a newcomer);
and "not yours" where it is someone else's request or activity."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.members.service import Role
from burenbot.telegram_app import all_commands
from tests.e2e.test_access_matrix import STRANGER_WINDOW
from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

ONLY_COORDINATOR = "Dat mag alleen een coördinator doen."
NOT_YET = "Dat kan nog niet: je bent nieuw in de groep."


async def test_coordinator_commands_say_why_to_a_volunteer_and_a_stranger(bot: Harness) -> None:
    await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    piet = await bot.stranger("Piet")
    coordinator_only = [c.name for c in all_commands() if c.min_role is Role.COORDINATOR]
    assert {"omroep", "open", "verslag", "leden"} <= set(coordinator_only)
    for name in coordinator_only:
        await karim.says(f"/{name}")
        karim.sees(ONLY_COORDINATOR)
        bot.clock.advance(STRANGER_WINDOW)  # a stranger is answered once per window
        await piet.says(f"/{name}")
        piet.sees("Doe je mee als vrijwilliger? Vraag de uitnodigingslink")
        piet.does_not_see("coördinator doen")


async def test_a_newcomer_hears_not_yet_for_a_volunteers_button(bot: Harness) -> None:
    await bot.member("Lotte", role="coordinator")
    nina = await bot.member("Nina", role="newcomer")
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/buddy")
    await anna.presses("graag een buddy")
    request_id = await bot.core.db.fetch_value("SELECT max(id) FROM buddy_requests")
    # Offering to be a buddy is for volunteers who have been around: a newcomer is told "not yet".
    await nina.sends_callback(nina.chat[-1].message_id, f"budoffer:{request_id}")
    nina.sees(NOT_YET, "Over een paar weken kan het wel")
    nina.does_not_see(ONLY_COORDINATOR)
    # Every command open to her works: nothing refuses her for the wrong reason.
    for command in all_commands():
        if command.min_role <= Role.NEWCOMER:
            await nina.says(f"/{command.name}")
            nina.does_not_see(ONLY_COORDINATOR, NOT_YET)
            await nina.says("/help")


async def test_someone_elses_request_or_activity_says_so(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await anna.says("/budget")
    await anna.presses("Geld aanvragen")
    await anna.says("Koffie")
    await anna.says("10")
    await anna.says("12 december")
    await anna.presses("Versturen")
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")
    request_id = await bot.core.db.fetch_value("SELECT id FROM budget_requests")
    await karim.sends_callback(karim.chat[-1].message_id, f"bud_receipt:{request_id}")
    karim.sees("Dit is de aanvraag van iemand anders")
    karim.does_not_see(ONLY_COORDINATOR)

    start = datetime(2026, 11, 23, 14, 0, tzinfo=AMSTERDAM)
    await bot.core.activities.create(await bot.member_record(anna), new_activity(start, title="Breiclub"))
    bot.clock.set(start + timedelta(hours=3))
    activity_id = await bot.core.db.fetch_value("SELECT id FROM activities")
    await karim.sends_callback(karim.chat[-1].message_id, f"vis:{activity_id}:11:20")
    karim.sees("Alleen de organisator van de activiteit of een coördinator")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM activity_visitors") == 0
