"""/omroep through the real bot and the simulator: flow, preview, rate limits, 429s, blocked users, report."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import Config, TelegramConfig
from handlers.announcements import AUDIENCE
from tests.harness import Harness, Person

TEXT = "Zaterdag koffie in Huiskamer portiek 6 om 10:00!"


async def announce(coordinator: Person, text: str = TEXT, audience: str = "Iedereen") -> None:
    await coordinator.says("/omroep")
    coordinator.sees("Stuur me het bericht")
    await coordinator.says(text)
    coordinator.sees("Voor wie is dit bericht?")
    await coordinator.presses(audience)
    await coordinator.presses("Voorbeeld bekijken")


def received(bot: Harness, person: Person, text: str = TEXT) -> int:
    return sum(1 for m in bot.sim.chat_view(person.user_id) if m.from_bot and text in m.text)


async def test_broadcast_to_30_under_limits_with_storm_and_blocked_users(bot: Harness) -> None:
    assert bot.sim.rate_limits.enabled
    lotte = await bot.member("Lotte", role="coordinator")
    people = [await bot.member(f"Lid{i:02d}") for i in range(28)]
    people += [await bot.member("Yusuf", role="newcomer"), await bot.member("Anna")]
    await announce(lotte)
    lotte.sees("Klopt alles? Het bericht gaat naar 30 personen")
    assert TEXT in bot.sim.chat_view(lotte.user_id)[-2].text  # the preview, exactly as members get it
    assert received(bot, people[0]) == 0  # nothing goes out before the confirmation
    bot.sim.block_user(people[3].user_id)
    bot.sim.block_user(people[-1].user_id)
    # The storm starts the moment the broadcast is confirmed (as the Confirm button does, without the
    # button's own answer running into the storm).
    draft_id = await bot.core.db.fetch_value("SELECT max(id) FROM announcements")
    bot.sim.start_429_storm(1.5, retry_after=1)
    assert await bot.core.announcements.confirm(await bot.member_record(lotte), draft_id) == 30
    await bot.core.outbox.drain(within_s=30)

    blocked = {people[3].user_id, people[-1].user_id}
    for person in people:
        assert received(bot, person) == (0 if person.user_id in blocked else 1), person.name
    assert any(r.error_code == 429 for r in bot.sim.requests)
    report = bot.sim.chat_view(lotte.user_id)[-1].text
    assert "28 personen hebben het gekregen" in report
    assert "Niet bereikbaar (2): Anna, Lid03" in report
    # Reads count against the 28 it reached, not the 30 it was meant for (the status message is edited).
    status = next(m for m in bot.sim.chat_view(lotte.user_id) if "Gelezen:" in m.text)
    assert "Gelezen: 0 van 28" in status.text
    statuses = await bot.core.db.fetch_all("SELECT status, count(*) AS n FROM outbox GROUP BY status")
    assert {r["status"]: r["n"] for r in statuses} == {"sent": 31, "unreachable": 2}


async def test_read_button_counts_live_for_the_coordinator(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne", role="newcomer")
    await announce(lotte, "Wie helpt er vrijdag?", audience="Iedereen")
    await lotte.presses("Gelezen")
    assert "voorbeeld" in lotte.alerts()[-1].lower()
    await lotte.presses("Versturen naar 2 personen")
    await bot.core.outbox.drain()
    status = next(m for m in bot.sim.chat_view(lotte.user_id) if "Gelezen: 0 van 2" in m.text)
    await karim.presses("Gelezen")
    assert karim.alerts()[-1] == "Dank je wel!"
    await karim.presses("Gelezen")  # twice counts once
    await sanne.presses("Gelezen")
    await bot.core.outbox.drain()
    edited = next(m for m in bot.sim.chat_view(lotte.user_id) if m.message_id == status.message_id)
    assert "Gelezen: 2 van 2" in edited.text
    assert 1 <= edited.edit_count <= 2
    report = bot.sim.chat_view(lotte.user_id)[-1].text
    assert "Iedereen heeft het bericht gekregen" in report


async def test_audience_newcomers_only_and_cancel(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    yusuf = await bot.member("Yusuf", role="newcomer")
    await announce(lotte, "Welkom bij de breiclub-avond!", audience="Nieuwkomers")
    await lotte.presses("Versturen naar 1 persoon")
    await bot.core.outbox.drain()
    assert received(bot, yusuf, "breiclub-avond") == 1 and received(bot, karim, "breiclub-avond") == 0
    await lotte.says("/omroep")
    await lotte.says("Dit gaat niet door")
    await lotte.presses("Annuleren")
    lotte.sees("niets veranderd")
    # An old button of the cancelled draft explains itself.
    draft_id = await bot.core.db.fetch_value("SELECT max(id) FROM announcements")
    await lotte.sends_callback(lotte.chat[-1].message_id, AUDIENCE.encode(draft_id, "everyone"))
    lotte.sees("al verstuurd of gestopt")


async def test_a_member_cannot_announce(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/omroep")
    karim.sees("Dat mag alleen een coördinator doen")


@pytest.fixture
def config(config: Config) -> Config:
    return dataclasses.replace(config, telegram=TelegramConfig(group_chat_id=-4001))


async def test_post_and_pin_in_the_group(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    bot.sim.add_group("Buren voor Buren", [lotte.user_id, karim.user_id], chat_id=-4001)
    await lotte.says("/omroep")
    await lotte.says("Kerstdiner op 19 december!")
    await lotte.presses("Iedereen")
    await lotte.presses("Vastzetten in de groep")
    await lotte.presses("Voorbeeld bekijken")
    lotte.sees("vastgezet bovenaan")
    await lotte.presses("Versturen")
    await bot.core.outbox.drain()
    group = bot.sim.chat_view(-4001)
    assert [m.text for m in group if m.from_bot] == ["Kerstdiner op 19 december!"]
    assert any(r.method.lower() == "pinchatmessage" and r.ok for r in bot.sim.requests)


async def test_a_forged_read_from_someone_who_did_not_get_it_is_not_counted(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    yusuf = await bot.member("Yusuf", role="newcomer")
    await announce(lotte, "Welkom bij de breiclub-avond!", audience="Nieuwkomers")
    await lotte.presses("Gelezen")  # switch the 'gelezen' button on
    await lotte.presses("Versturen naar 1 persoon")
    await bot.core.outbox.drain()
    announcement_id = await bot.core.db.fetch_value("SELECT max(id) FROM announcements")
    await karim.sends_callback(karim.chat[-1].message_id, f"ann_read:{announcement_id}")
    reads = "SELECT count(*) FROM announcement_reads WHERE announcement_id = ?"
    assert await bot.core.db.fetch_value(reads, (announcement_id,)) == 0
    await yusuf.presses("Gelezen")
    assert await bot.core.db.fetch_value(reads, (announcement_id,)) == 1
