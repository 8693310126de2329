"""The coordinator's inbox: open items gathered from the other features, and marking one as handled.

What it lists, per kind, is declared in bot/inbox/sources.py. Most items leave by themselves when their
own action is done (a question answered, a buddy paired, a budget request decided, a key handed over).
Items without such an end (a new member, a quiet member, a key request sorted out by phone) are marked
handled here; a quiet member's mark lasts for the month.
"""

from __future__ import annotations

from bot.errors import DomainError, NotAllowed
from bot.inbox.sources import KINDS, SOURCES, Core, InboxItem, Moment
from bot.members.service import Member, Role
from bot.outbox import NOTICE, NewMessage
from storage import inbox as sql

__all__ = ["KINDS", "Core", "Inbox", "InboxItem", "ItemGone"]


class ItemGone(DomainError):
    """The item was handled meanwhile (by this or another coordinator)."""

    text_key = "inbox.item_gone"


class Inbox:
    def __init__(self, core: Core) -> None:
        self._core = core

    async def items(self, actor: Member) -> list[InboxItem]:
        """Every open item, in the order of ``SOURCES`` and, within a kind, oldest first."""
        self._require_coordinator(actor)
        core = self._core
        now = core.clock.now()
        moment = Moment(now, core.local(now), core.config.access.newcomer_days)
        handled = await sql.handled_refs(core.db)
        found: list[InboxItem] = []
        for source in SOURCES:
            found += await source.items(core, moment)
        return [item for item in found if (item.kind, item.ref) not in handled]

    async def count(self, actor: Member) -> int:
        return len(await self.items(actor))

    async def item(self, actor: Member, kind: str, ref: str) -> InboxItem:
        """One open item; ``ItemGone`` when it was handled meanwhile."""
        for item in await self.items(actor):
            if item.kind == kind and item.ref == ref:
                return item
        raise ItemGone()

    async def mark_handled(self, actor: Member, kind: str, ref: str) -> InboxItem:
        """The coordinator says this item needs nothing more; it leaves /open."""
        item = await self.item(actor, kind, ref)
        async with self._core.db.transaction() as conn:
            if not await sql.mark_handled(conn, kind, ref, self._core.clock.now()):
                raise ItemGone()
        return item

    async def ask_for_receipt(self, actor: Member, ref: str) -> InboxItem:
        """Ask the member to send the missing receipt: the reminder is queued in the same transaction
        that takes the item off the list, so it goes exactly once."""
        item = await self.item(actor, "receipt", ref)
        core = self._core
        member = await core.members.get(item.params["member_id"])
        async with core.db.transaction() as conn:
            if not await sql.mark_handled(conn, "receipt", ref, core.clock.now()):
                raise ItemGone()
            if member.telegram_id is not None and member.is_active:
                text = core.texts.get(
                    member.language,
                    "inbox.receipt_reminder",
                    purpose=item.params["purpose"],
                    coordinator=actor.name,
                )
                await core.outbox.enqueue_in(
                    conn,
                    [
                        NewMessage(
                            chat_id=member.telegram_id,
                            text=text,
                            dedupe_key=f"inbox:receipt:{ref}",
                            kind=NOTICE,
                            member_id=member.id,
                        )
                    ],
                )
        core.outbox.wake()
        return item

    def _require_coordinator(self, actor: Member) -> None:
        if self._core.members.role_of(actor) is not Role.COORDINATOR:
            raise NotAllowed()
