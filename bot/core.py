"""The core, wired once: configuration, database, clock, texts and the services built on them.

Transports (the Telegram handlers, the terminal demo, a future WhatsApp bridge) receive a ``Core`` and
call its services; the core imports nothing of any transport.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot import channel_privacy, conversation_privacy, leaving
from bot.activities import notices as activities_notices
from bot.activities import privacy as activities_privacy
from bot.activities.claims import Claims
from bot.activities.group_post import GroupPosts
from bot.activities.service import Activities
from bot.announcements import privacy as messages_privacy
from bot.announcements.service import Announcements
from bot.budget import notices as budget_notices
from bot.budget.service import Budget
from bot.calendar import privacy as calendar_privacy
from bot.clock import Clock, SystemClock
from bot.config import Config, parse_hhmm
from bot.content_loader import Content, load_content
from bot.conversation import Conversations
from bot.coordinator import name_the_coordinator
from bot.hours import privacy as hours_privacy
from bot.hours.overview import HoursOverview
from bot.hours.service import Hours
from bot.i18n import Texts
from bot.inbox import privacy as replies_privacy
from bot.keys import notices as keys_notices
from bot.keys import privacy as keys_budget_privacy
from bot.keys.service import Keys
from bot.leaving import LeaveStep, Leaving
from bot.members.service import Members
from bot.notices import NoticeKinds, Notices, kinds_in
from bot.onboarding import notices as onboarding_notices
from bot.onboarding import privacy as onboarding_privacy
from bot.onboarding.buddies import Buddies
from bot.onboarding.questions import Wegwijs
from bot.onboarding.service import Onboarding
from bot.outbox import Outbox
from bot.privacy import Privacy
from bot.quiet import QuietHours
from bot.reminders.kinds import Sources, standard_providers
from bot.reminders.service import Reminders
from bot.report import privacy as visitors_privacy
from bot.rooms import Rooms
from storage.db import Database

#: Every feature's part of a member's data (see docs/privacy.md); the members part is built in.
PRIVACY_SECTIONS = (
    activities_privacy.SECTION,
    hours_privacy.SECTION,
    keys_budget_privacy.SECTION,
    messages_privacy.SECTION,
    onboarding_privacy.SECTION,
    channel_privacy.SECTION,
    conversation_privacy.SECTION,
    calendar_privacy.SECTION,
    replies_privacy.SECTION,
    visitors_privacy.SECTION,
)

#: Every module that declares kinds of notices (``bot.notices.notice_kind``); a test checks none is missed.
NOTICE_MODULES = (activities_notices, budget_notices, keys_notices, onboarding_notices, leaving)


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
    conversations: Conversations
    rooms: Rooms
    outbox: Outbox
    notices: Notices
    leaving: Leaving
    group_posts: GroupPosts
    announcements: Announcements = field(init=False)
    reminders: Reminders = field(init=False)
    reminder_sources: Sources = field(init=False)

    def __post_init__(self) -> None:
        self.announcements = Announcements(
            self.db, self.clock, self.config, self.texts, self.members, self.outbox, self.activities
        )
        sources = Sources(
            config=self.config.reminders,
            tz=self.tz,
            texts=self.texts,
            rooms=self.rooms,
            members=self.members,
            activities=self.activities,
            keys=self.keys,
            hours=self.hours,
            db=self.db,
        )
        self.reminder_sources = sources
        self.reminders = Reminders(
            self.db,
            self.clock,
            self.config.reminders,
            self.tz,
            self.texts,
            self.members,
            self.outbox,
            standard_providers(sources),
        )

    @property
    def tz(self) -> ZoneInfo:
        return self.config.community.tz

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) moment as the people in the flat read it."""
        return moment.astimezone(self.tz)

    def local_now(self) -> datetime:
        return self.local(self.clock.now())

    async def recover_delivery(self) -> int:
        """At start-up, before sending resumes: rows a crash left in flight go again, and announcements
        whose last row was settled just before the crash get their report. Returns the rows re-queued."""
        recovered = await self.outbox.recover()
        await self.announcements.finish_stranded()
        return recovered

    async def close(self) -> None:
        await self.db.close()


def quiet_hours(config: Config) -> QuietHours:
    start, end = parse_hhmm(config.reminders.quiet_start), parse_hhmm(config.reminders.quiet_end)
    assert start and end  # checked when the config was loaded
    return QuietHours(config.community.tz, time(*start), time(*end))


async def open_core(config: Config, clock: Clock | None = None, texts: Texts | None = None) -> Core:
    clock = clock or SystemClock()
    texts = texts or Texts.load()
    name_the_coordinator(texts, config.community)
    db = await Database.open(config.storage.path)
    tz = config.community.tz
    quiet = quiet_hours(config)
    outbox = Outbox(db, clock, quiet=quiet)
    members = Members(db, clock, config.access, config.community.language, outbox)
    hours = Hours(db, clock, config, members)
    content = load_content()
    rooms = Rooms(content, config.community.language)
    notices = Notices(texts, rooms, tz, outbox, NoticeKinds(kinds_in(*NOTICE_MODULES)))
    buddies = Buddies(db, clock, members, notices)
    group_posts = GroupPosts(
        db, clock, texts, rooms, tz, config.community.language, config.telegram.group_chat_id, outbox
    )
    # What a claim sets off in other features, and what follows any change of an activity's places,
    # each in the use case's own transaction.
    claims = Claims(
        db,
        clock,
        notices,
        after_claim=[buddies.first_claim_in],
        after_change=[group_posts.refresh_in],
        quiet=quiet,
    )
    activities = Activities(
        db,
        clock,
        members,
        tz,
        notices,
        after_change=[group_posts.refresh_in],
        per_week=config.access.activities_per_week,
    )
    keys = Keys(db, clock, members, notices)
    budget = Budget(db, clock, members, tz, notices, config.budget)
    privacy = Privacy(db, clock, members, PRIVACY_SECTIONS)
    # What a leaving member hands on, feature by feature (bot/leaving.py).
    steps = [LeaveStep(f.holdings_of, f.release_for) for f in (claims, keys, budget, buddies)]
    return Core(
        config=config,
        db=db,
        clock=clock,
        texts=texts,
        members=members,
        activities=activities,
        claims=claims,
        hours=hours,
        hours_overview=HoursOverview(db, clock, config, members, hours),
        content=content,
        onboarding=Onboarding(db, clock, members, content),
        buddies=buddies,
        wegwijs=Wegwijs(db, clock, members, content, notices),
        privacy=privacy,
        keys=keys,
        budget=budget,
        conversations=Conversations(db, clock),
        rooms=rooms,
        outbox=outbox,
        notices=notices,
        leaving=Leaving(db, clock, members, privacy, notices, steps),
        group_posts=group_posts,
    )
