"""The wijkbudget's rules: decisions once, receipts only as images up to 10 MB, the totals, the CSV."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from bot.budget.export import budget_csv, euro_text
from bot.budget.service import (
    AlreadyDecided,
    NotApproved,
    ReceiptNotImage,
    ReceiptTooLarge,
    image_extension,
    money,
    parse_request_date,
)
from bot.clock import ManualClock
from bot.core import Core
from bot.errors import NotAllowed
from tests.harness_config import AMSTERDAM
from tests.unit.kb_helpers import make_member

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


async def test_approve_once_then_receipt_and_totals(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    anna = await make_member(core, 2, "Anna")
    budget = core.budget
    await budget.set_year_budget(lotte, 2026, 1000_00)
    dinner = await budget.request(anna, "Kerstdiner", 300_00, date(2026, 12, 20))
    wool = await budget.request(anna, "Wol", 50_00, date(2026, 12, 1))
    paint = await budget.request(anna, "Verf", 20_00, date(2026, 12, 2))
    with pytest.raises(NotAllowed):
        await budget.approve(anna, dinner.id)
    with pytest.raises(NotApproved):
        await budget.add_receipt(anna, dinner.id, PNG)
    await budget.approve(lotte, dinner.id)
    with pytest.raises(AlreadyDecided):
        await budget.approve(lotte, dinner.id)
    with pytest.raises(AlreadyDecided):
        await budget.decline(lotte, dinner.id, "toch niet")
    await budget.approve(lotte, wool.id)
    await budget.decline(lotte, paint.id, "Verf is er nog")

    assert await budget.add_receipt(anna, wool.id, PNG) == f"receipts/2026/{wool.id}-1.png"
    assert await budget.add_receipt(anna, wool.id, PNG) == f"receipts/2026/{wool.id}-2.png"
    folder = core.db.path.parent / "receipts" / "2026"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    await budget.set_spent(anna, wool.id, 42_10)

    view = await budget.overview(lotte, 2026)
    assert (view.spent_cents, view.approved_cents, view.requested_cents) == (42_10, 300_00, 0)
    assert view.left_cents == 1000_00 - 42_10 - 300_00
    with pytest.raises(NotAllowed):
        await budget.overview(anna, 2026)
    assert [r.status for r in await budget.requests_of(anna)] == ["approved", "declined", "settled"]


async def test_receipts_must_be_images_up_to_10_mb(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    anna = await make_member(core, 2, "Anna")
    karim = await make_member(core, 3, "Karim")
    request = await core.budget.request(anna, "Koffie", 10_00, date(2026, 11, 30))
    await core.budget.approve(lotte, request.id)
    with pytest.raises(ReceiptNotImage):
        await core.budget.add_receipt(anna, request.id, b"%PDF-1.7")
    with pytest.raises(ReceiptTooLarge):
        await core.budget.add_receipt(anna, request.id, b"\xff\xd8\xff" + bytes(10 * 1024 * 1024))
    with pytest.raises(NotAllowed):
        await core.budget.add_receipt(karim, request.id, PNG)
    assert not (core.db.path.parent / "receipts").exists()
    assert image_extension(b"\xff\xd8\xff\xe0") == "jpg"
    assert image_extension(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert image_extension(b"GIF89a") is None


async def test_csv_for_dutch_excel(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    anna = await make_member(core, 2, 'Anna; "de" Vries')
    request = await core.budget.request(anna, "Kerstdiner; boodschappen", 1234_56, date(2026, 12, 20))
    await core.budget.request(anna, "Volgend jaar", 5_00, date(2027, 1, 5))
    await core.budget.approve(lotte, request.id)
    await core.budget.add_receipt(anna, request.id, PNG)
    await core.budget.set_spent(anna, request.id, 1000_05)
    text = (await budget_csv(core.db, 2026)).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert len([line for line in lines if line]) == 2
    assert lines[1] == (
        f'{request.id};20-12-2026;"Anna; ""de"" Vries";"Kerstdiner; boodschappen";1234,56;afgerekend;'
        f"1000,05;Lotte;;{request.id}-1.png"
    )
    assert euro_text(5) == "0,05" and euro_text(None) == ""


def test_money_and_dates(clock: ManualClock) -> None:
    assert money(1234_50, "nl") == "€\xa01.234,50"
    assert money(1234_50, "en") == "€1,234.50"
    assert parse_request_date("12 december", clock.now(), AMSTERDAM) == date(2026, 12, 12)
    assert parse_request_date("vrijdag", clock.now(), AMSTERDAM) == date(2026, 11, 27)
