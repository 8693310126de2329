"""What every export shares: one formula-safe CSV writer and files readable by their owner only.

Exports hold names and hours, so they are written 0600 like the database. Excel (and LibreOffice) run a
cell that starts with ``= + - @``, a tab or a carriage return as a formula (``=HYPERLINK(...)``); a
leading apostrophe keeps such a cell text. Every CSV the bot writes goes through ``csv_bytes``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None
#: "-12,50" is an amount, not a formula: it stays a number in Excel.
PLAIN_NUMBER = re.compile(r"-?\d+(,\d+)?")


def safe_cell(value: Cell) -> str | int | float:
    """A cell Excel shows as typed: numbers stay numbers, text that looks like a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[Cell]]) -> bytes:
    """Rows as a CSV Dutch Excel opens correctly: UTF-8 with BOM, ';' between fields, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only, also when the file already existed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
