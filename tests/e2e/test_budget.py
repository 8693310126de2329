"""The wijkbudget through the real bot: request, approval, receipt photo, overview, access, CSV export."""

from __future__ import annotations

import asyncio
import stat
from datetime import date
from pathlib import Path

from burenbot.cli import main
from tests.harness import Harness, Person

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF\x00" + b"receipt" * 50 + b"\xff\xd9"


async def _ask(anna: Person, purpose: str, amount: str, day: str) -> None:
    await anna.says("/budget")
    await anna.presses("Geld aanvragen")
    anna.sees("Waarvoor is het geld?")
    await anna.says(purpose)
    anna.sees("Hoeveel geld")
    await anna.says(amount)
    anna.sees("Voor welke datum")
    await anna.says(day)
    anna.sees("Klopt dit?")
    await anna.presses("Versturen")
    anna.sees("verstuurd naar de coördinatoren")


async def test_request_approval_receipt_overview_and_export(bot: Harness, tmp_path: Path) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")

    await lotte.says("/budget")
    lotte.sees("Het budget voor 2026 is nog niet ingesteld")
    await lotte.presses("Budget 2026 instellen")
    await lotte.says("2.500")
    lotte.sees("Het budget voor 2026 is nu €\u00a02.500,00")

    await anna.says("/budget")
    anna.sees("Je hebt nog niets aangevraagd")
    await anna.presses("Geld aanvragen")
    await anna.says("Kerstdiner: boodschappen")
    await anna.says("-5")
    anna.sees("moet meer dan € 0 zijn")
    await anna.says("heel veel")
    anna.sees("begrijp het bedrag")
    await anna.says("999999")
    anna.sees("te hoog")
    await anna.says("85,50")
    await anna.says("blabla")
    anna.sees("begrijp de datum")
    await anna.says("12 december")
    anna.sees("Kerstdiner: boodschappen", "€\u00a085,50", "12 dec")
    await anna.presses("Versturen")
    assert "Anna vraagt €\u00a085,50" in bot.sim.chat_view(lotte.user_id)[-1].text

    # A photo before approval: no receipt button yet, nothing stored.
    await anna.says("/budget")
    assert not any("Bon sturen" in label for label in anna.button_labels())

    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")  # the preview: who pays back, how, by when
    lotte.sees("Goedgekeurd: Kerstdiner: boodschappen, €\u00a085,50")
    assert "goedgekeurd" in bot.sim.chat_view(anna.user_id)[-1].text
    # No [budget] paid_by and no coordinator named: the coordinator pays back, by bank transfer.
    assert (
        "maakt de coördinator het geld naar je bankrekening over" in bot.sim.chat_view(anna.user_id)[-1].text
    )
    request_id = await bot.core.db.fetch_value("SELECT id FROM budget_requests")
    # Approving twice changes nothing.
    await lotte.sends_callback(lotte.chat[-1].message_id, f"bud_ok:{request_id}")
    lotte.sees("al beslist")
    assert (
        await bot.core.db.fetch_value("SELECT COUNT(*) FROM budget_requests WHERE status = 'approved'") == 1
    )

    await anna.presses("Bon sturen")
    anna.sees("Stuur een foto van de bon")
    await anna.sends_document(b"%PDF-1.4 not a photo", "bon.pdf", "application/pdf")
    anna.sees("Dit is geen foto")
    await anna.sends_document(b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024 + 1), "groot.jpg", "image/jpeg")
    anna.sees("te groot")
    await anna.sends_document(b"GIF89a fake", "bon.jpg", "image/jpeg")
    anna.sees("Dit is geen foto")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM budget_receipts") == 0
    await anna.sends_photo(JPEG)
    anna.sees("De bon is bewaard", "Hoeveel heb je echt uitgegeven")
    await anna.says("78,20")
    anna.sees("Uitgegeven voor Kerstdiner: boodschappen: €\u00a078,20")

    name = await bot.core.db.fetch_value("SELECT file_name FROM budget_receipts")
    assert name == f"receipts/2026/{request_id}-1.jpg"
    stored = bot.core.db.path.parent / name
    assert stored.read_bytes() == JPEG
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700  # receipts/2026
    assert stat.S_IMODE(bot.core.budget.receipts_dir.stat().st_mode) == 0o700  # receipts

    await lotte.says("/budget")
    lotte.sees("Uitgegeven: €\u00a078,20", "Over: €\u00a02.421,80", "Kerstdiner: boodschappen", "Anna")

    # A second request, declined with a reason.
    await _ask(anna, "Breiclub wol", "30", "1 december")
    await lotte.presses("Afwijzen")
    lotte.sees("Waarom wijs je")
    await lotte.says("Er is nog wol genoeg in de kast")
    lotte.sees("Dit krijgt Anna te lezen", "Reden: Er is nog wol genoeg")
    await lotte.presses("Ja, afwijzen")
    lotte.sees("Afgewezen: Breiclub wol")
    assert "Reden: Er is nog wol genoeg" in bot.sim.chat_view(anna.user_id)[-1].text
    await anna.says("/budget")
    anna.sees("Breiclub wol", "afgewezen", "Kerstdiner")

    # The yearly account.
    config = tmp_path / "export.toml"
    config.write_text(f'[storage]\npath = "{bot.core.db.path}"\n', encoding="utf-8")
    out = tmp_path / "budget-2026.csv"
    # The CLI runs its own event loop, as it does from a shell.
    assert (
        await asyncio.to_thread(main, ["export-budget", "--year", "2026", str(out), "--config", str(config)])
        == 0
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:5] == ["Nummer", "Datum", "Aanvrager", "Waarvoor", "Gevraagd (EUR)"]
    rows = [line.split(";") for line in lines[1:]]
    assert [r[1] for r in rows] == ["01-12-2026", "12-12-2026"]
    wool, dinner = rows
    assert dinner[2:7] == ["Anna", "Kerstdiner: boodschappen", "85,50", "afgerekend", "78,20"]
    assert dinner[-1] == f"{request_id}-1.jpg"
    assert wool[5] == "afgewezen" and wool[8] == "Er is nog wol genoeg in de kast"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


