"""The keys and wijkbudget part of /mijngegevens and /vergeetmij.

A key the member still holds stays registered to the erased (anonymous) members row: the physical key
does not vanish, and the coordinator must still see that a former member has it. Pending hand-overs are
cancelled, requests for a key (free text) and "I bring the key" promises are deleted. Wijkbudget requests
and their receipts are the group's accounts to the municipality: they stay, pointing at the anonymous
row, so nothing in them leads to the person any more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import keys_budget_privacy as sql
from storage.db import Database


async def export_keys_budget(db: Database, member_id: int) -> dict[str, Any]:
    return {
        "keys": [dict(row) for row in await sql.keys_with(db, member_id)],
        "key_history": [dict(row) for row in await sql.key_events_with(db, member_id)],
        "key_requests": [dict(row) for row in await sql.key_requests_of(db, member_id)],
        "brings_the_key_to_activities": [dict(row) for row in await sql.key_bringer_of(db, member_id)],
        "wijkbudget_requests": [dict(row) for row in await sql.budget_requests_of(db, member_id)],
        "wijkbudget_decisions_made": await sql.budget_decisions_by(db, member_id),
    }


async def erase_keys_budget(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.cancel_pending_hand_overs(conn, member_id)
    await sql.delete_key_requests(conn, member_id)
    await sql.delete_key_bringer(conn, member_id)
    # keys.holder_id, key_events and budget rows stay with the anonymous row (see the module docstring).


SECTION = PrivacySection(
    "keys_budget",
    export_keys_budget,
    erase_keys_budget,
    tables=(
        "keys",
        "key_events",
        "key_requests",
        "activity_key_bringers",
        "budget_years",
        "budget_requests",
        "budget_receipts",
    ),
)
