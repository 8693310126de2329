"""The newcomers part of /mijngegevens and /vergeetmij: welcome story, buddies, typed input, questions.

Erasing deletes everything here that is about the person: how far they read the welcome, what they were
about to type, their buddy requests and the questions they asked (free text that may name them). Where
they helped others, the group keeps the result without the link: answers they gave stay (answered_by
NULL), /wegwijs topics they added stay (``added_by`` is NOT NULL and points at the anonymous row).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.privacy import PrivacySection
from storage import onboarding_privacy as sql
from storage.db import Database


async def export_onboarding(db: Database, member_id: int) -> dict[str, Any]:
    welcome = await sql.welcome_of(db, member_id)
    pending = await sql.pending_of(db, member_id)
    return {
        "welcome": None if welcome is None else dict(welcome),
        "waiting_for_your_text": None if pending is None else dict(pending),
        "buddy": [dict(row) for row in await sql.buddy_requests_of(db, member_id)],
        "questions_asked": [dict(row) for row in await sql.questions_of(db, member_id)],
        "answers_given": [dict(row) for row in await sql.answers_by(db, member_id)],
        "wegwijs_topics_added": [dict(row) for row in await sql.topics_added_by(db, member_id)],
    }


async def erase_onboarding(conn: aiosqlite.Connection, member_id: int, now: datetime) -> None:
    await sql.erase_welcome_and_pending(conn, member_id)
    await sql.erase_buddies(conn, member_id)
    await sql.erase_questions(conn, member_id)
    # faq_extra_topics.added_by is NOT NULL: the topic is the group's, its adder is now anonymous.


SECTION = PrivacySection(
    "onboarding",
    export_onboarding,
    erase_onboarding,
    tables=("welcome_progress", "buddy_requests", "questions", "faq_extra_topics"),
)
