"""The coordinator's budget decision through the real bot: approval says who pays back, how and by when
(the way picked per request); declining asks a reason, shows a preview and needs a confirmation."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime
from pathlib import Path

import pytest

from bot.config import Config
from tests.e2e.test_report import pdf_text
from tests.harness import Harness, Person
from tests.harness_config import AMSTERDAM

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF\x00" + b"receipt" * 50 + b"\xff\xd9"


@pytest.fixture
def config(config: Config) -> Config:
    budget = dataclasses.replace(config.budget, paid_by="Vivens", receipt_days=14)
    return dataclasses.replace(config, budget=budget)


def received(person: Person, *fragments: str) -> None:
    """What the bot sent this person last, after someone else's action, holds every fragment."""
    text = person.chat[-1].text
    for fragment in fragments:
        assert fragment in text, f"{person.name} expected {fragment!r} in:\n{text}"


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def _ask(anna: Person, purpose: str, amount: str, day: str) -> None:
    await anna.says("/budget")
    await anna.presses("Geld aanvragen")
    await anna.says(purpose)
    await anna.says(amount)
    await anna.says(day)
    await anna.presses("Versturen")
    anna.sees("verstuurd naar de coördinatoren")


async def test_cash_from_the_kas_receipt_with_bon_leaves_open_and_shows_in_the_report(
    bot: Harness, tmp_path: Path
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await bot.core.budget.set_year_budget(await bot.member_record(lotte), 2026, 250_000)
    await _ask(anna, "Kerstdiner: boodschappen", "85,50", "12 december")

    # The first press shows what Anna will read; nothing is decided or sent yet.
    await lotte.presses("Goedkeuren")
    lotte.sees(
        "Dit krijgt Anna te lezen",
        "Geef het geld uit vóór of op za 12 dec",
        "Als de bon binnen is, maakt Vivens het geld naar je bankrekening over.",
        "/bon",
        "uiterlijk za 26 dec",
    )
    assert "● Overmaken na de bon" in lotte.button_labels()
    assert await bot.core.db.fetch_value("SELECT status FROM budget_requests") == "requested"
    assert "goedgekeurd" not in last_text(anna)

    # She picks cash from the kas: the same preview says so, then she approves.
    await lotte.presses("Contant uit de kas")
    lotte.sees("contant uit de kas van Vivens")
    lotte.does_not_see("bankrekening")
    assert "● Contant uit de kas" in lotte.button_labels()
    await lotte.presses("Goedkeuren")
    lotte.sees("Goedgekeurd: Kerstdiner: boodschappen, €\u00a085,50", "Contant uit de kas")
    received(
        anna,
        "Je aanvraag is goedgekeurd: Kerstdiner: boodschappen",
        "Je krijgt het geld contant uit de kas van Vivens",
        "Lever de bon in met /bon",
        "uiterlijk za 26 dec",
    )
    assert await bot.core.db.fetch_value("SELECT pay_way FROM budget_requests") == "cash"
    # An old preview pressed again decides nothing twice.
    request_id = await bot.core.db.fetch_value("SELECT id FROM budget_requests")
    await lotte.sends_callback(lotte.chat[-1].message_id, f"bud_okc:{request_id}:transfer")
    lotte.sees("al beslist")
    assert await bot.core.db.fetch_value("SELECT pay_way FROM budget_requests") == "cash"

    # The date passed without a receipt: the coordinator's /open lists it.
    bot.clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=AMSTERDAM))
    await lotte.says("/open")
    lotte.sees("Bon ontbreekt: Kerstdiner: boodschappen")

    await anna.says("/bon")
    anna.sees("Stuur een foto van de bon voor “Kerstdiner: boodschappen”")
    await anna.sends_photo(JPEG, caption="78,20")
    anna.sees("Uitgegeven voor Kerstdiner: boodschappen: €\u00a078,20")
    await anna.says("/bon")
    anna.sees("geen goedgekeurde aanvraag die nog op een bon wacht")

    await lotte.says("/open")
    lotte.does_not_see("Bon ontbreekt")

    await lotte.says("/verslag")
    await lotte.presses("Dit kwartaal")
    pdf_message, csv_message = lotte.chat[-2], lotte.chat[-1]
    assert pdf_message.document is not None and csv_message.document is not None
    assert "Uitgegeven EUR 78,20" in pdf_text(pdf_message.document, tmp_path)
    rows = list(csv.reader(io.StringIO(csv_message.document.decode("utf-8-sig")), delimiter=";"))
    assert ["Uitgegeven (EUR)", "78,20"] in [row[:2] for row in rows]


