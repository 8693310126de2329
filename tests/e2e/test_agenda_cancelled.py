"""A cancelled activity stays in /agenda, marked as cancelled and without a button, until its date."""

from datetime import datetime, timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def test_cancelled_shows_until_its_date(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, title="Breiclub"))
    await bot.core.activities.create(
        organiser, new_activity(THURSDAY + timedelta(days=1), title="Spelletjesavond")
    )
    breiclub = await bot.core.db.fetch_value("SELECT id FROM activities WHERE title = 'Breiclub'")
    await bot.core.activities.edits.cancel(organiser, breiclub)

    await karim.says("/agenda")
    karim.sees("19:30 Breiclub – gaat niet door", "Spelletjesavond")
    assert not any("Breiclub" in label for label in karim.button_labels())
    assert any("Spelletjesavond" in label for label in karim.button_labels())

    bot.clock.set(THURSDAY + timedelta(hours=3))
    await karim.says("/agenda")
    karim.does_not_see("Breiclub")
