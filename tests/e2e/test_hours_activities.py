"""Hours and activities together: 'how many hours?' after a claimed task, and the end-of-month nudge."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


async def test_after_a_claimed_task_one_press_logs_its_hours(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await bot.core.activities.create(await bot.member_record(anna), new_activity(THURSDAY, hours=2))
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: opbouwen")
    await karim.says("/herinneringen")
    await karim.presses("maand")  # no end-of-month nudge for this story

    bot.clock.set(THURSDAY + timedelta(hours=2, minutes=15))
    await bot.run_jobs()
    karim.sees("Hoeveel uur was je bezig?", "Spelletjesavond")
    assert "2 uur" in karim.button_labels()
    await karim.presses("2 uur")
    karim.sees("2 uur")
    await bot.run_jobs()
    assert not any("Hoeveel uur" in m.text for m in karim.last)  # asked once
    karim_id = (await bot.member_record(karim)).id
    rows = await bot.core.db.fetch_all(
        "SELECT minutes, claim_id FROM hours_entries WHERE member_id = ?", (karim_id,)
    )
    assert [row["minutes"] for row in rows] == [120] and rows[0]["claim_id"] is not None
    await karim.says("/uren")
    karim.sees("November: ▓▓░░░░░░░░ 2 van 10 uur")


async def test_month_nudge_is_kind_and_only_for_who_is_below_target(bot: Harness) -> None:
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    yusuf = await bot.member("Yusuf", role="newcomer")
    await sanne.says("/uren")
    await sanne.presses("Mijn maand")
    await sanne.presses("Afwezig deze maand")
    bot.clock.set(datetime(2026, 11, 25, 10, 30, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    karim.sees("November: ░░░░░░░░░░\nDeze maand heb je 0 van de 10 uur gedaan", "Afwezig deze maand")
    assert sanne.last == [] and yusuf.last == []
    await bot.travel(timedelta(days=1))
    assert karim.last == []  # once a month
