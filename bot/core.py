"""The core, wired once: configuration, database, clock, texts and the services built on them.

Transports (the Telegram handlers, the terminal demo, a future WhatsApp bridge) receive a ``Core`` and
call its services; the core imports nothing of any transport.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.activities.claims import Claims
from bot.activities.service import Activities
from bot.announcements.service import Announcements
from bot.budget.service import Budget
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.coordinator import name_the_coordinator
from bot.drafts import Drafts
from bot.hours.overview import HoursOverview
from bot.hours.service import Hours
from bot.i18n import Texts
from bot.keys.service import Keys
from bot.members.service import Members
from bot.onboarding.buddies import Buddies
from bot.onboarding.content import Content, load_content
from bot.onboarding.questions import Wegwijs
from bot.onboarding.service import Onboarding
from bot.outbox import Outbox
from bot.privacy import Privacy
from bot.reminders.kinds import add_standard_providers
from bot.reminders.service import Reminders
from storage.db import Database

# Each feature's privacy section registers itself on import (see docs/privacy.md).
from bot.activities import privacy as activities_privacy  # noqa: F401  isort: skip
from bot.announcements import privacy as messages_privacy  # noqa: F401  isort: skip
from bot.calendar import privacy as calendar_privacy  # noqa: F401  isort: skip
from bot.hours import privacy as hours_privacy  # noqa: F401  isort: skip
from bot.inbox import privacy as replies_privacy  # noqa: F401  isort: skip
from bot.keys import privacy as keys_budget_privacy  # noqa: F401  isort: skip
from bot.onboarding import privacy as onboarding_privacy  # noqa: F401  isort: skip
from bot.report import privacy as visitors_privacy  # noqa: F401  isort: skip


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
    texts = texts or Texts.load()
    name_the_coordinator(texts, config.community)
    return Core(
        config=config,
        db=db,
        clock=clock,
        texts=texts,
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
