"""The invite code: never a guessable default, and guessing it is slow.

The code is the one a coordinator made last with /uitnodiging (kept in the database), else
``[access] invite_code``, else a random one made and kept at the first start. Wrong codes count per
Telegram user: after ``TRIES_PER_HOUR`` within an hour every further try is refused unread, and all
wrong codes together are capped per hour as well, so many accounts cannot guess in parallel either.
"""

from __future__ import annotations

import hmac
import secrets
import string
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.config import AccessConfig
from bot.errors import DomainError
from storage import invites as sql
from storage.db import Database

ALPHABET = string.ascii_lowercase + string.digits
CODE_LENGTH = 12
TRIES_PER_HOUR = 5
ALL_TRIES_PER_HOUR = 200
HOUR = timedelta(hours=1)


class WrongInviteCode(DomainError):
    text_key = "join.wrong_code"


class TooManyTries(DomainError):
    text_key = "join.too_many_tries"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


class Invites:
    def __init__(self, db: Database, clock: Clock, access: AccessConfig) -> None:
        self._db = db
        self._clock = clock
        self._access = access
        self._wrong: dict[int, list[datetime]] = {}
        self._all_wrong: list[datetime] = []
        #: Set when this process made the code, so the start-up can print it once.
        self.generated: str | None = None

    async def current(self) -> str:
        code = await sql.stored(self._db) or self._access.invite_code
        if not code:
            code = self.generated = new_code()
            await sql.store(self._db, code, self._clock.now())
        return code

    async def renew(self) -> str:
        """A new code; links with the old one stop working (the caller checked the coordinator role)."""
        code = new_code()
        await sql.store(self._db, code, self._clock.now())
        return code

    async def check(self, telegram_id: int, code: str) -> None:
        """``WrongInviteCode``, or ``TooManyTries`` once this person (or everyone) guessed too often."""
        now = self._clock.now()
        mine = [t for t in self._wrong.get(telegram_id, []) if now - t < HOUR]
        self._all_wrong = [t for t in self._all_wrong if now - t < HOUR]
        if len(mine) >= TRIES_PER_HOUR or len(self._all_wrong) >= ALL_TRIES_PER_HOUR:
            raise TooManyTries()
        if hmac.compare_digest(code.strip().encode(), (await self.current()).encode()):
            return
        self._wrong[telegram_id] = [*mine, now]
        self._all_wrong.append(now)
        raise WrongInviteCode()
