"""Who brings the key: one rule for the reminder and /ruimtes, 'ik breng de sleutel', the key box."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


def room6_week(text: str) -> str:
    return text.split("Huiskamer portiek 7")[0]


async def test_i_bring_the_key_changes_both_the_reminder_and_the_rooms_week(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    coordinator = await bot.member_record(lotte)
    key = await bot.core.keys.add_key(coordinator, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(karim)).id)
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(
        organiser, new_activity(THURSDAY, title="Breiclub", tasks=(("ontvangst", 2),))
    )
    friday = THURSDAY + timedelta(days=1)
    await bot.core.activities.create(organiser, new_activity(friday, title="Spelletjesavond"))

    # Karim holds a key and is on the Spelletjesavond: he brings it, by the same rule everywhere.
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: opbouwen")
    await anna.says("/ruimtes")
    week = room6_week(anna.sees("Breiclub", "Spelletjesavond"))
    assert week.count("nog niemand brengt de sleutel") == 1 and "sleutel: Karim" in week

    bot.clock.set(friday - timedelta(hours=23))
    await bot.run_jobs()
    anna.gets_no("Wie brengt de sleutel?")  # covered: no reminder

    # The Breiclub: nobody brings the key. The reminder has the button; Anna presses it.
    bot.clock.set(THURSDAY - timedelta(hours=23))
    await bot.run_jobs()
    anna.sees("Wie brengt de sleutel?", "Breiclub")
    await anna.presses("Ik breng de sleutel")
    anna.sees("Jij brengt de sleutel voor Breiclub")
    await anna.says("/ruimtes")
    week = room6_week(anna.sees("Breiclub"))
    assert "nog niemand brengt de sleutel" not in week and "sleutel: Anna" in week
    bot.clock.set(THURSDAY - timedelta(hours=22))
    await bot.run_jobs()
    anna.gets_no("Wie brengt de sleutel?")


async def test_i_bring_the_key_from_the_activity(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, title="Breiclub"))
    await karim.says("/agenda")
    await karim.presses("Breiclub")
    await karim.presses("Ik breng de sleutel")
    karim.sees("Jij brengt de sleutel voor Breiclub")
    await karim.says("/agenda")
    await karim.presses("Breiclub")
    assert "🔑 Ik breng de sleutel" not in karim.button_labels()
    await anna.says("/ruimtes")
    assert "sleutel: Karim" in room6_week(anna.sees("Breiclub"))


async def test_pending_requests_with_you_and_back_in_the_key_box(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    coordinator = await bot.member_record(lotte)
    key = await bot.core.keys.add_key(coordinator, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(karim)).id)
    await anna.says("/sleutel")
    await anna.presses("Sleutel vragen")
    await anna.presses("Huiskamer 6 – sleutel 1")
    await anna.says("Breiclub vrijdag")

    await karim.says("/sleutel")
    karim.sees(
        "Huiskamer 6 – sleutel 1: bij jou", "Wacht op een sleutel", "Anna vraagt Huiskamer 6 – sleutel 1"
    )
    assert "Gegeven aan Anna" in karim.button_labels()
    await anna.says("/sleutel")
    anna.sees("bij Karim", "Anna vraagt Huiskamer 6 – sleutel 1")
    anna.does_not_see("bij jou")

    await karim.says("/sleutel")
    await karim.presses("Terug in de sleutelkast")
    karim.sees("Huiskamer 6 – sleutel 1 is terug in de sleutelkast")
    await karim.says("/sleutel")
    karim.sees("Huiskamer 6 – sleutel 1: in de sleutelkast")
    karim.does_not_see("Terug in de sleutelkast")
    kinds = [
        tuple(r)
        for r in await bot.core.db.fetch_all("SELECT kind, from_id, to_id FROM key_events ORDER BY id")
    ]
    assert kinds[-1] == ("corrected", (await bot.member_record(karim)).id, None)
    # Someone else cannot put Karim's key back (a forged button).
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(karim)).id)
    await anna.sends_callback(anna.chat[-1].message_id, f"key_back:{key.id}")
    anna.sees("niet")
    assert (await bot.core.keys.get(key.id)).holder_id == (await bot.member_record(karim)).id
