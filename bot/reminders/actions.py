"""Button actions that the reminders put on their messages."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

COMING = action("rem_ok", int, min_role=Role.NEWCOMER)  # claim id: "ik kom"