async def test_only_coordinators_approve_and_see_all_requests(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await _ask(anna, "Kinderatelier verf", "40", "5 december")
    request_id = await bot.core.db.fetch_value("SELECT id FROM budget_requests")

    # Karim forges the coordinator's buttons.
    for data in (f"bud_ok:{request_id}", f"bud_no:{request_id}", f"bud_show:{request_id}", "bud_year:2026"):
        await karim.sends_callback(karim.chat[-1].message_id, data)
        karim.sees("Dat mag alleen een coördinator doen")
    assert await bot.core.db.fetch_value("SELECT status FROM budget_requests") == "requested"
    # Nor can he send a receipt for Anna's request.
    await karim.sends_callback(karim.chat[-1].message_id, f"bud_receipt:{request_id}")
    karim.sees("Dit is de aanvraag van iemand anders")

    await karim.says("/budget")
    karim.sees("Je hebt nog niets aangevraagd")
    karim.does_not_see("Kinderatelier", "Anna", "Over:")
    await anna.says("/budget")
    anna.sees("Kinderatelier verf", "wacht op besluit")
    anna.does_not_see("Uitgegeven:")
    await lotte.says("/budget")
    lotte.sees("Kinderatelier verf", "Anna", "Aangevraagd, wacht op besluit: €\u00a040,00")


async def test_a_long_year_still_fits_in_one_message(bot: Harness) -> None:
    anna_record = await bot.member_record(await bot.member("Anna"))
    # Asked before Lotte became coordinator: 45 requests, no 45 notices to pace through.
    for n in range(45):
        await bot.core.budget.request(
            anna_record,
            f"Activiteit nummer {n:02d} met boodschappen",
            12_50,
            date(2026, 1 + n % 12, 1 + n % 28),
        )
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/budget")
    text = lotte.sees("… en 15 eerdere aanvragen", "Aangevraagd, wacht op besluit: €\u00a0562,50")
    assert len(text) < 4096
    assert len([label for label in lotte.button_labels() if label.startswith("Beslissen")]) == 8
