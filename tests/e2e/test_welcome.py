"""A newcomer from the invite link through the welcome story, a buddy, and the coordinator's view."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import Harness, Person
from tests.harness_config import INVITE
from tests.unit.activity_helpers import new_activity


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def test_newcomer_walks_the_welcome_from_the_invite_link(bot: Harness) -> None:
    sanne = await bot.stranger("Sanne")
    await sanne.says(f"/start {INVITE}")
    await sanne.says("Sanne")
    await sanne.presses("Nederlands")
    sanne.sees("Je bent nu lid van Buren voor Buren, Sanne!", "stap 1 van 6", "Welkom bij Buren voor Buren")
    assert "Later" in " ".join(sanne.button_labels())

    await sanne.presses("Verder")
    sanne.sees("stap 2 van 6", "10 uur per maand")
    await sanne.presses("Terug")
    sanne.sees("stap 1 van 6")
    await sanne.presses("Verder")
    await sanne.presses("Verder")
    sanne.sees("stap 3 van 6", "portiek 6 en 7", "niet toegankelijk")

    # Typing during a step: an answer from /wegwijs, and a way back into the story.
    await sanne.says("waar haal ik de sluetel")
    sanne.sees("Hoe krijg ik een sleutel?")
    await sanne.presses("Verder met het welkomstverhaal")
    sanne.sees("stap 3 van 6")

    await sanne.presses("Later")
    sanne.sees("tot later", "/welkom")
    member = await bot.member_record(sanne)
    row = await bot.core.db.fetch_one(
        "SELECT step, state FROM welcome_progress WHERE member_id = ?", (member.id,)
    )
    assert row is not None and (row["step"], row["state"]) == (2, "later")
    # After "later", typed text is no longer taken as part of the story.
    await sanne.says("hallo")
    sanne.does_not_see("welkomstverhaal")

    await sanne.says("/welkom")
    sanne.sees("stap 3 van 6")
    stale_copy = sanne.chat[-1].message_id
    await sanne.says("/welkom")
    for _ in range(3):
        await sanne.presses("Verder")
    sanne.sees("stap 6 van 6", "Waar begin ik?", "geen open taken")
    assert "Later" not in " ".join(sanne.button_labels())
    await sanne.presses("Klaar")
    sanne.sees("Klaar! Nu weet je hoe het werkt")
    assert await bot.core.onboarding.has_finished_welcome(member.id)

    # The older copy of the story still has buttons: pressing one explains itself.
    labels = [b.text for m in sanne.chat if m.message_id == stale_copy for row in m.buttons for b in row]
    assert any("Verder" in label for label in labels)
    await sanne.presses("Verder")
    sanne.sees("al uitgelezen", "/welkom")

    # Reading again starts at the beginning, as a new reading.
    await sanne.says("/welkom")
    sanne.sees("stap 1 van 6")
    await sanne.sends_callback(sanne.chat[-1].message_id, "wgo:1:2")
    sanne.sees("oudere versie")


async def test_welcome_in_english(bot: Harness) -> None:
    sam = await bot.stranger("Sam", language_code="en")
    await sam.says(f"/start {INVITE}")
    await sam.says("Sam")
    await sam.presses("English")
    sam.sees("You are now a member", "step 1 of 6", "Welcome to Buren voor Buren")
    await sam.presses("Next")
    sam.sees("about 10 hours a month")


async def test_buddy_paired_by_a_coordinator_or_offered_by_a_volunteer(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne", role="newcomer")
    yusuf = await bot.member("Yusuf", role="newcomer")

    await sanne.says("/buddy")
    sanne.sees("Wil je een buddy?")
    await sanne.presses("graag een buddy")
    sanne.sees("De coördinator zoekt een buddy voor je")
    await sanne.says("/buddy")
    sanne.sees("We zoeken nog een buddy")
    assert "Sanne is nieuw en vraagt om een buddy" in last_text(lotte)

    await lotte.presses("Koppel een buddy")
    lotte.sees("Wie wordt de buddy van Sanne?")
    assert "Karim" in lotte.button_labels()
    assert "Sanne" not in lotte.button_labels() and "Yusuf" not in lotte.button_labels()
    await lotte.presses("Karim")
    lotte.sees("Karim is nu buddy van Sanne")
    assert "Je hebt een buddy: Karim" in last_text(sanne)
    assert "Je bent nu buddy van Sanne" in last_text(karim)
    await sanne.says("/buddy")
    sanne.sees("Je buddy is Karim")

    # Yusuf asks from the end of the welcome story; Karim offers from /buddy.
    await yusuf.says("/welkom")
    for _ in range(5):
        await yusuf.presses("Verder")
    await yusuf.presses("Ik wil graag een buddy")
    yusuf.sees("De coördinator zoekt een buddy voor je")
    await karim.says("/buddy")
    karim.sees("Je bent buddy van Sanne", "zoeken een buddy", "Yusuf")
    await karim.presses("Ik word buddy van Yusuf")
    karim.sees("Dank je wel! Je bent nu buddy van Yusuf")
    assert "Je hebt een buddy: Karim" in last_text(yusuf)
    # The coordinator's older "pair" button for Yusuf explains itself.
    await lotte.presses("Koppel een buddy")
    lotte.sees("Yusuf heeft al een buddy: Karim")
    await yusuf.presses("Ik wil graag een buddy")
    yusuf.sees("Je hebt al een buddy: Karim")

    # The newcomer's first claimed task is told to the buddy, once.
    organiser = await bot.member_record(lotte)
    start = bot.core.local_now() + timedelta(days=2)
    tasks = (("Koffie zetten", 2), ("Afwassen", 2))
    await bot.core.activities.create(organiser, new_activity(start, tasks=tasks))
    await sanne.says("/agenda")
    await sanne.presses("Spelletjesavond")
    await sanne.presses("Ik doe mee: Koffie zetten")
    assert "Sanne heeft de eerste taak gekozen: Koffie zetten" in last_text(karim)
    told = len(karim.chat)
    await sanne.presses("Ik doe mee: Afwassen")
    sanne.sees("Gelukt")
    assert len(karim.chat) == told

    # The coordinator sees it all; a volunteer may not.
    await lotte.says("/nieuwkomers")
    lotte.sees("2 nieuwe leden", "Sanne", "Yusuf", "buddy: Karim", "met een buddy: 2")
    lotte.does_not_see("Lotte", "<b>Karim")
    await karim.says("/nieuwkomers")
    karim.sees("alleen een coördinator")


async def test_newcomers_overview_shows_welcome_and_only_the_last_30_days(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/welkom")
    for _ in range(5):
        await anna.presses("Verder")
    await anna.presses("Klaar")
    await lotte.says("/nieuwkomers")
    lotte.sees("1 nieuw lid", "Anna", "welkom ✅", "geen buddy", "Welkom uitgelezen: 1 van 1")
    bot.clock.advance(timedelta(days=31))
    await lotte.says("/nieuwkomers")
    lotte.sees("geen nieuwe leden")


async def test_from_the_invite_link_through_the_welcome_to_a_first_task_that_tells_the_buddy(
    bot: Harness,
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    start = bot.clock.now() + timedelta(days=3)
    await bot.core.activities.create(
        await bot.member_record(lotte),
        new_activity(start, title="Koffieochtend", tasks=(("koffie zetten", 2),)),
    )
    sanne = await bot.stranger("Sanne")
    await sanne.says(f"/start {INVITE}")
    await sanne.says("Sanne")
    await sanne.presses("Nederlands")
    for _ in range(5):
        await sanne.presses("Verder")
    sanne.sees("stap 6 van 6", "Waar begin ik?", "Koffieochtend")
    await sanne.presses("graag een buddy")
    await lotte.presses("Koppel een buddy")
    await lotte.presses("Karim")
    await sanne.says("/welkom")
    await sanne.presses("koffie zetten")
    sanne.sees("Gelukt")
    assert len(await bot.core.activities.upcoming_claims((await bot.member_record(sanne)).id)) == 1
    assert any("Sanne" in m.text and "koffie zetten" in m.text for m in karim.chat)
