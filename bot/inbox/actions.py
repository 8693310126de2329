"""Button actions that replies to announcements carry (served by handlers/inbox/replies.py)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

ANSWER = action("inb_ans", int, min_role=Role.COORDINATOR)  # reply id: the coordinator answers
