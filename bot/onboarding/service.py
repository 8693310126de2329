"""The way in for new members: the welcome story, what they are about to type, and the coordinator view.

The welcome steps come from ``bot/content/<lang>/welcome.toml``. Progress is kept per member, so "later"
and a restart of the bot lose nothing: ``/welkom`` resumes where the member stopped. After the end, the
story can be read again; every reading has a round number so buttons of an earlier reading are old.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.content_loader import Content, WelcomeStep
from bot.errors import DomainError
from bot.members.service import Member, Members
from storage import onboarding as sql
from storage.db import Database, parse_utc

NEWCOMER_WINDOW = timedelta(days=30)


class WelcomeAlreadyFinished(DomainError):
    """A button of a welcome story the member already finished."""

    text_key = "welcome.already_finished"


class OldWelcomeButton(DomainError):
    text_key = "welcome.old_button"


@dataclass(frozen=True)
class WelcomeView:
    round: int
    index: int  # 0-based
    total: int
    step: WelcomeStep

    @property
    def is_last(self) -> bool:
        return self.index == self.total - 1


@dataclass(frozen=True)
class PendingInput:
    kind: str  # 'welcome', 'faq_question' or 'answer'
    ref: int | None
    text: str | None


@dataclass(frozen=True)
class NewcomerStatus:
    member_id: int
    name: str
    joined_at: datetime
    finished_welcome: bool
    buddy_status: str | None  # None, 'open' (asked) or 'paired'
    buddy_name: str | None


class Onboarding:
    def __init__(self, db: Database, clock: Clock, members: Members, content: Content) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._content = content

    def _steps(self, member: Member) -> tuple[WelcomeStep, ...]:
        return self._content.welcome[member.language]

    def _view(self, member: Member, round_: int, index: int) -> WelcomeView:
        steps = self._steps(member)
        index = min(max(index, 0), len(steps) - 1)
        return WelcomeView(round=round_, index=index, total=len(steps), step=steps[index])

    async def start_welcome(self, member: Member) -> WelcomeView:
        """Resume the story where the member stopped, or begin it (again, after finishing)."""
        row = await sql.welcome_progress(self._db, member.id)
        if row is None:
            round_, index = 1, 0
        elif row["state"] == "done":
            round_, index = row["round"] + 1, 0
        else:
            round_, index = row["round"], row["step"]
        return await self._save(member, round_, index, "reading")

    async def welcome_step(self, member: Member, round_: int, index: int) -> WelcomeView:
        """Go to step ``index`` (Next/Back) of reading ``round_``."""
        await self._check_round(member, round_)
        return await self._save(member, round_, index, "reading")

    async def welcome_later(self, member: Member, round_: int) -> None:
        row = await self._check_round(member, round_)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.save_welcome(conn, member.id, round_, row["step"], "later", now)
            await sql.clear_pending(conn, member.id, "welcome")

    async def finish_welcome(self, member: Member, round_: int) -> None:
        await self._check_round(member, round_)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.save_welcome(conn, member.id, round_, len(self._steps(member)) - 1, "done", now)
            await sql.mark_welcome_finished(conn, member.id, now)
            await sql.clear_pending(conn, member.id, "welcome")

    async def has_finished_welcome(self, member_id: int) -> bool:
        row = await sql.welcome_progress(self._db, member_id)
        return row is not None and row["finished_at"] is not None

    async def welcome_view(self, member: Member) -> WelcomeView | None:
        """The step the member is reading now, if they are reading."""
        row = await sql.welcome_progress(self._db, member.id)
        if row is None or row["state"] != "reading":
            return None
        return self._view(member, row["round"], row["step"])

    async def _check_round(self, member: Member, round_: int) -> Any:
        row = await sql.welcome_progress(self._db, member.id)
        if row is None or row["round"] != round_:
            raise OldWelcomeButton()
        if row["state"] == "done":
            raise WelcomeAlreadyFinished()
        return row

    async def _save(self, member: Member, round_: int, index: int, state: str) -> WelcomeView:
        view = self._view(member, round_, index)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.save_welcome(conn, member.id, round_, view.index, state, now)
            await sql.set_pending(conn, member.id, "welcome", round_, None, now)
        return view

    # --- what the member is about to type -------------------------------------------------------------

    async def pending(self, member_id: int) -> PendingInput | None:
        row = await sql.pending(self._db, member_id)
        return None if row is None else PendingInput(row["kind"], row["ref"], row["text"])

    async def expect(
        self, member_id: int, kind: str, ref: int | None = None, text: str | None = None
    ) -> None:
        async with self._db.transaction() as conn:
            await sql.set_pending(conn, member_id, kind, ref, text, self._clock.now())

    async def stop_expecting(self, member_id: int, kind: str | None = None) -> None:
        async with self._db.transaction() as conn:
            await sql.clear_pending(conn, member_id, kind)

    # --- coordinator view -----------------------------------------------------------------------------

    async def recent_newcomers(self) -> list[NewcomerStatus]:
        """Members who joined in the last 30 days, newest first, with their welcome and buddy state."""
        rows = await sql.newcomers_since(self._db, self._clock.now() - NEWCOMER_WINDOW)
        result = []
        for row in rows:
            joined = parse_utc(row["joined_at"])
            assert joined is not None
            result.append(
                NewcomerStatus(
                    member_id=row["id"],
                    name=row["display_name"] or "",
                    joined_at=joined,
                    finished_welcome=row["welcome_finished_at"] is not None,
                    buddy_status=row["buddy_status"],
                    buddy_name=row["buddy_name"],
                )
            )
        return result
