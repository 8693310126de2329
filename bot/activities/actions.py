"""Buttons of the activities feature that the core itself puts on messages (reminders, notices); served by
handlers/activities."""

from __future__ import annotations

from bot.callbacks import action

CLAIM = action("claim", int)  # task id
GIVE = action("give", int)  # claim id: asks to confirm, then frees the place
OFFER_YES = action("offer_yes", int)
OFFER_NO = action("offer_no", int)
