"""/nieuw through the real bot: typed Dutch times, back/cancel, bad input, rooms, recurring, edit, cancel."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.config import AccessConfig
from handlers.activities.draft import NW
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.harness_config import AMSTERDAM, make_config
from tests.unit.activity_helpers import new_activity


async def _create(bot: Harness, person, *, title="Spelletjesavond", when="donderdag 19:30", room="portiek 6"):  # type: ignore[no-untyped-def]
    await person.says("/nieuw")
    await person.says(title)
    await person.says(when)
    if "Hoe laat is het afgelopen" in person.sees():
        await person.presses("Na 2 uur")
    await person.presses(room)
    await person.presses("Iedereen")
    await person.presses("Ja")
    await person.presses("Eén keer")
    await person.says("opbouwen 2")
    await person.says("klaar")
    await person.presses("Opslaan")


async def test_create_with_typed_dutch_time_back_and_bad_input(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await anna.says("/nieuw")
    anna.sees("Hoe heet de activiteit?")
    await anna.says("x" * 101)
    anna.sees("hoogstens 100 tekens")
    await anna.says("Spelletjesavond")
    anna.sees("Wanneer is het?")
    await anna.says("31 november 19:30")
    anna.sees("Die datum bestaat niet")
    await anna.says("gisteren 19:30")
    anna.sees("al voorbij")
    await anna.says("donderdag om half acht 's avonds")
    anna.sees("Het begint donderdag 26 november, 19:30", "Hoe laat is het afgelopen?")
    await anna.says("19:00")
    anna.sees("einde moet na het begin")
    await anna.presses("Na 2 uur (tot 21:30)")
    anna.sees("donderdag 26 november, 19:30–21:30", "Waar is het?")
    await anna.presses("Terug")
    anna.sees("Hoe laat is het afgelopen?")
    await anna.says("22:00")
    anna.sees("donderdag 26 november, 19:30–22:00")
    await anna.presses("Ergens anders")
    await anna.says("voor de flat")
    await anna.presses("Kinderen")
    anna.sees("sleutel")
    await anna.presses("Nee")
    await anna.presses("Eén keer")
    await anna.says("opbouwen 0")
    anna.sees("tussen 1 en 50")
    await anna.says("opbouwen twee")
    anna.sees("Typ een taak met het aantal plekken")
    await anna.says("klaar")
    anna.sees("Voeg eerst minstens één taak toe")
    assert await bot.core.db.fetch_value("SELECT count(*) FROM activities") == 0
    await anna.says("opbouwen 2")
    await anna.says("begeleiden 3")
    await anna.presses("Klaar met taken")
    anna.sees("Klopt dit?", "Spelletjesavond", "voor de flat", "opbouwen: 2", "begeleiden: 3")
    await anna.presses("Opslaan")
    anna.sees("staat in de agenda")
    rows = await bot.core.db.fetch_all("SELECT title, place, audience, needs_key, starts_at FROM activities")
    assert [tuple(r) for r in rows] == [
        ("Spelletjesavond", "voor de flat", "children", 0, "2026-11-26T18:30:00+00:00")
    ]


async def test_cancel_and_command_leave_the_flow_without_saving(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await anna.says("/nieuw")
    await anna.says("Breiclub")
    await anna.presses("Stoppen")
    anna.sees("niets opgeslagen")
    await anna.says("/nieuw")
    await anna.says("Breiclub")
    await anna.says("/mijn")
    anna.sees("nog geen taken")
    await anna.says("morgen 15:00")
    anna.does_not_see("Waar is het")
    assert await bot.core.db.fetch_value("SELECT count(*) FROM activities") == 0


async def test_room_overlap_offers_other_room_and_coordinator_override(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await _create(bot, anna)
    karim = await bot.member("Karim")
    await karim.says("/nieuw")
    await karim.says("Breiclub")
    await karim.says("donderdag 20:00-22:00")
    await karim.presses("portiek 6")
    karim.sees("al bezet door", "Spelletjesavond")
    assert "Toch boeken (coördinator)" not in karim.button_labels()
    await karim.presses("Neem Huiskamer portiek 7")
    karim.sees("Voor wie is het?")
    await karim.presses("Volwassenen")
    await karim.presses("Ja")
    await karim.presses("Eén keer")
    await karim.says("koffie zetten 1")
    await karim.says("klaar")
    await karim.presses("Opslaan")
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/nieuw")
    await lotte.says("Overleg")
    await lotte.says("donderdag 20:00-21:00")
    await lotte.presses("portiek 7")
    lotte.sees("Breiclub")
    await lotte.presses("Toch boeken")
    lotte.sees("Voor wie is het?")
    places = [r[0] for r in await bot.core.db.fetch_all("SELECT place FROM activities ORDER BY id")]
    assert places == ["huiskamer6", "huiskamer7"]


async def _finish_and_list_places(bot: Harness, person: Person, task: str) -> list[str]:
    """The rest of /nieuw after the room (adults, a task, once, saved); every activity's place after."""
    await person.presses("Volwassenen")
    await person.presses("Ja")
    await person.presses("Eén keer")
    await person.says(task)
    await person.says("klaar")
    await person.presses("Opslaan")
    return [r[0] for r in await bot.core.db.fetch_all("SELECT place FROM activities ORDER BY id")]


