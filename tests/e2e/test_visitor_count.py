"""The visitor count typed after "Ander getal": read right or asked, kept in the conversation, and in the
quarter's /verslag; asked once, in the morning rather than at night."""

from __future__ import annotations

import stat
from datetime import datetime

from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)
FRIDAY_MORNING = datetime(2026, 11, 27, 8, 30, tzinfo=AMSTERDAM)


async def visitors(bot: Harness) -> tuple[int, int] | None:
    row = await bot.core.db.fetch_one("SELECT low, high FROM activity_visitors")
    return None if row is None else (row["low"], row["high"])


async def test_a_typed_count_is_read_right_or_asked_and_reaches_the_report(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await bot.core.activities.create(await bot.member_record(anna), new_activity(THURSDAY, title="Breiclub"))
    bot.clock.set(datetime(2026, 11, 26, 23, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    anna.gets_no("Hoeveel buren kwamen er?")  # not at night
    bot.clock.set(FRIDAY_MORNING)
    await bot.run_jobs()
    anna.sees("Hoeveel buren kwamen er?")
    await anna.presses("Ander getal")
    anna.sees("Typ een getal")
    await anna.says("heel veel")
    anna.sees("begrijp ik niet zeker")
    assert await visitors(bot) is None
    await anna.says("30 of 40")
    anna.sees("Welk getal bedoel je?")
    assert anna.button_labels() == ["30", "40", "30–40"]
    await anna.presses("30–40")
    anna.sees("Genoteerd: 30–40 bezoekers bij Breiclub")
    assert await visitors(bot) == (30, 40)
    assert await bot.core.conversations.of((await bot.member_record(anna)).id) is None

    await anna.says("dertig")  # the flow is over: plain text is no count any more
    assert await visitors(bot) == (30, 40)

    await lotte.says("/verslag")
    await lotte.presses("Dit kwartaal")
    lotte.sees("1 activiteiten, 30–40 bezoekers")


async def test_ongeveer_dertig_is_thirty_and_only_the_organiser_counts(bot: Harness) -> None:
    anna, karim = await bot.member("Anna"), await bot.member("Karim")
    await bot.core.activities.create(await bot.member_record(anna), new_activity(THURSDAY, title="Breiclub"))
    bot.clock.set(FRIDAY_MORNING)
    await bot.run_jobs()
    await anna.presses("Ander getal")
    await anna.says("ongeveer dertig")
    anna.sees("Genoteerd: 30 bezoekers bij Breiclub")
    assert await visitors(bot) == (30, 30)
    activity_id = await bot.core.db.fetch_value("SELECT id FROM activities")
    await karim.says("/help")
    await karim.sends_callback(karim.chat[-1].message_id, f"visn:{activity_id}:5:5")  # forged
    assert await visitors(bot) == (30, 30)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"activity" * 40


async def test_photos_kept_private_counted_in_the_report_shared_only_when_allowed_erased_with_the_sender(
    bot: Harness,
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await bot.core.activities.create(await bot.member_record(anna), new_activity(THURSDAY, title="Breiclub"))
    bot.clock.set(FRIDAY_MORNING)
    await bot.run_jobs()
    await anna.presses("11–20")
    await anna.presses("Foto erbij · mag gedeeld worden")
    anna.sees("Stuur een foto van Breiclub", "Vraag eerst of de mensen op de foto")
    await anna.sends_document(b"GIF89a fake", "foto.jpg", "image/jpeg")
    anna.sees("Dit is geen foto")
    await anna.sends_photo(PNG)
    anna.sees("De foto is bewaard en mag gedeeld worden")
    await anna.says("/help")  # the photo step is over: a second photo needs its own button
    await anna.presses("Foto erbij · alleen voor het verslag")
    await anna.sends_photo(PNG + b"second")
    anna.sees("alleen voor het verslag")

    rows = await bot.core.db.fetch_all("SELECT file_name, shareable FROM activity_photos ORDER BY id")
    assert [r["shareable"] for r in rows] == [1, 0]
    stored = [bot.core.db.path.parent / r["file_name"] for r in rows]
    assert stored[0].read_bytes() == PNG and rows[0]["file_name"].startswith("visitor_photos/2026/")
    assert stat.S_IMODE(stored[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(stored[0].parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(stored[0].parent.parent.stat().st_mode) == 0o700

    await lotte.says("/verslag")
    await lotte.presses("Dit kwartaal")
    lotte.sees("Foto's: 2, waarvan 1 gedeeld mogen worden")
    await lotte.presses("Deelbare foto's sturen")
    sent = [m for m in lotte.last if m.photo is not None]
    assert [m.photo for m in sent] == [PNG]  # the report-only photo never leaves the bot
    assert "Breiclub" in sent[0].text

    await anna.says("/vergeetmij")
    await anna.presses("Ja, wis mijn gegevens")
    anna.sees("Ik heb je gegevens gewist")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM activity_photos") == 0
    assert not any(path.exists() for path in stored)
    assert await visitors(bot) == (11, 20)  # the count stays, anonymous
