"""/omroep offers only audiences with someone in them: an empty one is named, not a button."""

from __future__ import annotations

from datetime import datetime

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def test_empty_audiences_are_not_offered(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    coordinator = await bot.member_record(lotte)
    await bot.core.activities.create(coordinator, new_activity(THURSDAY, title="Breiclub"))
    await bot.core.activities.create(coordinator, new_activity(THURSDAY.replace(day=27), title="Kookclub"))

    # No newcomers, and nobody but Lotte herself on either activity.
    await lotte.says("/omroep")
    await lotte.says("Vrijdag is de huiskamer dicht.")
    lotte.sees("Voor wie is dit bericht?", "Hier zit nu niemand in: Nieuwkomers, Mensen van één activiteit.")
    labels = lotte.button_labels()
    assert "Iedereen (1)" in labels and "Vrijwilligers (1)" in labels
    assert not any("Nieuwkomers" in label or "activiteit" in label for label in labels)
    # An old or forged button for the empty audience is refused, and nothing is chosen.
    draft_id = await bot.core.db.fetch_value("SELECT max(id) FROM announcements")
    await lotte.sends_callback(lotte.chat[-1].message_id, f"omr_aud:{draft_id}:newcomers")
    lotte.sees("Er is niemand in deze groep")
    assert await bot.core.db.fetch_value("SELECT audience FROM announcements") == "everyone"
    await lotte.presses("Annuleren")

    # Karim joins the Breiclub and a newcomer arrives: both audiences are offered now, with how many.
    await karim.says("/agenda")
    await karim.presses("Breiclub")
    await karim.presses("Ik doe mee: opbouwen")
    await bot.member("Yusuf", role="newcomer")
    await lotte.says("/omroep")
    await lotte.says("Vrijdag is de huiskamer dicht.")
    lotte.does_not_see("Hier zit nu niemand in")
    assert {"Iedereen (2)", "Vrijwilligers (1)", "Nieuwkomers (1)"} <= set(lotte.button_labels())
    await lotte.presses("Mensen van één activiteit")
    labels = lotte.button_labels()
    assert any(label.endswith("· Breiclub (1)") for label in labels), labels
    assert not any("Kookclub" in label for label in labels)
    await lotte.presses("Breiclub")
    await lotte.presses("Voorbeeld bekijken")
    lotte.sees("Het bericht gaat naar 1 persoon")
