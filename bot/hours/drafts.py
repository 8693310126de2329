"""Hours drafts: a logged amount is built step by step (amount, day, category) and saved once.

A draft is single use. The member's conversation (``bot.conversation``, flow ``hours``) points at their
open draft and says whether their next plain message answers a question (step ``amount`` or ``day``); it
is written in the same transaction as the draft, so the two never disagree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.conversation import clear_in, put_in
from bot.hours.days import day_token_form, find_day, glue_phrases
from bot.hours.models import DayNotUnderstood, Draft, DraftUsed, UnknownCategory, draft_from, guess_category
from bot.hours.parse import parse_hours_entry
from bot.hours.prompts import prompt_for
from bot.hours.rules import HoursRules
from bot.members.service import Member
from bot.text_errors import DateTooOld, DayUnclear, HoursAmbiguous, TimeNotUnderstood
from storage import hours as sql

DRAFT_LIFETIME = timedelta(days=2)
FLOW = "hours"


class HoursDrafts(HoursRules):
    async def draft_from_text(self, member: Member, text: str) -> Draft:
        """Understand '2,5 gisteren koffieochtend' into a draft waiting for Confirm (category guessed).

        An unsure amount ('2-3 uur', 'een tijdje') still keeps the day and label: the draft waits for the
        amount and ``HoursAmbiguous`` is raised again with its ``draft_id`` for the choice buttons.
        """
        try:
            parsed = parse_hours_entry(
                text,
                self._clock.now(),
                tz=self._config.community.tz,
                lang=member.language,
                max_days_back=self.max_days_back,
                max_hours=self._config.hours.max_hours_per_entry,
            )
        except HoursAmbiguous as unsure:
            label = unsure.params["label"]
            draft = await self._new_draft(
                {
                    "member_id": member.id,
                    "day": unsure.params["day"],
                    "label": label,
                    "category": guess_category(label, self.categories),  # type: ignore[arg-type]
                }
            )
            options = [m for m in unsure.params["options"] if 0 < m <= self._max_minutes()]  # type: ignore[attr-defined]
            raise type(unsure)(options=options, draft_id=draft.id) from None
        except DayUnclear as unclear:  # "2 uur vorige week": keep the amount, ask the day
            minutes, label = unclear.params["minutes"], unclear.params["label"]
            self._check_minutes(minutes)  # type: ignore[arg-type]
            values = {"member_id": member.id, "minutes": minutes, "label": label}
            values["category"] = guess_category(label, self.categories)  # type: ignore[arg-type]
            return await self._new_draft(values)
        self._check_minutes(parsed.minutes)
        values = {
            "member_id": member.id,
            "minutes": parsed.minutes,
            "day": parsed.day.isoformat(),
            "label": parsed.label,
            "category": guess_category(parsed.label, self.categories),
        }
        return await self._new_draft(values)

    async def start_draft(self, member: Member, minutes: int | None = None) -> Draft:
        if minutes is not None:
            self._check_minutes(minutes)
        return await self._new_draft({"member_id": member.id, "minutes": minutes})

    async def claim_draft(self, member: Member, claim_id: int) -> Draft:
        """A draft for a claimed task whose amount the member will choose or type."""
        found = await prompt_for(self._db, member, claim_id)
        values = {
            "member_id": member.id,
            "day": found.day.isoformat(),
            "category": self._claim_category(),
            "label": found.title,
            "activity_id": found.activity_id,
            "claim_id": found.claim_id,
        }
        return await self._new_draft(values)

    def _max_minutes(self) -> int:
        return self._config.hours.max_hours_per_entry * 60

    def parse_day(self, text: str) -> date:
        """A typed day ('zaterdag', '14 november', '14-11'), read backwards from today."""
        words = glue_phrases(text).lower().split()
        try:
            found = find_day(" ".join(day_token_form(w) or w for w in words), self.today())
        except (TimeNotUnderstood, DayUnclear):
            raise DayNotUnderstood(text=text.strip()[:40]) from None
        if found.day is None or found.rest.strip(" ,."):
            raise DayNotUnderstood(text=text.strip()[:40])
        self._check_day(found.day, allow_old=False)
        return found.day

    def _claim_category(self) -> str:
        return "activity" if "activity" in self.categories else self.categories[-1]

    async def edit_draft(self, actor: Member, entry_id: int) -> Draft:
        """A draft holding an existing entry, to change it and confirm again."""
        entry = await self.entry(actor, entry_id)
        values = {
            "member_id": entry.member_id,
            "entry_id": entry.id,
            "minutes": entry.minutes,
            "day": entry.day.isoformat(),
            "category": entry.category,
            "label": entry.label,
            "activity_id": entry.activity_id,
        }
        return await self._new_draft(values, owner=actor.id)

    async def _new_draft(self, values: dict[str, Any], owner: int | None = None) -> Draft:
        now = self._clock.now()
        async with self._db.transaction() as conn:
            await sql.delete_old_drafts(conn, now - DRAFT_LIFETIME)
            # The draft belongs to whoever builds it (a coordinator editing someone's entry).
            builder = owner or values["member_id"]
            draft_id = await sql.insert_draft(conn, {**values, "member_id": builder}, now)
            await _point_at(conn, builder, draft_id, "draft", values.get("day"), now)
            row = await sql.draft_in(conn, draft_id)  # read on the write connection: no extra query
        assert row is not None
        return draft_from(row)

    async def draft(self, member: Member, draft_id: int) -> Draft:
        """The member's open draft; ``DraftUsed`` for one already saved, cancelled or someone else's."""
        row = await sql.draft(self._db, draft_id)
        if row is None or row["member_id"] != member.id or row["used_at"] is not None:
            raise DraftUsed()
        return draft_from(row)

    async def set_minutes(self, member: Member, draft_id: int, minutes: int) -> Draft:
        self._check_minutes(minutes)
        return await self._set(member, draft_id, "minutes", minutes)

    async def set_day(self, member: Member, draft_id: int, day: date) -> Draft:
        self._check_day(day, allow_old=False)
        return await self._set(member, draft_id, "day", day.isoformat())

    async def set_days_ago(self, member: Member, draft_id: int, days_ago: int) -> Draft:
        """The day buttons: today (0), yesterday (1), ... never further back than the rules allow."""
        if not 0 <= days_ago <= self.max_days_back:
            raise DateTooOld(day="", max_days_back=self.max_days_back)
        return await self.set_day(member, draft_id, self.today() - timedelta(days=days_ago))

    async def set_category(self, member: Member, draft_id: int, category: str) -> Draft:
        if category not in self.categories:
            raise UnknownCategory()
        return await self._set(member, draft_id, "category", category)

    async def clear_field(self, member: Member, draft_id: int, step: str) -> Draft:
        """Forget one part of the draft so it is asked again ('amount', 'day' or 'category')."""
        name = {"amount": "minutes", "day": "day", "category": "category"}[step]
        return await self._set(member, draft_id, name, None)

    async def wait_for_text(self, member: Member, draft_id: int, step: str) -> Draft:
        """The member will type the amount or the day; their next plain message answers this draft."""
        draft = await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            day = draft.day.isoformat() if draft.day else None
            await _point_at(conn, member.id, draft_id, step, day, self._clock.now())
        return draft

    async def cancel_draft(self, member: Member, draft_id: int) -> None:
        await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            await sql.use_draft(conn, draft_id, self._clock.now())
            await clear_in(conn, member.id, FLOW)

    async def _set(self, member: Member, draft_id: int, name: str, value: Any) -> Draft:
        await self.draft(member, draft_id)
        async with self._db.transaction() as conn:
            if not await sql.set_draft_field(conn, draft_id, name, value):
                raise DraftUsed()
            row = await sql.draft_in(conn, draft_id)
            assert row is not None
            await _point_at(conn, member.id, draft_id, "draft", row["day"], self._clock.now())
        return await self.draft(member, draft_id)


async def _point_at(
    conn: aiosqlite.Connection, member_id: int, draft_id: int, step: str, day: str | None, now: datetime
) -> None:
    """The member's conversation: their open hours draft, and the question it waits for (if any)."""
    await put_in(conn, member_id, FLOW, step, {"draft_id": draft_id, "day": day}, now)
