"""The WhatsApp part of /mijngegevens and /vergeetmij: the phone number, consent and what waited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import whatsapp as sql
from storage.db import Database


async def export_whatsapp(db: Database, member_id: int) -> dict[str, Any]:
    row = await sql.contact_of_member(db, member_id)
    if row is None:
        return {}  # not on WhatsApp
    return {
        "whatsapp_number": row["wa_id"],
        "whatsapp_name": row["profile_name"],
        "messages_from_the_bot_allowed_since": row["opted_in_at"],
        "stopped_at": row["opted_out_at"],
        "last_message_to_the_bot": row["last_inbound_at"],
        "messages_waiting": row["waiting"],
    }


async def erase_whatsapp(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.erase_contact_of_member(conn, member_id)


SECTION = PrivacySection(
    "whatsapp",
    export_whatsapp,
    erase_whatsapp,
    tables=("wa_contacts", "wa_waiting", "wa_menus", "wa_sent", "wa_inbound"),
)
