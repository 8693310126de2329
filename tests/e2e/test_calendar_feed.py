"""The calendar feed over HTTP: a private URL per member, fetched like a phone would, and revoked."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import datetime

import aiohttp
import pytest
from icalendar import Calendar

from bot.config import CalendarConfig, Config
from burenbot.calendar_server import start_calendar_server
from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)


@pytest.fixture
def config(config: Config) -> Config:
    return dataclasses.replace(
        config, calendar=CalendarConfig(listen="127.0.0.1:0", public_url="https://agenda.test")
    )


@pytest.fixture
async def server(bot: Harness) -> AsyncIterator[str]:
    runner, port = await start_calendar_server(bot.core, "127.0.0.1:0")
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def fetch(server: str, url: str) -> tuple[int, bytes, str]:
    path = url.removeprefix("https://agenda.test")
    async with aiohttp.ClientSession() as session, session.get(server + path) as response:
        return response.status, await response.read(), response.headers.get("Content-Type", "")


def link(text: str) -> str:
    match = re.search(r"https://agenda\.test/cal/[A-Za-z0-9_\-]+\.ics", text)
    assert match, text
    return match.group(0)


async def test_a_private_feed_is_fetched_parsed_and_revoked(bot: Harness, server: str) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    organiser = await bot.member_record(karim)
    await bot.core.activities.create(organiser, new_activity(THURSDAY, title="Breiclub"))
    await bot.core.activities.create(organiser, new_activity(THURSDAY.replace(day=4), title="Kerstknutselen"))
    await anna.says("/agenda")
    await anna.presses("Breiclub")
    await anna.presses("Ik doe mee: opbouwen")

    await anna.says("/agenda abonneren")
    await anna.presses("Mijn taken")
    mine = link(anna.sees("Je link voor je eigen taken"))
    status, body, kind = await fetch(server, mine)
    assert status == 200 and kind.startswith("text/calendar")
    events = [c for c in Calendar.from_ical(body).walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Breiclub: opbouwen"]
    start = events[0].decoded("dtstart")
    assert start == THURSDAY and str(start.tzinfo) == "Europe/Amsterdam"
    _, again, _ = await fetch(server, mine)
    assert [str(e["uid"]) for e in Calendar.from_ical(again).walk("VEVENT")] == [str(events[0]["uid"])]

    # The whole agenda, with a cancelled activity marked as cancelled.
    knutselen = await bot.core.db.fetch_value("SELECT id FROM activities WHERE title = 'Kerstknutselen'")
    await bot.core.activities.edits.cancel(organiser, knutselen)
    await anna.says("/agenda abonneren")
    await anna.presses("De hele agenda")
    everything = link(anna.sees("hele agenda"))
    _, body, _ = await fetch(server, everything)
    status_of = {str(e["summary"]): str(e["status"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert status_of == {"Breiclub": "CONFIRMED", "Kerstknutselen": "CANCELLED"}

    await anna.says("/agenda abonneren")
    await anna.presses("Mijn links intrekken")
    anna.sees("2 links werken niet meer")
    assert (await fetch(server, mine))[0] == 404
    assert (await fetch(server, everything))[0] == 404
    assert (await fetch(server, "https://agenda.test/cal/" + "x" * 43 + ".ics"))[0] == 404
    await karim.says("/agenda abonneren")
    assert "Openbare agenda publiceren" not in karim.button_labels()


async def test_the_coordinator_publishes_the_public_agenda(bot: Harness, server: str) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await bot.core.activities.create(await bot.member_record(lotte), new_activity(THURSDAY, title="Breiclub"))
    await lotte.says("/agenda abonneren")
    await lotte.presses("Openbare agenda publiceren")
    public = link(lotte.sees("Deze link mag je delen"))
    status, body, _ = await fetch(server, public)
    assert status == 200 and [str(e["summary"]) for e in Calendar.from_ical(body).walk("VEVENT")] == [
        "Breiclub"
    ]
