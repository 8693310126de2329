"""SQL for the keys and wijkbudget part of a member's data."""

from __future__ import annotations

import sqlite3

import aiosqlite

from storage.db import Database


async def keys_with(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT room, label, holder_id = :m AS you_hold_it, pending_to_id = :m AS offered_to_you,"
        " pending_by_id = :m AS offered_by_you, pending_since FROM keys"
        " WHERE :m IN (holder_id, pending_to_id, pending_by_id) ORDER BY id",
        {"m": member_id},
    )


async def key_events_with(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT k.label, e.kind, e.from_id = :m AS from_you, e.to_id = :m AS to_you,"
        " e.actor_id = :m AS by_you, e.at FROM key_events e JOIN keys k ON k.id = e.key_id"
        " WHERE :m IN (e.from_id, e.to_id, e.actor_id) ORDER BY e.id",
        {"m": member_id},
    )


async def key_requests_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT k.label, r.note, r.activity_id, r.created_at"
        " FROM key_requests r JOIN keys k ON k.id = r.key_id WHERE r.member_id = ? ORDER BY r.id",
        (member_id,),
    )


async def key_bringer_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT activity_id, set_at FROM activity_key_bringers WHERE member_id = ? ORDER BY activity_id",
        (member_id,),
    )


async def budget_requests_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT r.*, (SELECT group_concat(file_name, ', ') FROM budget_receipts b WHERE b.request_id = r.id)"
        " AS receipts FROM budget_requests r WHERE r.member_id = ? ORDER BY r.id",
        (member_id,),
    )


async def budget_decisions_by(db: Database, member_id: int) -> int:
    value = await db.fetch_value("SELECT count(*) FROM budget_requests WHERE decided_by = ?", (member_id,))
    return int(value or 0)


async def cancel_pending_hand_overs(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute(
        "UPDATE keys SET pending_to_id = NULL, pending_by_id = NULL, pending_event_id = NULL,"
        " pending_since = NULL WHERE ? IN (pending_to_id, pending_by_id)",
        (member_id,),
    )


async def delete_key_requests(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM key_requests WHERE member_id = ?", (member_id,))


async def delete_key_bringer(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM activity_key_bringers WHERE member_id = ?", (member_id,))
