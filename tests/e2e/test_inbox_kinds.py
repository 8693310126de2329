"""One inbox holding every kind of item at once: each is counted and listed once, in the declared order."""

from __future__ import annotations

from datetime import timedelta

from bot.inbox.service import KINDS, Inbox
from tests.e2e.test_announcements import announce
from tests.harness import Harness
from tests.unit.activity_helpers import new_activity


async def test_every_kind_is_counted_in_one_inbox(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")  # quiet: no hours for two months
    bram = await bot.member("Bram")
    anna = await bot.member("Anna", role="newcomer")  # new member
    coordinator = await bot.member_record(lotte)
    await bram.says("/uren 2 gisteren koffieochtend")
    await bram.presses("Opslaan")

    await anna.says("/wegwijs mag mijn hond mee naar de kerstborrel")  # question
    await anna.presses("Vraag het de coördinator")
    await anna.says("/buddy")  # buddy request
    await anna.presses("graag een buddy")
    key = await bot.core.keys.add_key(coordinator, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(karim)).id)
    await bram.says("/sleutel")  # key request
    await bram.presses("Sleutel vragen")
    await bram.presses("Huiskamer 6 – sleutel 1")
    await bram.says("Breiclub vrijdag")
    tomorrow = bot.clock.now() + timedelta(days=1)  # a key nobody brings
    await bot.core.activities.create(await bot.member_record(bram), new_activity(tomorrow, title="Breiclub"))
    await announce(lotte, "Wie helpt er vrijdag met koken?", audience="Vrijwilligers")  # a reply
    await lotte.presses("Versturen naar")
    await bot.core.outbox.drain()
    await bram.presses("Reageer")
    await bram.says("Ik kan helpen!")
    for purpose, day in (("Koffie en koek", "20 november 2026"), ("Wol", "30 november 2026")):
        await bram.says("/budget")
        await bram.presses("Geld aanvragen")
        await bram.says(purpose)
        await bram.says("40")
        await bram.says(day)
        await bram.presses("Versturen")
    koffie = await bot.core.db.fetch_value("SELECT id FROM budget_requests WHERE purpose = 'Koffie en koek'")
    await bot.core.budget.approve(coordinator, koffie)  # its date passed: the receipt is missing

    items = await Inbox(bot.core).items(coordinator)
    kinds = [item.kind for item in items]
    assert kinds == list(KINDS), kinds  # one of each, in the declared order
    await lotte.says("/open")
    lotte.sees(
        f"{len(KINDS)} dingen wachten op je",
        "Vraag van Anna",
        "Reactie van Bram: Ik kan helpen!",
        "Anna wil een buddy",
        "Bram vraagt Huiskamer 6 – sleutel 1",
        "Niemand brengt de sleutel: Breiclub",
        "Bram vraagt €\u00a040,00: Wol",
        "Bon ontbreekt: Koffie en koek",
        "Karim: twee maanden geen uren",
        "Bladzijde 1 van 2",
    )
    await lotte.presses("▶️")
    lotte.sees("Nieuw lid: Anna")
    await lotte.says("/help")
    lotte.sees(f"{len(KINDS)} dingen wachten op je: /open")
