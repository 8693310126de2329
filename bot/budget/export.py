"""The wijkbudget of one year as a CSV file that Dutch Excel opens correctly.

Dutch Excel expects a semicolon between fields, a decimal comma, and a UTF-8 byte order mark (without it,
"ë" and "€" come out garbled). One row per request; the receipt file names point into ``receipts/``
next to the database, so the account to the municipality can include the photos.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

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


async def budget_csv(db: Database, year: int) -> str:
    receipts: dict[int, list[str]] = {}
    for row in await sql.receipts_of_year(db, year):
        receipts.setdefault(row["request_id"], []).append(Path(row["file_name"]).name)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in await sql.export_rows(db, year):
        d = row["for_date"]
        writer.writerow(
            (
                row["id"],
                f"{d[8:10]}-{d[5:7]}-{d[0:4]}",
                row["requester"] or "",
                row["purpose"],
                euro_text(row["amount_cents"]),
                STATUS_NL.get(row["status"], row["status"]),
                euro_text(row["spent_cents"]),
                row["decider"] or "",
                row["decline_reason"] or "",
                ", ".join(receipts.get(row["id"], [])),
            )
        )
    return out.getvalue()


async def export_budget(db: Database, year: int, destination: Path) -> None:
    """Write the CSV (UTF-8 with BOM), readable by its owner only: it holds names."""
    text = await budget_csv(db, year)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(destination, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(text)
    os.chmod(destination, 0o600)
