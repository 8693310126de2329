"""SQL for the WhatsApp channel: contacts, inbound dedupe, sent messages and statuses, menus, waiting."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from storage.db import Database, parse_utc, utc_text


async def contact_for(
    db: Database, wa_id: str, profile_name: str | None, now: datetime, id_base: int
) -> sqlite3.Row:
    """The contact for this phone number, created (and opted in) on the first message; its synthetic user
    id is ``id_base`` + its row id (``bot.channels.WHATSAPP_ID_BASE``)."""
    row = await db.fetch_one("SELECT * FROM wa_contacts WHERE wa_id = ?", (wa_id,))
    if row is not None:
        return row
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT OR IGNORE INTO wa_contacts (wa_id, profile_name, opted_in_at) VALUES (?, ?, ?)",
            (wa_id, profile_name, utc_text(now)),
        )
        if cursor.rowcount == 1 and cursor.lastrowid is not None:
            await conn.execute(
                "UPDATE wa_contacts SET user_id = ? + id WHERE id = ?",
                (id_base, cursor.lastrowid),
            )
    row = await db.fetch_one("SELECT * FROM wa_contacts WHERE wa_id = ?", (wa_id,))
    assert row is not None
    return row


async def contact_by_user(db: Database, user_id: int) -> sqlite3.Row | None:
    return await db.fetch_one("SELECT * FROM wa_contacts WHERE user_id = ?", (user_id,))


async def first_seen(db: Database, wamid: str, user_id: int, now: datetime) -> bool:
    """Record an inbound message id and the member's last message time, in one transaction; False when
    it was handled before (a repeated webhook delivery) and nothing changed."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT OR IGNORE INTO wa_inbound (wamid, at) VALUES (?, ?)", (wamid, utc_text(now))
        )
        if cursor.rowcount != 1:
            return False
        await touch_inbound_in(conn, user_id, now)
    return True


async def touch_inbound(db: Database, user_id: int, moment: datetime) -> None:
    async with db.transaction() as conn:
        await touch_inbound_in(conn, user_id, moment)


async def touch_inbound_in(conn: Any, user_id: int, moment: datetime) -> None:
    await conn.execute(
        "UPDATE wa_contacts SET last_inbound_at = MAX(COALESCE(last_inbound_at, ''), ?) WHERE user_id = ?",
        (utc_text(moment), user_id),
    )


def last_inbound(row: sqlite3.Row) -> datetime | None:
    return parse_utc(row["last_inbound_at"])


async def set_opted_out(db: Database, user_id: int, now: datetime | None) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE wa_contacts SET opted_out_at = ? WHERE user_id = ?",
            (utc_text(now) if now else None, user_id),
        )


async def record_sent(db: Database, user_id: int, wamid: str | None, now: datetime) -> int:
    """A message the bot sent; the integer id the handlers see for it."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO wa_sent (wamid, user_id, at) VALUES (?, ?, ?)", (wamid, user_id, utc_text(now))
        )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def message_id_of(db: Database, wamid: str) -> int | None:
    return await db.fetch_optional_int("SELECT message_id FROM wa_sent WHERE wamid = ?", (wamid,))


# Statuses arrive in any order; a later one never goes back ("read" after "delivered", not before).
STATUS_RANK = {"accepted": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4}


async def set_status(db: Database, wamid: str, status: str, error: str | None) -> sqlite3.Row | None:
    """Apply a status callback; the sent row when it changed anything. A failure also fails the outbox
    row that sent it, so the delivery report counts it as Telegram's failures are."""
    if status not in STATUS_RANK:
        return None
    async with db.transaction() as conn:
        cursor = await conn.execute("SELECT * FROM wa_sent WHERE wamid = ?", (wamid,))
        row = await cursor.fetchone()
        if row is None or STATUS_RANK[row["status"]] >= STATUS_RANK[status]:
            return None
        await conn.execute("UPDATE wa_sent SET status = ?, error = ? WHERE wamid = ?", (status, error, wamid))
        if status == "failed":
            await conn.execute(
                "UPDATE outbox SET status = 'failed', last_error = ? "
                "WHERE chat_id = ? AND sent_message_id = ? AND status = 'sent'",
                (error or "failed", row["user_id"], row["message_id"]),
            )
    return row


async def status_counts(db: Database) -> dict[str, int]:
    rows = await db.fetch_all("SELECT status, COUNT(*) AS n FROM wa_sent GROUP BY status")
    return {row["status"]: row["n"] for row in rows}


async def set_menu(db: Database, user_id: int, message_id: int, choices: list[str]) -> None:
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM wa_menus WHERE user_id = ?", (user_id,))
        await conn.executemany(
            "INSERT INTO wa_menus (user_id, number, data, message_id) VALUES (?, ?, ?, ?)",
            [(user_id, number, data, message_id) for number, data in enumerate(choices, start=1)],
        )


async def menu_choice(db: Database, user_id: int, number: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT data, message_id FROM wa_menus WHERE user_id = ? AND number = ?", (user_id, number)
    )


async def add_waiting(db: Database, user_id: int, params: dict[str, Any], now: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO wa_waiting (user_id, params, at) VALUES (?, ?, ?)",
            (user_id, json.dumps(params), utc_text(now)),
        )


async def has_waiting(db: Database, user_id: int) -> bool:
    return bool(await db.fetch_value("SELECT 1 FROM wa_waiting WHERE user_id = ? LIMIT 1", (user_id,)))


async def take_waiting(db: Database, user_id: int) -> list[dict[str, Any]]:
    """What waited for this member's window, oldest first, removed in the same transaction."""
    if not await has_waiting(db, user_id):
        return []  # the usual case: no write transaction for nothing
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT id, params FROM wa_waiting WHERE user_id = ? ORDER BY id", (user_id,)
        )
        rows = list(await cursor.fetchall())
        await conn.execute("DELETE FROM wa_waiting WHERE user_id = ?", (user_id,))
    return [json.loads(row["params"]) for row in rows]


# Privacy: /mijngegevens shows the WhatsApp number; /vergeetmij forgets it (the synthetic id row stays,
# anonymous, so the member's old id never comes back for someone else).

_USER_OF_MEMBER = "(SELECT telegram_id FROM members WHERE id = ?)"


async def contact_of_member(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT wa_id, profile_name, opted_in_at, opted_out_at, last_inbound_at,"
        " (SELECT count(*) FROM wa_waiting w WHERE w.user_id = c.user_id) AS waiting"
        f" FROM wa_contacts c WHERE user_id = {_USER_OF_MEMBER}",
        (member_id,),
    )


async def erase_contact_of_member(conn: Any, member_id: int) -> None:
    for table in ("wa_waiting", "wa_menus", "wa_sent"):
        await conn.execute(f"DELETE FROM {table} WHERE user_id = {_USER_OF_MEMBER}", (member_id,))
    await conn.execute(
        "UPDATE wa_contacts SET wa_id = NULL, profile_name = NULL, last_inbound_at = NULL"
        f" WHERE user_id = {_USER_OF_MEMBER}",
        (member_id,),
    )