async def test_with_several_approved_requests_bon_asks_which(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await anna.says("/bon")
    anna.sees("geen goedgekeurde aanvraag")
    for purpose in ("Koffie", "Wol"):
        await _ask(anna, purpose, "10", "12 december")
        await lotte.presses("Goedkeuren")
        await lotte.presses("Goedkeuren")
    await anna.says("/bon")
    anna.sees("Voor welke aanvraag is de bon?")
    await anna.presses("Wol")
    anna.sees("Stuur een foto van de bon voor “Wol”")


async def test_decline_asks_a_reason_shows_the_preview_and_waits_for_the_confirmation(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    sam = await bot.member("Sam", language="en")
    await sam.says("/budget")
    await sam.presses("Ask for money")
    await sam.says("Paint for the kinderatelier")
    await sam.says("40")
    await sam.says("5 december")
    await sam.presses("Send")

    await lotte.presses("Afwijzen")
    lotte.sees("Waarom wijs je de aanvraag “Paint for the kinderatelier” af?")
    await lotte.presses("Het budget is op")
    # The preview is in Sam's words as Lotte reads them; nothing is decided yet.
    lotte.sees("Dit krijgt Sam te lezen", "Reden: Het budget is op.")
    assert await bot.core.db.fetch_value("SELECT status FROM budget_requests") == "requested"
    assert "declined" not in last_text(sam)
    # She changes her mind about the reason and types one.
    await lotte.presses("Andere reden")
    await lotte.says("Vraag eerst bij de school, die heeft verf")
    lotte.sees("Dit krijgt Sam te lezen", "Reden: Vraag eerst bij de school, die heeft verf")
    await lotte.says("nog iets")
    lotte.sees("Kies met een knop")
    await lotte.presses("Ja, afwijzen")
    lotte.sees("Afgewezen: Paint for the kinderatelier")
    received(sam, "was declined", "Reason: Vraag eerst bij de school, die heeft verf")
    row = await bot.core.db.fetch_one("SELECT status, decline_reason FROM budget_requests")
    assert tuple(row) == ("declined", "Vraag eerst bij de school, die heeft verf")


async def test_a_preset_reason_reaches_the_member_in_their_language(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    sam = await bot.member("Sam", language="en")
    anna = await bot.member("Anna")
    await _ask(anna, "Koffie", "10", "5 december")
    await lotte.presses("Afwijzen")
    await lotte.presses("Zonder reden")
    lotte.sees("Dit krijgt Anna te lezen", "Je aanvraag “Koffie” is afgewezen. Vragen?")
    await lotte.presses("Ja, afwijzen")
    received(anna, "Je aanvraag “Koffie” is afgewezen. Vragen? Stuur de coördinator een bericht.")

    await sam.says("/budget")
    await sam.presses("Ask for money")
    await sam.says("Wool")
    await sam.says("30")
    await sam.says("5 december")
    await sam.presses("Send")
    await lotte.presses("Afwijzen")
    await lotte.presses("Past niet bij de regels")
    await lotte.presses("Ja, afwijzen")
    received(sam, "Reason: This does not fit the rules of the neighbourhood budget.")
    assert await bot.core.db.fetch_value(
        "SELECT decline_reason FROM budget_requests WHERE purpose = 'Wool'"
    ) == ("Dit past niet bij de regels van het wijkbudget.")


async def test_a_decision_at_night_waits_for_the_morning(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await _ask(anna, "Koffie", "10", "5 december")
    await _ask(anna, "Wol", "20", "5 december")
    bot.clock.set(datetime(2026, 11, 23, 23, 15, tzinfo=AMSTERDAM))
    await lotte.presses("Afwijzen")  # the newest: Wol
    await lotte.presses("Te hoog")
    await lotte.presses("Ja, afwijzen")
    lotte.sees("Afgewezen: Wol")
    await lotte.says("/budget")
    await lotte.presses("Beslissen: Koffie")
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")
    await bot.run_jobs()
    anna.gets_no("afgewezen", "goedgekeurd")
    assert last_text(anna).startswith("Je aanvraag is verstuurd")
    bot.clock.set(datetime(2026, 11, 24, 8, 5, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    anna.sees("Je aanvraag “Wol” is afgewezen", "Reden: Het bedrag is te hoog")
    assert any("Je aanvraag is goedgekeurd: Koffie" in m.text for m in anna.chat[-2:])


async def test_only_a_coordinator_presses_the_new_decision_buttons(bot: Harness) -> None:
    await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await _ask(anna, "Koffie", "10", "5 december")
    request_id = await bot.core.db.fetch_value("SELECT id FROM budget_requests")
    for data in (
        f"bud_way:{request_id}:cash",
        f"bud_okc:{request_id}:cash",
        f"bud_nop:{request_id}:rules",
        f"bud_noc:{request_id}",
    ):
        await karim.sends_callback(karim.chat[-1].message_id, data)
        karim.sees("Dat mag alleen een coördinator doen")
    assert await bot.core.db.fetch_value("SELECT status FROM budget_requests") == "requested"
