"""How activities look in a chat: day and time, place, the detail text, and telling members things."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.activities.models import ROOMS, Activity, ActivityDetail
from bot.core import Core
from bot.i18n import Markup, clock_time, day_label, day_label_short

log = logging.getLogger(__name__)


def when_text(core: Core, lang: str, start: datetime, end: datetime) -> str:
    """'donderdag 26 november, 19:30–21:30' in the member's language and Amsterdam time."""
    begin, finish = core.local(start), core.local(end)
    text = f"{day_label(begin, lang)}, {clock_time(begin, lang)}–{clock_time(finish, lang)}"
    if finish.date() != begin.date():
        first = f"{day_label(begin, lang)} {clock_time(begin, lang)}"
        text = f"{first} – {day_label(finish, lang)} {clock_time(finish, lang)}"
    return text


def short_when(core: Core, lang: str, start: datetime) -> str:
    local = core.local(start)
    return f"{day_label_short(local, lang)} {clock_time(local, lang)}"


def place_text(core: Core, lang: str, place: str) -> str:
    return core.texts.get(lang, f"place.{place}") if place in ROOMS else place


def places_text(core: Core, lang: str, left: int) -> str:
    return (
        core.texts.get(lang, "agenda.full")
        if left <= 0
        else core.texts.plural(lang, "agenda.places_left", left)
    )


def detail_text(core: Core, lang: str, detail: ActivityDetail) -> str:
    a = detail.activity
    t = core.texts
    lines = [t.get(lang, "activity.detail_title", title=a.title)]
    if a.cancelled:
        lines.append(t.get(lang, "activity.is_cancelled"))
    lines.append(t.get(lang, "activity.detail_when", when=when_text(core, lang, a.starts_at, a.ends_at)))
    lines.append(t.get(lang, "activity.detail_place", place=place_text(core, lang, a.place)))
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
                places=places_text(core, lang, task.places_left),
            )
        )
    return "\n".join(lines)


def activity_label(core: Core, lang: str, activity: Activity) -> str:
    label = f"{short_when(core, lang, activity.starts_at)} {activity.title}"
    return label if len(label) <= 60 else label[:59] + "…"


def markup(text: str) -> Markup:
    return Markup(text)
