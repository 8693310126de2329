"""Buttons of the wijkbudget feature that a notice carries (served by handlers/budget)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

APPROVE = action("bud_ok", int, min_role=Role.COORDINATOR)
DECLINE = action("bud_no", int, min_role=Role.COORDINATOR)
RECEIPT = action("bud_receipt", int, min_role=Role.NEWCOMER)
#: The coordinator's approval preview: pick the way of paying back, then approve with that way.
APPROVE_WAY = action("bud_way", int, str, min_role=Role.COORDINATOR)
APPROVE_CONFIRM = action("bud_okc", int, str, min_role=Role.COORDINATOR)
#: Declining: a preset reason, then the confirmation after the preview.
DECLINE_PRESET = action("bud_nop", int, str, min_role=Role.COORDINATOR)
DECLINE_CONFIRM = action("bud_noc", int, min_role=Role.COORDINATOR)
