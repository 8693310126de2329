"""An activity in both huiskamers (the Christmas dinner): /nieuw offers it, each room is booked, and the
room week, the agenda, the .ics and the reminder all say both rooms (issue 16)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)
BOTH = "Huiskamer portiek 6 + Huiskamer portiek 7"


async def test_christmas_dinner_in_both_rooms_blocks_each_and_shows_everywhere(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await lotte.says("/nieuw")
    await lotte.says("Kerstdiner")
    await lotte.says("donderdag 18:00-22:00")
    await lotte.presses("Beide huiskamers")
    lotte.sees("Voor wie is het?")
    await lotte.presses("Iedereen")
    await lotte.presses("Ja")
    await lotte.presses("Eén keer")
    await lotte.says("koken 4")
    await lotte.says("klaar")
    lotte.sees(BOTH)
    await lotte.presses("Opslaan")
    assert await bot.core.db.fetch_value("SELECT place FROM activities") == "huiskamers"

    await karim.says("/nieuw")
    await karim.says("Breiclub")
    await karim.says("donderdag 20:00-21:00")
    await karim.presses("portiek 7")
    karim.sees("al bezet door", "Kerstdiner")
    assert not any("Neem Huiskamer" in label for label in karim.button_labels())  # both are taken
    await karim.presses("Stoppen")

    await karim.says("/ruimtes")
    text = karim.sees("Huiskamer portiek 6", "Huiskamer portiek 7")
    assert text.count("Kerstdiner") == 2  # in each room's week
    assert text.count(": vrij") == 12

    await karim.says("/agenda")
    karim.sees("Kerstdiner", BOTH)
    await karim.presses("Kerstdiner")
    await karim.presses("Ik doe mee: koken")
    await karim.says("/agenda ics")
    (document,) = [m for m in karim.last if m.document]
    assert document.document is not None
    assert "Huiskamer portiek 6 + Huiskamer portiek 7" in document.document.decode().replace("\r\n ", "")

    bot.clock.set(datetime(2026, 11, 26, 18, tzinfo=AMSTERDAM) - timedelta(hours=23, minutes=50))
    await bot.run_jobs()
    karim.sees("Kerstdiner", BOTH)


async def test_moving_into_both_rooms_is_refused_when_one_is_taken(bot: Harness) -> None:
    anna = await bot.member("Anna")
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, title="Breiclub", place="huiskamer7"))
    await bot.core.activities.create(
        organiser, new_activity(THURSDAY, title="Kinderatelier", place="bij de flat")
    )
    await anna.says("/agenda")
    await anna.presses("Kinderatelier")
    await anna.presses("Plaats wijzigen")
    await anna.presses("Beide huiskamers")
    anna.sees("Breiclub")
    assert await bot.core.db.fetch_value("SELECT place FROM activities WHERE title = 'Kinderatelier'") == (
        "bij de flat"
    )
