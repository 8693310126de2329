"""Private feed URLs: made and revoked by the member, read by the HTTP server (bot-independent).

The token is the only secret: 32 random bytes, URL-safe. A revoked token, an erased or removed member's
token, or a made-up one all answer the same: nothing (the server says 404).
"""

from __future__ import annotations

import secrets
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.activities.ics import agenda_ics, claims_ics
from bot.activities.service import Activities
from bot.clock import Clock
from bot.config import Config
from bot.errors import NotAllowed
from bot.members.service import Member, Members, Role
from bot.rooms import Rooms
from storage import calendar_feeds as sql
from storage.db import Database


class Core(Protocol):
    """The services this module reads (bot.core.Core provides them)."""

    activities: Activities
    clock: Clock
    config: Config
    db: Database
    members: Members
    rooms: Rooms

    @property
    def tz(self) -> ZoneInfo: ...


SCOPES = ("mine", "all", "public")


def feed_url(core: Core, token: str) -> str:
    calendar = core.config.calendar
    base = (calendar.public_url or f"http://{calendar.listen}").rstrip("/")
    return f"{base}/cal/{token}.ics"


async def new_feed(core: Core, member: Member, scope: str) -> str:
    """A new feed URL; 'public' only for a coordinator."""
    if scope not in SCOPES:
        raise NotAllowed()
    if scope == "public" and core.members.role_of(member) is not Role.COORDINATOR:
        raise NotAllowed()
    token = secrets.token_urlsafe(32)
    async with core.db.transaction() as conn:
        await sql.insert(conn, token, member.id, scope, core.clock.now())
    return feed_url(core, token)


async def revoke_feeds(core: Core, member: Member) -> int:
    """Every feed this member made stops working; how many."""
    async with core.db.transaction() as conn:
        return await sql.revoke_all(conn, member.id, core.clock.now())


async def live_feeds(core: Core, member: Member) -> list[tuple[str, str]]:
    return [(row["scope"], feed_url(core, row["token"])) for row in await sql.live_of(core.db, member.id)]


async def feed_ics(core: Core, token: str) -> bytes | None:
    """The calendar behind a token, or None (unknown, revoked, member gone)."""
    row = await sql.live(core.db, token)
    if row is None:
        return None
    now = core.clock.now()
    name = core.config.community.name
    lang = core.config.community.language

    def place(where: str) -> str:
        return core.rooms.place_name(where, lang)

    if row["scope"] == "mine":
        claims = await core.activities.upcoming_claims(row["member_id"])
        return claims_ics(claims, core.tz, now, name, place)
    return agenda_ics(await core.activities.everything(), core.tz, now, name, place)
