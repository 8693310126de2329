"""The buttons of /leden's member page and its hours screens (months as yyyymm, days as yyyymmdd)."""

from __future__ import annotations

from bot.callbacks import action
from bot.members.service import Role

C = Role.COORDINATOR
LIST = action("mp_list", int, min_role=C)  # page
SHOW = action("mp_show", int, int, min_role=C)  # member, page of the list
HOURS = action("mp_hours", int, int, min_role=C)  # member, month
ENTRY = action("mp_entry", int, min_role=C)  # entry
SET = action("mp_set", int, int, min_role=C)  # entry, minutes: asks to confirm
SET_OK = action("mp_setok", int, int, min_role=C)
DELETE = action("mp_del", int, min_role=C)  # entry: asks to confirm
DELETE_OK = action("mp_delok", int, min_role=C)
ADD = action("mp_add", int, int, min_role=C)  # member, month: pick the day
ADD_DAY = action("mp_addd", int, int, min_role=C)  # member, day: pick the hours
ADD_HOURS = action("mp_adda", int, int, int, min_role=C)  # member, day, minutes: pick the kind
ADD_KIND = action("mp_addc", int, int, int, str, min_role=C)  # ...: asks to confirm
ADD_OK = action("mp_addok", int, int, int, str, min_role=C)
