"""Button actions of the activities feature that the core itself puts on messages (reminders, offers)."""

from __future__ import annotations

from bot.callbacks import action

CLAIM = action("claim", int)  # task id
GIVE = action("give", int)  # claim id: asks to confirm, then frees the place
