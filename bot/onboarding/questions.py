"""/wegwijs beyond the files: questions forwarded to the coordinators, their answers, and answers added
to the FAQ with one press.

Topics added this way live in the database next to the versioned content files and are searched and
browsed together with them (category ``ASKED_CATEGORY``). An added topic is shown in both languages in
the language it was written in: better an answer in the other language than none.
"""

from __future__ import annotations

import asyncio
import html
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from bot.clock import Clock
from bot.content_loader import Content, FaqCategory, FaqTopic
from bot.errors import DomainError, NotAllowed, NotFound
from bot.languages import LANGUAGES
from bot.members.service import Member, Members, Role
from bot.notices import Notice, Notices
from bot.onboarding.faq import FaqHit, FaqIndex, validate_question
from bot.onboarding.notices import ANSWER_FOR_YOU, QUESTION
from storage import onboarding as onboarding_sql
from storage import questions as sql
from storage.db import Database, parse_utc

ASKED_CATEGORY = "gevraagd"
EXTRA_PREFIX = "vraag"  # ids of added topics: "vraag12"
MAX_ANSWER_CHARS = 3000
TITLE_CHARS = 60  # an added topic's title (and button label) is the question, cut here


class AlreadyAnswered(DomainError):
    text_key = "faq.already_answered"


class NotAnsweredYet(DomainError):
    text_key = "faq.add_needs_answer"


class AlreadyInFaq(DomainError):
    text_key = "faq.already_added"


class AnswerEmpty(DomainError):
    text_key = "faq.answer_empty"


class AnswerTooLong(DomainError):
    text_key = "faq.answer_too_long"


@dataclass(frozen=True)
class Question:
    id: int
    asker: Member
    language: str
    text: str
    asked_at: datetime
    answer: str | None
    answered_by: Member | None


