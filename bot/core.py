"""The core, wired once: configuration, database, clock, texts and the services built on them.

Transports (the Telegram handlers, the terminal demo, a future WhatsApp bridge) receive a ``Core`` and
call its services; the core imports nothing of any transport.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.activities import Activities
from bot.announcements import Announcements
from bot.buddies import Buddies
from bot.budget import Budget
from bot.claims import Claims
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.content_loader import Content, load_content
from bot.drafts import Drafts
from bot.hours import Hours
from bot.hours_overview import HoursOverview
from bot.i18n import Texts
from bot.keys import Keys
from bot.members import Members
from bot.onboarding import Onboarding
from bot.outbox import Outbox
from bot.privacy import Privacy
from bot.questions import Wegwijs
from bot.reminder_kinds import add_standard_providers
from bot.reminders import Reminders
from storage.db import Database

# Each feature's privacy section registers itself on import (see docs/privacy.md).
from bot import (  # noqa: F401  isort: skip
    activities_privacy,
    hours_privacy,
    keys_budget_privacy,
    messages_privacy,
    onboarding_privacy,
)


@dataclass
class Core:
    config: Config
    db: Database
    clock: Clock
    texts: Texts
    members: Members
    activities: Activities
    claims: Claims
    hours: Hours
    hours_overview: HoursOverview
    content: Content
    onboarding: Onboarding
    buddies: Buddies
    wegwijs: Wegwijs
    privacy: Privacy
    keys: Keys
    budget: Budget
    drafts: Drafts
    outbox: Outbox = field(init=False)
    announcements: Announcements = field(init=False)
    reminders: Reminders = field(init=False)

    def __post_init__(self) -> None:
        self.outbox = Outbox(self.db, self.clock)
        # Other features (activities, hours) may be absent on this branch: look them up when needed.
        activities: Any = lambda: getattr(self, "activities", None)  # noqa: E731
        self.announcements = Announcements(
            self.db, self.clock, self.config, self.texts, self.members, self.outbox, activities
        )
        self.reminders = Reminders(
            self.db, self.clock, self.config.reminders, self.tz, self.texts, self.members, self.outbox
        )
        add_standard_providers(self)

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
    hours = Hours(db, clock, config, members)
    content = load_content()
    return Core(
        config=config,
        db=db,
        clock=clock,
        texts=texts or Texts.load(),
        members=members,
        activities=Activities(db, clock, members, config.community.tz),
        claims=Claims(db, clock),
        hours=hours,
        hours_overview=HoursOverview(db, clock, config, members, hours),
        content=content,
        onboarding=Onboarding(db, clock, members, content),
        buddies=Buddies(db, clock, members),
        wegwijs=Wegwijs(db, clock, members, content),
        privacy=Privacy(db, clock, members),
        keys=Keys(db, clock, members),
        budget=Budget(db, clock, members, config.community.tz),
        drafts=Drafts(db, clock),
    )
