"""The month's hours with one row per entry, for Dutch Excel (the same dialect as the month totals)."""

from __future__ import annotations

import csv
import io

from bot.errors import NotAllowed
from bot.exports import safe_cell
from bot.hours.export import decimal_comma
from bot.hours.models import parse_month
from bot.i18n import Texts
from bot.members.service import Member, Members, Role
from storage import hours_entries as sql
from storage.db import Database

COLUMNS = ("date", "name", "hours", "kind", "activity", "note")


async def entries_csv(
    db: Database, members: Members, texts: Texts, actor: Member, month: str, language: str
) -> bytes:
    """UTF-8 with BOM, ';' and decimal commas; erased members appear as "former member"."""
    if members.role_of(actor) is not Role.COORDINATOR:
        raise NotAllowed()
    parse_month(month)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([texts.get(language, f"entriescsv.{column}") for column in COLUMNS])
    former = texts.get(language, "entriescsv.former")
    for row in await sql.entries_of_month(db, month):
        key = f"hours.category.{row['category']}"
        kind = texts.get(language, key) if key in texts.keys(language) else row["category"]
        name = row["name"] if row["name"] and row["member_status"] != "erased" else former
        writer.writerow(
            [
                row["day"],
                safe_cell(name),
                decimal_comma(row["minutes"]),
                kind,
                safe_cell(row["activity"] or ""),
                safe_cell(row["label"] or ""),
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
