"""Find a piece of text anywhere in the database: every text column of every table."""

from __future__ import annotations

from storage.db import Database


async def where_text_occurs(db: Database, needle: str) -> list[str]:
    """``table.column`` for every column holding ``needle`` (case-insensitive) in some row."""
    found = []
    tables = await db.fetch_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for (table,) in tables:
        for (column,) in await db.fetch_all("SELECT name FROM pragma_table_info(?)", (table,)):
            hit = await db.fetch_value(
                f'SELECT 1 FROM "{table}" WHERE instr(lower(CAST("{column}" AS TEXT)), lower(?)) LIMIT 1',
                (needle,),
            )
            if hit:
                found.append(f"{table}.{column}")
    return found
