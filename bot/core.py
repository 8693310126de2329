"""The core, wired once: configuration, database, clock, texts and the services built on them.

Transports (the Telegram handlers, the terminal demo, a future WhatsApp bridge) receive a ``Core`` and
call its services; the core imports nothing of any transport.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.budget import Budget
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.drafts import Drafts
from bot.i18n import Texts
from bot.keys import Keys
from bot.members import Members
from storage.db import Database


@dataclass
class Core:
    config: Config
    db: Database
    clock: Clock
    texts: Texts
    members: Members
    keys: Keys
    budget: Budget
    drafts: Drafts

    @property
    def tz(self) -> ZoneInfo:
        return self.config.community.tz

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) moment as the people in the flat read it."""
        return moment.astimezone(self.tz)

    def local_now(self) -> datetime:
        return self.local(self.clock.now())

    async def close(self) -> None:
        await self.db.close()


async def open_core(config: Config, clock: Clock | None = None, texts: Texts | None = None) -> Core:
    clock = clock or SystemClock()
    db = await Database.open(config.storage.path)
    members = Members(db, clock, config.access, config.community.language)
    return Core(
        config=config,
        db=db,
        clock=clock,
        texts=texts or Texts.load(),
        members=members,
        keys=Keys(db, clock, members),
        budget=Budget(db, clock, members, config.community.tz),
        drafts=Drafts(db, clock),
    )
