"""Button actions that announcements carry to their recipients."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

READ = action("ann_read", int, min_role=Role.NEWCOMER)  # announcement id: "gelezen"
REPLY = action("ann_reply", int, min_role=Role.NEWCOMER)  # announcement id: "Reageer"
