"""The wijkbudget of one year as a CSV file that Dutch Excel opens correctly.

Dutch Excel expects a semicolon between fields, a decimal comma, and a UTF-8 byte order mark (without it,
"ë" and "€" come out garbled). One row per request; the receipt file names point into ``receipts/``
next to the database, so the account to the municipality can include the photos.
"""

from __future__ import annotations

from pathlib import Path

from bot.exports import csv_bytes, write_private
from storage import budget as sql
from storage.db import Database

HEADER = (
    "Nummer",
    "Datum",
    "Aanvrager",
    "Waarvoor",
    "Gevraagd (EUR)",
    "Status",
    "Uitgegeven (EUR)",
    "Beslist door",
    "Reden afwijzing",
    "Bonnen",
)
STATUS_NL = {
    "requested": "aangevraagd",
    "approved": "goedgekeurd",
    "declined": "afgewezen",
    "settled": "afgerekend",
}


def euro_text(cents: int | None) -> str:
    """12345 -> '123,45' (no thousands separator: Excel reads it as a number)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100},{cents % 100:02d}"


async def budget_csv(db: Database, year: int) -> bytes:
    receipts: dict[int, list[str]] = {}
    for row in await sql.receipts_of_year(db, year):
        receipts.setdefault(row["request_id"], []).append(Path(row["file_name"]).name)
    rows = []
    for row in await sql.export_rows(db, year):
        d = row["for_date"]
        rows.append(
            (
                row["id"],
                f"{d[8:10]}-{d[5:7]}-{d[0:4]}",
                row["requester"],
                row["purpose"],
                euro_text(row["amount_cents"]),
                STATUS_NL.get(row["status"], row["status"]),
                euro_text(row["spent_cents"]),
                row["decider"],
                row["decline_reason"],
                ", ".join(receipts.get(row["id"], [])),
            )
        )
    return csv_bytes([HEADER, *rows])


async def export_budget(db: Database, year: int, destination: Path) -> None:
    """Write the CSV, readable by its owner only: it holds names."""
    write_private(destination, await budget_csv(db, year))
