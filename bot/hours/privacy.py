"""The hours part of /mijngegevens and /vergeetmij.

Erasing keeps every entry's minutes, day, month and category, so the month totals and the coordinator's
overview keep adding up (the overview shows them as hours of former members). ``hours_entries.member_id``
is NOT NULL, so the rows keep pointing at the erased members row, which no longer leads to a person; the
free-text label is dropped. Drafts, the member's own target, away months and hours prompts only make sense
with the person and are deleted.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import hours_privacy as sql
from storage.db import Database


def _snapshot(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


async def export_hours(db: Database, member_id: int) -> dict[str, Any]:
    target = await sql.target_of(db, member_id)
    return {
        "entries": [dict(row) for row in await sql.entries_of(db, member_id)],
        "unfinished_drafts": [dict(row) for row in await sql.drafts_of(db, member_id) if not row["used_at"]],
        "own_target_minutes": None if target is None else target["minutes"],
        "own_target_set_at": None if target is None else target["set_at"],
        "away_months": [dict(row) for row in await sql.away_of(db, member_id)],
        "questions_after_tasks": [dict(row) for row in await sql.prompts_of(db, member_id)],
        "changes_in_closed_months": [
            {
                "month": row["month"],
                "action": row["action"],
                "at": row["at"],
                "by_you": bool(row["by_you"]),
                "before": _snapshot(row["before"]),
                "after": _snapshot(row["after"]),
            }
            for row in await sql.audit_about(db, member_id)
        ],
        "as_coordinator": {
            "actions": [dict(row) for row in await sql.acts_of(db, member_id)],
            "targets_set_for_others": await sql.targets_set_by(db, member_id),
        },
    }


async def erase_hours(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    # Entries stay for the group's totals (member_id is NOT NULL: it points at the anonymous row).
    await sql.drop_entry_labels(conn, member_id)
    await sql.delete_drafts(conn, member_id)
    await sql.delete_target_and_away(conn, member_id)
    await sql.delete_prompts(conn, member_id)
    # The closed-month audit stays (the group's accountability), anonymous and without labels;
    # hours_audit.actor_id and hours_closed_months.closed_by are NOT NULL and point at the anonymous row.
    await sql.drop_audit_labels(conn, member_id)


SECTION = PrivacySection(
    "hours",
    export_hours,
    erase_hours,
    tables=(
        "hours_entries",
        "hours_drafts",
        "hours_targets",
        "hours_away",
        "hours_closed_months",
        "hours_audit",
        "hours_prompts",
    ),
)
