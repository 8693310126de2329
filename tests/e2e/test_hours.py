"""Volunteer hours through the real bot: logging, my month, chart, away, closing, overview and CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from tests.harness import Harness


async def entries(bot: Harness, person) -> list[tuple[str, int, str]]:
    member = await bot.member_record(person)
    rows = await bot.core.db.fetch_all(
        "SELECT day, minutes, category FROM hours_entries WHERE member_id = ? ORDER BY id", (member.id,)
    )
    return [(r["day"], r["minutes"], r["category"]) for r in rows]


async def test_logging_by_text_in_its_forms(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await anna.says("/uren 2,5 gisteren koffieochtend")
    anna.sees("Klopt dit?", "2,5 uur", "zondag 22 november", "Activiteit", "koffieochtend")
    await anna.presses("Opslaan")
    anna.sees("Opgeslagen", "2,5 uur", "▓")
    await anna.says("/uren 1u45 vandaag")
    anna.sees("1,75 uur", "maandag 23 november", "Wat voor werk")
    await anna.presses("Overleg")
    anna.sees("Klopt dit?", "Overleg")
    draft_message = anna.last[0].message_id
    await anna.presses("Opslaan")
    # A double press on Confirm (the same payload again) saves nothing twice.
    drafts = await bot.core.db.fetch_all("SELECT id FROM hours_drafts WHERE used_at IS NOT NULL ORDER BY id")
    await anna.sends_callback(draft_message, f"hok:{drafts[-1]['id']}")
    anna.sees("al opgeslagen")
    await anna.says("/uren anderhalf uur zaterdag")
    anna.sees("1,5 uur", "zaterdag 21 november")
    await anna.presses("Iets anders")
    await anna.presses("Opslaan")
    await anna.says("/uren 90 min")
    await anna.presses("Voorbereiding")
    await anna.presses("Opslaan")
    await anna.says("/uren 1:30 vrijdag opruimen")
    anna.sees("1,5 uur", "vrijdag 20 november")
    await anna.presses("Opslaan")
    assert await entries(bot, anna) == [
        ("2026-11-22", 150, "activity"),
        ("2026-11-23", 105, "meeting"),
        ("2026-11-21", 90, "other"),
        ("2026-11-23", 90, "preparation"),
        ("2026-11-20", 90, "activity"),
    ]


async def test_bad_input_gets_a_clear_answer_and_saves_nothing(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/uren 0")
    karim.sees("meer dan 0")
    await karim.says("/uren 17")
    karim.sees("hoogstens 16 uur")
    await karim.says("/uren 2 morgen")
    karim.sees("nog niet geweest")
    await karim.says("/uren 2 1 september")
    karim.sees("45 dagen")
    await karim.says("/uren veel")
    karim.sees("begrijp")
    await karim.says("/uren 2.5")
    karim.sees("2,5 uur")
    for _ in range(2):
        await karim.says("/uren 13 gisteren")
        await karim.presses("Activiteit")
        await karim.presses("Opslaan")
    karim.sees("boven de 24 uur")
    assert await entries(bot, karim) == [("2026-11-22", 780, "activity")]


async def test_step_by_step_with_buttons_and_typed_answers(bot: Harness) -> None:
    sanne = await bot.member("Sanne")
    await sanne.says("/uren")
    sanne.sees("November: ░░░░░░░░░░ 0 van 10 uur", "Hoeveel uur")
    assert sanne.button_labels()[:6] == ["0,5", "1", "1,5", "2", "3", "Anders…"]
    await sanne.presses("1,5")
    sanne.sees("Op welke dag")
    await sanne.presses("Eergisteren")
    sanne.sees("Wat voor werk", "Hulp aan een buur", "via de coördinator")
    await sanne.presses("Hulp aan een buur")
    sanne.sees("1,5 uur", "zaterdag 21 november")
    await sanne.presses("Aanpassen")
    await sanne.presses("Dag")
    await sanne.presses("Andere dag")
    sanne.sees("Typ de dag")
    await sanne.says("blabla")
    sanne.sees("Welke dag bedoel je")
    await sanne.says("14 november")
    sanne.sees("Klopt dit?", "zaterdag 14 november")
    await sanne.presses("Opslaan")
    await sanne.says("/uren")
    await sanne.presses("Anders")
    sanne.sees("Typ hoeveel uur")
    await sanne.says("veel")
    sanne.sees("begrijp")
    await sanne.says("45 min")
    await sanne.presses("Vandaag")
    await sanne.presses("Overleg")
    await sanne.presses("Opslaan")
    assert await entries(bot, sanne) == [("2026-11-14", 90, "one_to_one"), ("2026-11-23", 45, "meeting")]
    # A command leaves a typed question: the next text is not taken as hours.
    await sanne.says("/uren")
    await sanne.presses("Anders")
    await sanne.says("/help")
    await sanne.says("2")
    sanne.does_not_see("Op welke dag")


async def test_my_month_edit_delete_away_and_chart(bot: Harness) -> None:
    yusuf = await bot.member("Yusuf")
    await yusuf.says("/uren 6 gisteren spelletjesavond")
    await yusuf.presses("Opslaan")
    await yusuf.says("/uren 1 vandaag vergadering")
    await yusuf.presses("Opslaan")
    await yusuf.says("/uren")
    await yusuf.presses("Mijn maand")
    yusuf.sees(
        "Jouw uren in november 2026", "November: ▓▓▓▓▓▓▓░░░ 7 van 10 uur", "spelletjesavond", "vergadering"
    )
    await yusuf.presses("✏️ ma 23 nov")
    yusuf.sees("Je past deze uren aan", "1 uur")
    await yusuf.presses("Aanpassen")
    await yusuf.presses("Uren")
    await yusuf.presses("2")
    await yusuf.presses("Opslaan")
    yusuf.sees("Aangepast", "2 uur", "November: ▓▓▓▓▓▓▓▓░░ 8 van 10 uur")
    await yusuf.says("/uren")
    await yusuf.presses("Mijn maand")
    await yusuf.presses("🗑")
    yusuf.sees("Weet je het zeker?", "6 uur")
    await yusuf.presses("Ja, weghalen")
    yusuf.sees("Weggehaald")
    assert await entries(bot, yusuf) == [("2026-11-23", 120, "meeting")]

    await yusuf.says("/uren")
    await yusuf.presses("Mijn maand")
    await yusuf.presses("Afwezig deze maand")
    yusuf.sees("afwezig in november 2026", "2 uur")
    yusuf.sees("November: 2 uur")
    yusuf.does_not_see("van 10 uur")
    status = await bot.core.hours.month_status((await bot.member_record(yusuf)).id, "2026-11")
    assert status.away and status.target_minutes == 0
    await yusuf.presses("Toch niet afwezig")
    yusuf.sees("weer 10 uur", "November: ▓▓░░░░░░░░ 2 van 10 uur")

    await yusuf.presses("Grafiek")
    photo = yusuf.chat[-1]
    assert photo.photo is not None and photo.photo.startswith(b"\x89PNG\r\n\x1a\n")
    assert "12 maanden" in photo.text


async def test_a_volunteer_never_sees_anothers_hours(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await anna.says("/uren 3 gisteren koffieochtend")
    await anna.presses("Opslaan")
    entry_id = await bot.core.db.fetch_value("SELECT id FROM hours_entries")
    await karim.says("/overzicht")
    karim.sees("Dat mag alleen een coördinator doen")
    message_id = karim.chat[-1].message_id
    for payload in (f"hdel:{entry_id}", f"hdelok:{entry_id}", f"hedit:{entry_id}"):
        await karim.sends_callback(message_id, payload)
        karim.sees("niet jouw uren")
        karim.does_not_see("koffieochtend", "3 uur")
    draft_id = await bot.core.db.fetch_value("SELECT max(id) FROM hours_drafts")
    await karim.sends_callback(message_id, f"hok:{draft_id}")
    karim.does_not_see("koffieochtend")
    await karim.sends_callback(message_id, "hcsv:2026-11")
    karim.sees("Dat mag alleen een coördinator doen")
    assert await entries(bot, anna) == [("2026-11-22", 180, "activity")]


async def test_coordinator_overview_csv_and_closing_a_month(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await bot.member("Sanne")
    await anna.says("/uren 2,5 gisteren koffieochtend")
    await anna.presses("Opslaan")
    await karim.says("/uren")
    await karim.presses("Mijn maand")
    await karim.presses("Afwezig deze maand")

    await lotte.says("/overzicht")
    lotte.sees(
        "Uren in november 2026", "▓▓▓░░░░░░░ Anna: 2,5 / 10 uur", "Karim: afwezig", "Twee maanden geen uren"
    )
    text = lotte.sees("Sanne")
    silent = text.split("Twee maanden geen uren")[1]
    assert "Sanne" in silent and "Lotte" in silent and "Anna" not in silent and "Karim" not in silent

    await lotte.presses("Doelen aanpassen")
    await lotte.presses("Anna")
    await lotte.presses("6 uur")
    lotte.sees("Het doel van Anna is nu 6 uur")

    await lotte.says("/overzicht")
    await lotte.presses("CSV")
    document = lotte.chat[-1]
    assert document.document is not None and document.file_name == "uren-2026-11.csv"
    assert document.document.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.document.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Naam", "Maand", "Uren", "Doel", "Afwezig", "Aantal keer"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Anna"] == ["Anna", "2026-11", "2,50", "6,00", "nee", "1"]
    assert by_name["Karim"][3:5] == ["0,00", "ja"]

    await lotte.says("/maandsluiten")
    await lotte.presses("november 2026")
    lotte.sees("Weet je het zeker?")
    await lotte.presses("Ja, sluit")
    lotte.sees("november 2026 is gesloten")

    await anna.says("/uren 1 vandaag")
    await anna.presses("Activiteit")
    await anna.presses("Opslaan")
    anna.sees("al afgesloten")
    await anna.says("/uren")
    await anna.presses("Mijn maand")
    anna.sees("Deze maand is afgesloten")
    entry_id = await bot.core.db.fetch_value("SELECT id FROM hours_entries")
    await anna.sends_callback(anna.chat[-1].message_id, f"hdelok:{entry_id}")
    anna.sees("al afgesloten")

    # A coordinator may still change it; the change is audited.
    await lotte.says("/uren 1 gisteren overleg")
    await lotte.presses("Opslaan")
    lotte.sees("Opgeslagen")
    await lotte.sends_callback(lotte.chat[-1].message_id, f"hdel:{entry_id}")
    await lotte.presses("Ja, weghalen")
    lotte.sees("Weggehaald")
    actions = [r["action"] for r in await bot.core.db.fetch_all("SELECT action FROM hours_audit ORDER BY id")]
    assert actions == ["close", "add", "delete"]


async def test_closed_month_error_is_clear_next_month_is_open(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/maandsluiten")
    await lotte.presses("oktober 2026")
    await lotte.presses("Ja, sluit")
    bot.clock.advance(timedelta(days=10))
    await lotte.says("/overzicht")
    lotte.sees("december 2026")
