"""How activities look in a chat: day and time, place, the detail text, and telling members things."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.activities import wording
from bot.activities.models import Activity, ActivityDetail
from bot.core import Core
from bot.i18n import Markup, clock_time, day_label_short

log = logging.getLogger(__name__)


def when_text(core: Core, lang: str, start: datetime, end: datetime) -> str:
    """'donderdag 26 november, 19:30–21:30' in the member's language and Amsterdam time."""
    return wording.when_text(core.tz, lang, start, end)


def short_when(core: Core, lang: str, start: datetime) -> str:
    local = core.local(start)
    return f"{day_label_short(local, lang)} {clock_time(local, lang)}"


def place_text(core: Core, lang: str, place: str) -> str:
    return core.rooms.place_name(place, lang)


def places_text(core: Core, lang: str, left: int) -> str:
    return wording.places_text(core.texts, lang, left)


def detail_text(core: Core, lang: str, detail: ActivityDetail) -> str:
    return wording.detail_text(core.texts, core.rooms, core.tz, lang, detail)


def activity_label(core: Core, lang: str, activity: Activity) -> str:
    label = f"{short_when(core, lang, activity.starts_at)} {activity.title}"
    return label if len(label) <= 60 else label[:59] + "…"


def markup(text: str) -> Markup:
    return Markup(text)
