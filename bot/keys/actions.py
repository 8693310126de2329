"""Buttons of the keys feature that a notice carries (served by handlers/keys)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

CONFIRM = action("key_ok", int, int, min_role=Role.NEWCOMER)  # key, offer
REFUSE = action("key_no", int, int, min_role=Role.NEWCOMER)
GIVE_TO = action("key_giveto", int, int, min_role=Role.NEWCOMER)  # key, member
BRING = action("key_bring", int, min_role=Role.NEWCOMER)  # activity id: "ik breng de sleutel"