class Wegwijs:
    """The FAQ as members see it: the content files plus the topics coordinators added."""

    def __init__(
        self, db: Database, clock: Clock, members: Members, content: Content, notices: Notices
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._content = content
        self._notices = notices
        self._index: FaqIndex | None = None
        self._combined: Content | None = None
        self._building = asyncio.Lock()  # one build at a time; the others wait for its result

    # --- searching and browsing ---------------------------------------------------------------------

    async def warm_up(self) -> None:
        """Build the search index now (about half a second: the Dutch and English lemma lists), so the
        first question after a start neither waits for it nor slows everyone else's answers meanwhile."""
        await self._current()

    async def _current(self, lang: str | None = None) -> tuple[Content, FaqIndex]:
        """The topics and the index, with what a search in ``lang`` needs built (off the event loop)."""
        async with self._building:
            content, index = await self._build_once()
            if lang is not None and not index.ready(lang):
                await asyncio.to_thread(index.prepare, lang)
            return content, index

    async def _build_once(self) -> tuple[Content, FaqIndex]:
        if self._index is None or self._combined is None:
            extra = tuple(_extra_topic(row) for row in await sql.extra_topics(self._db))
            combined = self._content
            if extra:
                asked = FaqCategory(ASKED_CATEGORY, ASKED_CATEGORY)
                combined = replace(
                    self._content,
                    faq={lang: (*self._content.faq[lang], *extra) for lang in LANGUAGES},
                    categories={lang: (*self._content.categories[lang], asked) for lang in LANGUAGES},
                )
            # Building takes half a second (lemma lists): off the event loop, so the bot keeps answering
            # others meanwhile.
            index = await asyncio.to_thread(FaqIndex, combined)
            self._combined, self._index = combined, index
        return self._combined, self._index

    async def search(self, query: str, lang: str, limit: int = 3) -> list[FaqHit]:
        """Best topics first; ``QuestionEmpty``/``QuestionTooLong`` for unusable input."""
        question = validate_question(query)
        _, index = await self._current(lang)
        return index.search(question, lang, limit)

    async def categories(self, lang: str) -> list[tuple[FaqCategory, list[FaqTopic]]]:
        _, index = await self._current()
        return index.topics_by_category(lang)

    async def topic(self, lang: str, topic_id: str) -> FaqTopic:
        content, _ = await self._current()
        topic = content.topic(lang, topic_id)
        if topic is None:
            raise NotFound(f"topic {topic_id}")
        return topic

    # --- questions for the coordinator --------------------------------------------------------------

    async def ask(self, asker: Member, text: str) -> tuple[Question, int]:
        """Forward a question to the coordinators: stored and queued for each of them in one transaction,
        and the typed text it came from forgotten in it too; also how many coordinators it reaches. The
        same question again while it waits (a retry after the bot went silent) is the same question:
        nothing is stored or sent twice."""
        question = validate_question(text)
        coordinators = [c for c in await self._members.coordinator_ids() if c != asker.id]
        async with self._db.transaction() as conn:
            question_id = await sql.same_unanswered(conn, asker.id, question)
            if question_id is None:
                question_id = await sql.insert(conn, asker.id, asker.language, question, self._clock.now())
            data = {"question_id": question_id, "name": asker.name, "question": question}
            reached = await self._notices.tell_all_in(
                conn, coordinators, Notice(QUESTION, data), key=f"question:{question_id}"
            )
            await onboarding_sql.forget_pending_text(conn, asker.id)
        self._notices.wake()
        return await self.question(question_id), reached

    async def question(self, question_id: int) -> Question:
        row = await sql.by_id(self._db, question_id)
        if row is None:
            raise NotFound(f"question {question_id}")
        return await self._question(row)

    async def check_unanswered(self, question_id: int) -> Question:
        """The question, or ``AlreadyAnswered`` naming who answered it."""
        question = await self.question(question_id)
        if question.answer is not None:
            raise AlreadyAnswered(name=question.answered_by.name if question.answered_by else "")
        return question

    async def answer(self, coordinator: Member, question_id: int, text: str) -> tuple[Question, bool]:
        """Store a coordinator's answer and queue it for the asker in the same transaction; also whether
        the asker can be reached."""
        self._require_coordinator(coordinator)
        answer = text.strip()
        if not answer:
            raise AnswerEmpty()
        if len(answer) > MAX_ANSWER_CHARS:
            raise AnswerTooLong(max_chars=MAX_ANSWER_CHARS)
        question = await self.check_unanswered(question_id)
        notice = Notice(ANSWER_FOR_YOU, {"question": question.text, "answer": answer})
        async with self._db.transaction() as conn:
            stored = await sql.answer(conn, question_id, answer, coordinator.id, self._clock.now())
            reached = stored and await self._notices.tell_in(
                conn, question.asker.id, notice, key=f"answer:{question_id}"
            )
        self._notices.wake()
        if not stored:
            await self.check_unanswered(question_id)
        return await self.question(question_id), reached

    async def add_to_faq(self, coordinator: Member, question_id: int) -> FaqTopic:
        """One press: the answered question becomes a /wegwijs topic."""
        self._require_coordinator(coordinator)
        question = await self.question(question_id)
        if question.answer is None:
            raise NotAnsweredYet()
        title = question.text if len(question.text) <= TITLE_CHARS else question.text[: TITLE_CHARS - 1] + "…"
        title = " ".join(title.split())
        async with self._db.transaction() as conn:
            topic_id = await sql.add_extra_topic(
                conn,
                question.id,
                question.language,
                title,
                question.answer,
                coordinator.id,
                self._clock.now(),
            )
        if topic_id is None:
            raise AlreadyInFaq()
        self._index = self._combined = None
        return await self.topic(question.language, f"{EXTRA_PREFIX}{topic_id}")

    def _require_coordinator(self, member: Member) -> None:
        if self._members.role_of(member) is not Role.COORDINATOR:
            raise NotAllowed()

    async def _question(self, row: sqlite3.Row) -> Question:
        asked = parse_utc(row["asked_at"])
        assert asked is not None
        return Question(
            id=row["id"],
            asker=await self._members.get(row["asker_id"]),
            language=row["language"],
            text=row["text"],
            asked_at=asked,
            answer=row["answer"],
            answered_by=None if row["answered_by"] is None else await self._members.get(row["answered_by"]),
        )


def _extra_topic(row: sqlite3.Row) -> FaqTopic:
    """An added question as a topic: typed text is plain, so it is escaped into the HTML body."""
    return FaqTopic(
        id=f"{EXTRA_PREFIX}{row['id']}",
        category=ASKED_CATEGORY,
        title=row["title"],
        keywords=(),
        body=html.escape(row["answer"], quote=False),
    )
