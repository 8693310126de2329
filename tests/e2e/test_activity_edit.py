"""Editing an activity (issue 16, point 4): name, description, tasks and places, a preview before the
people on it are told, and a cancel that says why."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.config import Config
from tests.harness import Harness, Person, restart_bot, start_harness, stop_harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)  # clear of the end-of-month nudge


async def _activity(bot: Harness, organiser: Person, title: str, tasks: tuple[tuple[str, int], ...]) -> int:
    member = await bot.member_record(organiser)
    (activity_id,) = await bot.core.activities.create(
        member, new_activity(THURSDAY, title=title, tasks=tasks)
    )
    return activity_id


async def _notices(bot: Harness) -> int:
    return int(
        await bot.core.db.fetch_value("SELECT count(*) FROM outbox WHERE kind LIKE 'notice.activity_changed'")
    )


async def test_renamed_activity_with_a_new_task_is_previewed_sent_claimed_and_reminded(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    await _activity(bot, anna, "Kerstdiner", (("koken", 2),))
    await karim.says("/agenda")
    await karim.presses("Kerstdiner")
    await karim.presses("Ik doe mee: koken")

    await anna.says("/agenda")
    await anna.presses("Kerstdiner")
    await anna.presses("Aanpassen")
    anna.sees("Wat wil je veranderen aan Kerstdiner?")
    await anna.presses("Naam")
    await anna.says("Kerstdiner voor de hele flat")
    anna.sees("Wat wil je veranderen aan Kerstdiner voor de hele flat?", "nog niet opgeslagen")
    await anna.presses("Taken en plekken")
    assert "koken (1 van 2)" in anna.button_labels()
    await anna.presses("Taak toevoegen")
    await anna.says("afwassen 3")
    anna.sees("afwassen: 3 plekken")
    await anna.presses("Terug")
    before = len(karim.chat)
    await anna.presses("Klaar")
    anna.sees(
        "Zo ziet het bericht eruit",
        "Nieuwe naam: Kerstdiner voor de hele flat (was: Kerstdiner)",
        "Nieuwe taak: afwassen (3 plekken)",
        "Dit sturen we naar 1 persoon: Karim",
    )
    assert anna.button_labels() == ["📨 Versturen", "Niet sturen", "✏️ Aanpassen"]
    assert len(karim.chat) == before  # nothing sent before "Versturen"
    assert await bot.core.db.fetch_value("SELECT title FROM activities") == "Kerstdiner"

    await anna.presses("Versturen")
    anna.sees("Kerstdiner voor de hele flat is aangepast. 1 persoon kreeg een bericht.")
    assert "Nieuwe taak: afwassen" in karim.chat[-1].text
    assert "Kerstdiner voor de hele flat" in karim.chat[-1].text

    await sanne.says("/agenda")
    sanne.sees("Kerstdiner voor de hele flat")
    await sanne.presses("Kerstdiner voor de hele flat")
    await sanne.presses("Ik doe mee: afwassen")
    sanne.sees("Gelukt", "afwassen: Sanne (nog 2 plekken)")

    bot.clock.set(THURSDAY - timedelta(hours=23, minutes=50))
    await bot.run_jobs()
    sanne.sees("Kerstdiner voor de hele flat", "afwassen")


async def test_a_change_nobody_is_on_says_so_and_sends_nothing(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await _activity(bot, anna, "Breiclub", (("uitleg", 2),))
    await anna.says("/agenda")
    await anna.presses("Breiclub")
    await anna.presses("Aanpassen")
    await anna.presses("Beschrijving")
    await anna.says("Neem je eigen breinaalden mee.")
    await anna.presses("Klaar")
    anna.sees("Er doet nog niemand mee. Daarom sturen we geen bericht.")
    assert "📨 Versturen" not in anna.button_labels()
    await anna.presses("Opslaan")
    anna.sees("Niemand kreeg een bericht")
    assert await _notices(bot) == 0
    await anna.says("/agenda")
    await anna.presses("Breiclub")
    anna.sees("Neem je eigen breinaalden mee.")


async def test_places_never_below_the_people_on_it_and_only_empty_tasks_go(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    activity_id = await _activity(bot, anna, "Kinderatelier", (("begeleiden", 3), ("opruimen", 1)))
    for person in (karim, sanne):
        await person.says("/agenda")
        await person.presses("Kinderatelier")
        await person.presses("Ik doe mee: begeleiden")

    await anna.says("/agenda")
    await anna.presses("Kinderatelier")
    await anna.presses("Aanpassen")
    await anna.presses("Taken en plekken")
    await anna.presses("begeleiden (2 van 3)")
    assert "🗑 Taak weghalen" not in anna.button_labels()  # two people are on it
    await anna.presses("Aantal plekken")
    await anna.says("1")
    anna.sees("Kies minstens 2 plekken")
    await anna.says("2")
    assert "begeleiden (2 van 2)" in anna.button_labels()
    await anna.presses("opruimen (0 van 1)")
    await anna.presses("Taak weghalen")
    assert not any("opruimen" in label for label in anna.button_labels())
    await anna.presses("Terug")
    await anna.presses("Klaar")
    anna.sees("Taak weg: opruimen", "begeleiden: nu 2 plekken", "Dit sturen we naar 2 mensen: Karim, Sanne")
    before = (len(karim.chat), len(sanne.chat))
    await anna.presses("Niet sturen")
    anna.sees("Niemand kreeg een bericht")
    assert (len(karim.chat), len(sanne.chat)) == before
    detail = await bot.core.activities.detail(activity_id)
    assert [(t.title, t.places) for t in detail.tasks] == [("begeleiden", 2)]


async def test_only_the_organiser_or_coordinator_sees_aanpassen(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    lotte = await bot.member("Lotte", role="coordinator")
    await _activity(bot, anna, "Koffieochtend", (("koffie zetten", 1),))
    await karim.says("/agenda")
    await karim.presses("Koffieochtend")
    assert "✏️ Aanpassen" not in karim.button_labels()
    await lotte.says("/agenda")
    await lotte.presses("Koffieochtend")
    await lotte.presses("Aanpassen")
    await lotte.presses("Naam")
    await lotte.says("Koffieochtend met taart")
    await lotte.presses("Klaar")
    lotte.sees("Dit sturen we naar 1 persoon: Anna")  # the organiser hears of a coordinator's change
    await lotte.presses("Versturen")
    assert "Koffieochtend met taart" in anna.chat[-1].text


async def test_cancel_with_a_typed_reason_shows_in_agenda_and_reaches_the_people(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    emma = await bot.member("Emma", language="en")
    await _activity(bot, anna, "Regenboogcafé", (("bar", 3),))
    for person in (karim, emma):
        await person.says("/agenda")
        await person.presses("Regenboogcafé")
        await person.presses("bar")
    await anna.says("/agenda")
    await anna.presses("Regenboogcafé")
    await anna.presses("Afzeggen")
    anna.sees("Waarom gaat Regenboogcafé niet door?")
    await anna.says("De verwarming is kapot")
    anna.sees("Weet je het zeker?", "Reden: De verwarming is kapot")
    await anna.presses("Ja, afzeggen")
    anna.sees("gaat niet door")
    assert "Reden: De verwarming is kapot" in karim.chat[-1].text
    assert "Reason: De verwarming is kapot" in emma.chat[-1].text
    await karim.says("/agenda")
    karim.sees("Regenboogcafé – gaat niet door: De verwarming is kapot")


async def test_a_preset_reason_is_said_in_each_readers_language(bot: Harness) -> None:
    anna = await bot.member("Anna")
    emma = await bot.member("Emma", language="en")
    await _activity(bot, anna, "Zwerfafval prikken", (("prikken", 5),))
    await emma.says("/agenda")
    await emma.presses("Zwerfafval prikken")
    await emma.presses("prikken")
    await anna.says("/agenda")
    await anna.presses("Zwerfafval prikken")
    await anna.presses("Afzeggen")
    await anna.presses("Het weer is te slecht")
    await anna.presses("Ja, afzeggen")
    assert "Reason: The weather is too bad" in emma.chat[-1].text
    await emma.says("/agenda")
    emma.sees("cancelled: The weather is too bad")


async def test_cancel_without_a_reason_and_keep(bot: Harness) -> None:
    anna = await bot.member("Anna")
    activity_id = await _activity(bot, anna, "Huiswerkhulp", (("uitleg", 2),))
    await anna.says("/agenda")
    await anna.presses("Huiswerkhulp")
    await anna.presses("Afzeggen")
    await anna.presses("Nee, laat staan")
    anna.sees("blijft staan")
    assert not (await bot.core.activities.get(activity_id)).cancelled
    await anna.says("/agenda")
    await anna.presses("Huiswerkhulp")
    await anna.presses("Afzeggen")
    await anna.presses("Geen reden geven")
    anna.does_not_see("Reden:")
    await anna.presses("Ja, afzeggen")
    anna.sees("niemand kreeg een bericht")
    await anna.says("/agenda")
    anna.sees("Huiswerkhulp – gaat niet door")
    anna.does_not_see("gaat niet door:")


async def test_the_group_post_follows_a_new_name_and_a_new_task(config: Config, clock: ManualClock) -> None:
    group_id = -4243
    config = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, group_chat_id=group_id)
    )
    bot = await start_harness(config, clock=clock)
    try:
        anna = await bot.member("Anna")
        bot.sim.add_group("Buren voor Buren", [anna.user_id], chat_id=group_id)
        await anna.says("/nieuw")
        await anna.says("Koffieochtend")
        await anna.says("zaterdag 10:00-12:00")
        await anna.presses("portiek 6")
        await anna.presses("Iedereen")
        await anna.presses("Ja")
        await anna.presses("Eén keer")
        await anna.says("koffie zetten 1")
        await anna.says("klaar")
        await anna.presses("Opslaan")
        await anna.says("/agenda")
        await anna.presses("Koffieochtend")
        await anna.presses("Aanpassen")
        await anna.presses("Naam")
        await anna.says("Koffieochtend met taart")
        await anna.presses("Taken en plekken")
        await anna.presses("Taak toevoegen")
        await anna.says("taart bakken 2")
        await anna.presses("Terug")
        await anna.presses("Klaar")
        await anna.presses("Opslaan")
        (post,) = [m for m in bot.sim.chat_view(group_id) if m.from_bot]
        assert "Koffieochtend met taart" in post.text and "nog 3 plekken" in post.text
    finally:
        await stop_harness(bot)


async def test_changes_waiting_for_the_preview_survive_a_restart(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await _activity(bot, anna, "Zinvol gesprek", (("gastvrouw", 1),))
    await karim.says("/agenda")
    await karim.presses("Zinvol gesprek")
    await karim.presses("Ik doe mee")
    await anna.says("/agenda")
    await anna.presses("Zinvol gesprek")
    await anna.presses("Aanpassen")
    await anna.presses("Naam")
    await anna.says("Zinvol gesprek over wonen")
    await restart_bot(bot)
    await anna.presses("Klaar")
    anna.sees("Nieuwe naam: Zinvol gesprek over wonen", "Dit sturen we naar 1 persoon: Karim")
    await anna.presses("Aanpassen")
    anna.sees("Wat wil je veranderen aan Zinvol gesprek over wonen?")
    await anna.presses("Stoppen")
    anna.sees("Er is niets veranderd")
    assert await bot.core.db.fetch_value("SELECT title FROM activities") == "Zinvol gesprek"
