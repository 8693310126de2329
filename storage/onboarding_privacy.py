"""SQL for the newcomers part of a member's data: welcome progress, buddies, typed input, questions."""

from __future__ import annotations

import sqlite3

import aiosqlite

from storage.db import Database


async def welcome_of(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT round, step, state, started_at, updated_at, finished_at FROM welcome_progress"
        " WHERE member_id = ?",
        (member_id,),
    )


async def pending_of(db: Database, member_id: int) -> sqlite3.Row | None:
    return await db.fetch_one(
        "SELECT step AS kind, json_extract(draft, '$.text') AS text, updated_at AS since"
        " FROM conversations WHERE member_id = ? AND flow = 'wegwijs'",
        (member_id,),
    )


async def buddy_requests_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    """The member's requests as a newcomer and their pairings as a buddy (the other person stays unnamed)."""
    return await db.fetch_all(
        "SELECT CASE WHEN newcomer_id = ? THEN 'newcomer' ELSE 'buddy' END AS you_were, status,"
        " requested_at, paired_at FROM buddy_requests WHERE newcomer_id = ? OR buddy_id = ? ORDER BY id",
        (member_id, member_id, member_id),
    )


async def questions_of(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT text, language, asked_at, answer, answered_at FROM questions WHERE asker_id = ? ORDER BY id",
        (member_id,),
    )


async def answers_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT answer, answered_at FROM questions WHERE answered_by = ? AND asker_id != ? ORDER BY id",
        (member_id, member_id),
    )


async def topics_added_by(db: Database, member_id: int) -> list[sqlite3.Row]:
    return await db.fetch_all(
        "SELECT title, answer, language, added_at, removed_at FROM faq_extra_topics WHERE added_by = ?"
        " ORDER BY id",
        (member_id,),
    )


async def erase_welcome_and_pending(conn: aiosqlite.Connection, member_id: int) -> None:
    await conn.execute("DELETE FROM welcome_progress WHERE member_id = ?", (member_id,))
    await conn.execute("DELETE FROM conversations WHERE member_id = ? AND flow = 'wegwijs'", (member_id,))


async def erase_buddies(conn: aiosqlite.Connection, member_id: int) -> None:
    """Their own requests go; where they were the buddy, a current pairing ends (the newcomer may ask
    again) and the link to them is dropped (buddy_id and paired_by allow NULL)."""
    # Notices about their pairs not sent yet name them ("Sanne zoekt een buddy"): they go too.
    await conn.execute(
        "DELETE FROM outbox WHERE status = 'queued' AND EXISTS (SELECT 1 FROM buddy_requests b"
        " WHERE ? IN (b.newcomer_id, b.buddy_id) AND (outbox.dedupe_key = 'first_claim:' || b.id"
        " OR outbox.dedupe_key LIKE 'buddy_wanted:' || b.id || ':%'"
        " OR outbox.dedupe_key LIKE 'buddy_paired:' || b.id || ':%'))",
        (member_id,),
    )
    await conn.execute("DELETE FROM buddy_requests WHERE newcomer_id = ?", (member_id,))
    await conn.execute(
        "UPDATE buddy_requests SET status = 'cancelled' WHERE buddy_id = ? AND status = 'paired'",
        (member_id,),
    )
    await conn.execute("UPDATE buddy_requests SET buddy_id = NULL WHERE buddy_id = ?", (member_id,))
    await conn.execute("UPDATE buddy_requests SET paired_by = NULL WHERE paired_by = ?", (member_id,))


async def erase_questions(conn: aiosqlite.Connection, member_id: int) -> None:
    """Their questions are deleted; one a coordinator turned into a /wegwijs topic keeps its row (the topic
    points at it) with the text blanked. Answers they gave stay, without the link to them."""
    # Notices about their questions that were not sent yet go with them (they quote the question and name).
    await conn.execute(
        "DELETE FROM outbox WHERE status = 'queued' AND kind = 'notice.faq_question' AND EXISTS"
        " (SELECT 1 FROM questions q WHERE q.asker_id = ?"
        "  AND outbox.dedupe_key = 'question:' || q.id || ':' || outbox.member_id)",
        (member_id,),
    )
    # A coordinator about to type an answer to a deleted question: that flow ends.
    await conn.execute(
        "DELETE FROM conversations WHERE flow = 'wegwijs' AND step = 'answer'"
        " AND json_extract(draft, '$.ref') IN"
        " (SELECT id FROM questions WHERE asker_id = ?"
        "  AND id NOT IN (SELECT question_id FROM faq_extra_topics))",
        (member_id,),
    )
    await conn.execute(
        "DELETE FROM questions WHERE asker_id = ? AND id NOT IN (SELECT question_id FROM faq_extra_topics)",
        (member_id,),
    )
    await conn.execute("UPDATE questions SET text = '' WHERE asker_id = ?", (member_id,))
    await conn.execute("UPDATE questions SET answered_by = NULL WHERE answered_by = ?", (member_id,))
