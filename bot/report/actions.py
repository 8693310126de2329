"""Button actions of the report feature that a reminder carries (served by handlers/report)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

VISITORS = action("vis", int, int, int, min_role=Role.NEWCOMER)  # activity, low, high
VISITORS_OTHER = action("viso", int, min_role=Role.NEWCOMER)  # activity: "Ander getal", then typed
VISITORS_EXACT = action("visn", int, int, int, min_role=Role.NEWCOMER)  # activity, low, high (typed)
PHOTO = action("visp", int, int, min_role=Role.NEWCOMER)  # activity, 1 may be shared / 0 only the report
#: The buttons: (low, high); the last one is "more than 40", stored as 41..41.
RANGES = ((0, 0), (1, 5), (6, 10), (11, 20), (21, 40), (41, 41))
