"""The month's hours as a CSV that Dutch Excel opens correctly: UTF-8 with BOM, ';' and a decimal comma."""

from __future__ import annotations

from bot.exports import Cell, csv_bytes
from bot.hours.models import Overview
from bot.i18n import Texts

COLUMNS = ("name", "month", "hours", "target", "away", "entries")


def decimal_comma(minutes: int) -> str:
    """Minutes as hours with two decimals and a comma: 150 -> '2,50'."""
    return f"{minutes / 60:.2f}".replace(".", ",")


def hours_csv(overview: Overview, texts: Texts, language: str) -> bytes:
    yes, no = texts.get(language, "hours.csv.yes"), texts.get(language, "hours.csv.no")
    header = [texts.get(language, f"hours.csv.{column}") for column in COLUMNS]
    rows: list[list[Cell]] = [
        [
            row.member.name,
            overview.month,
            decimal_comma(row.status.minutes),
            decimal_comma(row.status.target_minutes),
            yes if row.status.away else no,
            row.status.entries,
        ]
        for row in overview.rows
    ]
    return csv_bytes([header, *rows])
