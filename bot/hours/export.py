"""The month's hours as a CSV that Dutch Excel opens correctly: UTF-8 with BOM, ';' and a decimal comma."""

from __future__ import annotations

import csv
import io

from bot.hours.models import Overview
from bot.i18n import Texts

COLUMNS = ("name", "month", "hours", "target", "away", "entries")


def decimal_comma(minutes: int) -> str:
    """Minutes as hours with two decimals and a comma: 150 -> '2,50'."""
    return f"{minutes / 60:.2f}".replace(".", ",")


def hours_csv(overview: Overview, texts: Texts, language: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([texts.get(language, f"hours.csv.{column}") for column in COLUMNS])
    yes, no = texts.get(language, "hours.csv.yes"), texts.get(language, "hours.csv.no")
    for row in overview.rows:
        status = row.status
        writer.writerow(
            [
                _cell(row.member.name),
                overview.month,
                decimal_comma(status.minutes),
                decimal_comma(status.target_minutes),
                yes if status.away else no,
                status.entries,
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    """Excel runs a cell starting with = + - @ as a formula; a leading quote keeps it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
