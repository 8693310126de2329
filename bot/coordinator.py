"""Who the coordinator is, from the config, for every text that says "vraag het de coördinator"."""

from __future__ import annotations

from bot.config import CommunityConfig
from bot.i18n import Markup, Texts
from bot.languages import LANGUAGES

#: Welcome steps and /wegwijs topics about the coordinator: they end with who she is.
COORDINATOR_PAGES = frozenset({"de-coordinator", "wat-doet-coordinator"})


def name_the_coordinator(texts: Texts, community: CommunityConfig) -> None:
    """Fill ``{coordinator}`` ("Fatima (de coördinator)" or "de coördinator") and ``{coordinator_who}``
    (a sentence with her name and contact hours, or nothing) for every language."""
    name = community.coordinator_name.strip()
    hours = community.coordinator_hours.strip()
    for language in LANGUAGES:
        if name:
            coordinator = texts.get(language, "coordinator.named", name=name)
            key = "coordinator.who_hours" if hours else "coordinator.who"
            who = texts.get(language, key, name=name, hours=hours)
        else:
            coordinator = texts.get(language, "coordinator.unnamed")
            who = ""
        texts.set_defaults(language, coordinator=Markup(coordinator), coordinator_who=Markup(who))
