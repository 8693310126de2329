"""Buttons of the wijkbudget feature that a notice carries (served by handlers/budget)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

APPROVE = action("bud_ok", int, min_role=Role.COORDINATOR)
DECLINE = action("bud_no", int, min_role=Role.COORDINATOR)
RECEIPT = action("bud_receipt", int, min_role=Role.NEWCOMER)