async def test_a_forged_override_by_a_volunteer_names_the_real_rule_and_books_nothing(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await _create(bot, anna)
    karim = await bot.member("Karim")
    await karim.says("/nieuw")
    await karim.says("Breiclub")
    await karim.says("donderdag 20:00-22:00")
    await karim.presses("portiek 6")
    karim.sees("al bezet door")
    question = karim.chat[-1].message_id
    await karim.sends_callback(question, NW.encode("override"))  # the button only a coordinator gets
    karim.sees("Alleen een coördinator kan een bezette huiskamer toch boeken")
    karim.does_not_see("Voor wie is het?")
    await karim.presses("Neem Huiskamer portiek 7")  # the real question still works
    karim.sees("Voor wie is het?")
    assert await _finish_and_list_places(bot, karim, "koffie zetten 1") == ["huiskamer6", "huiskamer7"]


async def test_a_stale_override_press_says_it_belongs_to_an_old_question(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await _create(bot, anna)
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/nieuw")
    await lotte.says("Overleg")
    await lotte.says("donderdag 20:00-21:00")
    await lotte.presses("portiek 6")
    lotte.sees("al bezet door")
    conflict = lotte.chat[-1].message_id
    await lotte.presses("Neem Huiskamer portiek 7")
    lotte.sees("Voor wie is het?")
    # The flow moved on: the override on the old question must not book portiek 6 after all.
    await lotte.sends_callback(conflict, NW.encode("override"))
    lotte.sees("Deze knop hoort bij een oude vraag")
    assert await _finish_and_list_places(bot, lotte, "notuleren 1") == ["huiskamer6", "huiskamer7"]


async def test_a_forged_override_without_a_conflict_books_no_empty_place(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/nieuw")
    await lotte.says("Overleg")
    await lotte.says("donderdag 20:00-21:00")
    lotte.sees("Waar is het")
    await lotte.sends_callback(lotte.chat[-1].message_id, NW.encode("override"))  # no room was taken
    lotte.sees("Deze knop hoort bij een oude vraag")
    lotte.does_not_see("Voor wie is het?")
    await lotte.presses("portiek 7")
    lotte.sees("Voor wie is het?")
    assert await bot.core.db.fetch_value("SELECT count(*) FROM activities") == 0


async def test_recurring_series_and_moving_one_occurrence(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await anna.says("/nieuw")
    await anna.says("Huiswerkbegeleiding")
    await anna.says("woensdag 15:00-17:00")
    await anna.presses("portiek 7")
    await anna.presses("Kinderen")
    await anna.presses("Ja")
    await anna.presses("Om de week")
    await anna.says("veel")
    anna.sees("Typ een getal")
    await anna.says("4")
    await anna.says("helpen 3")
    await anna.says("klaar")
    anna.sees("Om de week (4 keer)")
    await anna.presses("Opslaan")
    anna.sees("4 keer in de agenda")
    rows = await bot.core.db.fetch_all("SELECT id, starts_at, occurrence FROM activities ORDER BY starts_at")
    assert [r["starts_at"][:10] for r in rows] == ["2026-11-25", "2026-12-09", "2026-12-23", "2027-01-06"]
    await anna.says("/agenda")
    await anna.presses("Huiswerkbegeleiding")
    await anna.presses("Tijd wijzigen")
    await anna.says("donderdag 15:00-17:00")
    anna.sees("Nieuwe tijd: donderdag 26 november, 15:00–17:00")
    await anna.presses("Opslaan")
    rows = await bot.core.db.fetch_all("SELECT starts_at FROM activities ORDER BY id")
    assert [r[0][:10] for r in rows] == ["2026-11-26", "2026-12-09", "2026-12-23", "2027-01-06"]


async def test_a_volunteer_may_make_a_limited_number_of_activities_a_week(
    tmp_path: Path, clock: ManualClock
) -> None:
    config = make_config(tmp_path)
    default = AccessConfig.activities_per_week
    config = dataclasses.replace(
        config, access=dataclasses.replace(config.access, activities_per_week=default)
    )
    bot = await start_harness(config, clock=clock)
    try:
        karim = await bot.member("Karim")
        member = await bot.member_record(karim)
        for day in range(default):
            start = datetime(2026, 11, 24, 14, 0, tzinfo=AMSTERDAM) + timedelta(days=day)
            await bot.core.activities.create(member, new_activity(start, place="buiten"))
        await karim.says("/nieuw")  # refused before the first question, not after the last
        karim.sees(f"deze week al {default} activiteiten")
        karim.does_not_see("Hoe heet")
        bot.clock.advance(timedelta(days=8))
        await karim.says("/nieuw")
        karim.does_not_see("deze week al")
    finally:
        await stop_harness(bot)
