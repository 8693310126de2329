"""SQL for questions forwarded to the coordinators and answers added to /wegwijs."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.db import Database, utc_text

COLUMNS = "id, asker_id, language, text, asked_at, answer, answered_by, answered_at"


async def by_id(db: Database, question_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(f"SELECT {COLUMNS} FROM questions WHERE id = ?", (question_id,))


async def same_unanswered(conn: aiosqlite.Connection, asker_id: int, text: str) -> int | None:
    """The asker's identical question still waiting for an answer (a retry, not a new question)."""
    async with conn.execute(
        "SELECT id FROM questions WHERE asker_id = ? AND text = ? AND answer IS NULL ORDER BY id LIMIT 1",
        (asker_id, text),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else int(row[0])


async def insert(conn: aiosqlite.Connection, asker_id: int, language: str, text: str, now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO questions (asker_id, language, text, asked_at) VALUES (?, ?, ?, ?)",
        (asker_id, language, text, utc_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def answer(
    conn: aiosqlite.Connection, question_id: int, text: str, answered_by: int, now: datetime
) -> bool:
    """Store the answer; False when the question was already answered."""
    cursor = await conn.execute(
        "UPDATE questions SET answer = ?, answered_by = ?, answered_at = ?"
        " WHERE id = ? AND answered_at IS NULL",
        (text, answered_by, utc_text(now), question_id),
    )
    return cursor.rowcount == 1


async def add_extra_topic(
    conn: aiosqlite.Connection,
    question_id: int,
    language: str,
    title: str,
    answer: str,
    added_by: int,
    now: datetime,
) -> int | None:
    """The new topic's id; None when this question is already in /wegwijs."""
    cursor = await conn.execute(
        "INSERT INTO faq_extra_topics (question_id, language, title, answer, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (question_id) DO NOTHING",
        (question_id, language, title, answer, added_by, utc_text(now)),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


async def extra_topics(db: Database) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT id, question_id, language, title, answer FROM faq_extra_topics"
        " WHERE removed_at IS NULL ORDER BY id"
    )
