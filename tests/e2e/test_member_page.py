"""/leden as buttons: a member's page, and the coordinator fixing that member's hours (closed month too)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from telegram.constants import MessageLimit

from bot.callbacks import MAX_BYTES
from tests.harness import Harness, Person
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import make_member, new_activity


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def test_member_page_and_hours_fixed_in_a_closed_month_with_the_member_told(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    coordinator = await bot.member_record(lotte)
    await anna.says("/uren 2 gisteren koffieochtend")
    await anna.presses("Opslaan")
    thursday = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
    await bot.core.activities.create(await bot.member_record(karim), new_activity(thursday))
    await anna.says("/agenda")
    await anna.presses("Spelletjesavond")
    await anna.presses("Ik doe mee: opbouwen")
    key = await bot.core.keys.add_key(coordinator, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(anna)).id)

    await lotte.says("/leden")
    lotte.sees("3 leden")
    assert {"Anna", "Karim", "Lotte"} <= set(lotte.button_labels())
    await lotte.presses("Anna")
    lotte.sees(
        "Anna",
        "Rol: vrijwilliger",
        "Uren in november 2026: ▓▓░░░░░░░░ 2 van 10",
        "Spelletjesavond: opbouwen",
        "Heeft: Huiskamer 6 – sleutel 1",
        "Geen buddy",
    )
    assert "⭐ Coördinator maken" in lotte.button_labels()
    await lotte.presses("Uit de groep halen")
    lotte.sees("Anna")  # the existing confirmation, nothing removed yet
    await lotte.presses("Annuleren")

    # December: November is closed, then Lotte fixes Anna's hours of 22 November.
    bot.clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=AMSTERDAM))
    assert await bot.core.hours_overview.close_month(coordinator, "2026-11")
    await lotte.says("/leden")
    await lotte.presses("Anna")
    await lotte.presses("Uren bekijken")
    lotte.sees("Uren van Anna in december 2026", "Nog geen uren")
    await lotte.presses("◀️")
    lotte.sees("november 2026", "gesloten", "zo 22 nov: 2 uur")
    await lotte.presses("✏️ zo 22 nov")
    await lotte.presses("1,5")
    lotte.sees("2 → 1,5 uur", "Anna krijgt hier bericht over")
    assert "aangepast" not in last_text(anna)  # nothing changes before the confirmation
    await lotte.presses("Opslaan")
    lotte.sees("Aangepast", "zo 22 nov: 1,5 uur")
    assert "Lotte heeft je uren op zondag 22 november aangepast: 2 → 1,5 uur" in last_text(anna)

    # Adding hours in the closed month, then deleting the corrected entry.
    await lotte.presses("Uren toevoegen")
    await lotte.presses("20")
    await lotte.presses("2,5")
    await lotte.presses("Overleg")
    lotte.sees("2,5 uur voor Anna op vr 20 nov (Overleg)")
    await lotte.presses("Opslaan")
    lotte.sees("Toegevoegd", "vr 20 nov: 2,5 uur, Overleg")
    assert "Lotte heeft 2,5 uur voor je geschreven op vrijdag 20 november" in last_text(anna)
    await lotte.presses("✏️ zo 22 nov")
    await lotte.presses("Verwijderen")
    lotte.sees("Deze uren van Anna verwijderen?")
    await lotte.presses("Verwijderen")
    lotte.sees("Verwijderd")
    lotte.does_not_see("zo 22 nov")
    assert "verwijderd (1,5 uur)" in last_text(anna)

    audit = await bot.core.db.fetch_all("SELECT action, actor_id FROM hours_audit ORDER BY id")
    assert [(r["action"], r["actor_id"]) for r in audit] == [
        ("close", coordinator.id),
        ("edit", coordinator.id),
        ("add", coordinator.id),
        ("delete", coordinator.id),
    ]
    await anna.says("/uren")
    anna.does_not_see("Uren bekijken")  # a volunteer has no such buttons


async def test_150_members_page_within_telegrams_limits(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    for n in range(150):
        await make_member(bot.core, f"Lid {n:03d} met een heel lange achternaam van Oranje-Nassau")
    await lotte.says("/leden")  # the whole list (handlers/paging.py), then the buttons in messages
    lotte.sees("151 leden")
    names: set[str] = set()
    for message in lotte.last:
        assert len(message.text) <= MessageLimit.MAX_TEXT_LENGTH
        buttons = [b for row in message.buttons for b in row]
        assert len(buttons) <= 100
        assert all(len((b.callback_data or "").encode()) <= MAX_BYTES for b in buttons)
        names |= {b.text for b in buttons}
    assert len(names) == 151
    await lotte.presses("Lid 149")
    lotte.sees("Lid 149", "Rol: vrijwilliger")
    await lotte.presses("Terug")
    lotte.sees("151 leden", "Bladzijde 1 van 10")  # back: the list as pages with arrows


async def test_hours_csv_with_one_row_per_entry_reads_back_in_the_dutch_dialect(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await anna.says("/uren 2,5 gisteren koffieochtend")
    await anna.presses("Opslaan")
    await anna.says("/uren 1 vandaag =SUM(A1)")
    await anna.presses("Overleg")
    await anna.presses("Opslaan")

    await lotte.says("/overzicht")
    await lotte.presses("CSV per keer")
    document = lotte.chat[-1]
    assert document.document is not None and document.file_name == "uren-per-keer-2026-11.csv"
    assert document.document.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.document.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum", "Naam", "Uren", "Soort", "Activiteit", "Notitie"]
    assert rows[1:] == [
        ["2026-11-22", "Anna", "2,50", "Activiteit", "", "koffieochtend"],
        ["2026-11-23", "Anna", "1,00", "Overleg", "", "'=SUM(A1)"],
    ]
