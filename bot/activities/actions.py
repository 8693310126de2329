"""Buttons of the activities feature that a notice carries (declared in the core so a notice can hold
them; served by handlers/activities)."""

from __future__ import annotations

from bot.callbacks import action

OFFER_YES = action("offer_yes", int)
OFFER_NO = action("offer_no", int)
