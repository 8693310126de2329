"""How an activity reads in a member's language: its time, place, places left and the detail text.

In the core so that what the core queues (the group post, notices) and what a handler replies read the
same; ``handlers/activities/views.py`` passes the core's texts and time zone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.activities.models import ActivityDetail
from bot.i18n import Texts, clock_time, day_label
from bot.rooms import Rooms


def when_text(tz: ZoneInfo, lang: str, start: datetime, end: datetime) -> str:
    """'donderdag 26 november, 19:30–21:30' in the member's language and Amsterdam time."""
    begin, finish = start.astimezone(tz), end.astimezone(tz)
    text = f"{day_label(begin, lang)}, {clock_time(begin, lang)}–{clock_time(finish, lang)}"
    if finish.date() != begin.date():
        first = f"{day_label(begin, lang)} {clock_time(begin, lang)}"
        text = f"{first} – {day_label(finish, lang)} {clock_time(finish, lang)}"
    return text


def place_text(rooms: Rooms, lang: str, place: str) -> str:
    return rooms.place_name(place, lang)


def places_text(texts: Texts, lang: str, left: int) -> str:
    return texts.get(lang, "agenda.full") if left <= 0 else texts.plural(lang, "agenda.places_left", left)


def detail_text(texts: Texts, rooms: Rooms, tz: ZoneInfo, lang: str, detail: ActivityDetail) -> str:
    a = detail.activity
    t = texts
    lines = [t.get(lang, "activity.detail_title", title=a.title)]
    if a.cancelled:
        lines.append(t.get(lang, "activity.is_cancelled"))
    lines.append(t.get(lang, "activity.detail_when", when=when_text(tz, lang, a.starts_at, a.ends_at)))
    lines.append(t.get(lang, "activity.detail_place", place=place_text(rooms, lang, a.place)))
    if a.needs_key:
        lines.append(t.get(lang, "activity.detail_key"))
    lines.append(t.get(lang, "activity.detail_audience", audience=t.get(lang, f"audience.{a.audience}")))
    if a.description:
        lines.append(a.description)
    lines.append("")
    lines.append(t.get(lang, "activity.detail_tasks"))
    for task in detail.tasks:
        former = t.get(lang, "activity.former_member")
        names = (
            ", ".join(n or former for n in task.names) if task.names else t.get(lang, "activity.nobody_yet")
        )
        lines.append(
            t.get(
                lang,
                "activity.task_line",
                task=task.title,
                names=names,
                places=places_text(texts, lang, task.places_left),
            )
        )
    return "\n".join(lines)
