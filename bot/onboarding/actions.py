"""Buttons of the newcomers feature that a notice carries (served by handlers/onboarding)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

ANSWER = action("faqans", int, min_role=Role.COORDINATOR)
ADD = action("faqadd", int, min_role=Role.COORDINATOR)
PAIR = action("budpair", int, min_role=Role.COORDINATOR)  # buddy request id
HOME = action("faqhome")  # the /wegwijs topics
