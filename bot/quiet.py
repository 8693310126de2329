"""Quiet hours: the ONE rule for what may reach a member at night (default 22:00-08:00, local time).

Every message passes through the outbox, and the outbox asks ``QuietHours.until(kind, now)`` when it
stores one: a non-urgent message written at night gets a not-before time of the next morning. Urgent
are the answers to what someone just did themselves (replies, the sender's own delivery report) and
edits of a message already sent; everything the bot sends on its own initiative (hours questions,
waitlist offers, buddy and key notices, reminders, announcements unless marked urgent) waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

#: Kinds that answer something the recipient is doing right now: never held back.
URGENT_KINDS = frozenset({"reply", "status", "status_edit", "report"})


def quiet_until(moment: datetime, tz: ZoneInfo, start: time, end: time) -> datetime | None:
    """When quiet hours end, if ``moment`` falls in them; None outside quiet hours."""
    local = moment.astimezone(tz)
    clock = local.time()
    if start == end:
        return None
    in_quiet = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not in_quiet:
        return None
    morning = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if clock >= end:
        morning = (local + timedelta(days=1)).replace(
            hour=end.hour, minute=end.minute, second=0, microsecond=0
        )
        morning = morning.replace(tzinfo=tz)  # re-resolve the offset across a DST change
    return morning.astimezone(moment.tzinfo)


@dataclass(frozen=True)
class QuietHours:
    tz: ZoneInfo
    start: time = time(22, 0)
    end: time = time(8, 0)

    def until(self, kind: str, now: datetime, *, urgent: bool = False) -> datetime | None:
        """The morning a message of ``kind`` written ``now`` must wait for; None: it may go now."""
        if urgent or kind in URGENT_KINDS:
            return None
        return quiet_until(now, self.tz, self.start, self.end)

    def next_morning_if_quiet(self, moment: datetime) -> datetime:
        """``moment``, or the end of the quiet hours it falls in (for deadlines that must not expire
        while everyone sleeps)."""
        return quiet_until(moment, self.tz, self.start, self.end) or moment
