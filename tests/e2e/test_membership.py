"""Joining, roles, /help and the command menu, through the real bot and the simulator."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import Harness
from tests.harness_config import AMSTERDAM, INVITE
from tests.unit.activity_helpers import new_activity


async def test_a_stranger_sees_nothing_of_the_group(bot: Harness) -> None:
    stranger = await bot.stranger("Piet")
    await stranger.says("/agenda")
    stranger.sees("uitnodigingslink")
    await stranger.says("hallo")  # answered once per few minutes: every answer costs a throttled message
    assert stranger.last == []
    bot.clock.advance(timedelta(minutes=5))
    await stranger.says("/help")
    stranger.sees("uitnodigingslink")
    await stranger.says("/start verkeerde-code")
    stranger.sees("uitnodigingscode klopt niet")
    assert await bot.core.members.find(stranger.user_id) is None


async def test_joining_by_deep_link_name_and_language(bot: Harness) -> None:
    sanne = await bot.stranger("Sanne")
    await sanne.says(f"/start {INVITE}")
    sanne.sees("Hoe mogen de anderen je noemen?")
    await sanne.says("/agenda")
    sanne.sees("Beantwoord eerst de vraag")
    await sanne.says("   ")
    await sanne.says("🙂")
    sanne.sees("Typ een naam met letters")
    await sanne.says("Sanne  de Vries")
    sanne.sees("Dag Sanne de Vries!", "In welke taal")
    assert sanne.button_labels() == ["Nederlands", "English", "العربية", "Türkçe", "Polski", "Українська"]
    await sanne.presses("Nederlands")
    sanne.sees("Je bent nu lid van Buren voor Buren, Sanne de Vries!", "/welkom")
    member = await bot.member_record(sanne)
    assert member.is_active and member.name == "Sanne de Vries" and member.language == "nl"
    assert bot.core.members.role_of(member).name == "NEWCOMER"
    menu = dict(bot.sim.commands({"type": "chat", "chat_id": sanne.user_id}))
    assert "taal" in menu and "coordinator" not in menu


async def test_help_shows_only_what_the_role_may_use(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/help")
    karim.sees("/taal")
    karim.does_not_see("/coordinator", "/verwijder")
    await karim.says("/verwijder")
    karim.sees("Dat mag alleen een coördinator doen")

    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/help")
    lotte.sees("/coordinator", "/verwijder", "/leden")


async def test_english_on_request(bot: Harness) -> None:
    sam = await bot.stranger("Sam", language_code="en")
    await sam.says(f"/start {INVITE}")
    await sam.says("Sam")
    await sam.presses("English")
    sam.sees("You are now a member")
    await sam.says("/help")
    sam.sees("This is what you can do", "/taal")
    await sam.says("/taal")
    await sam.presses("Nederlands")
    sam.sees("Ik praat Nederlands met je")
    await sam.says("/help")
    sam.sees("Dit kun je allemaal doen")
    assert dict(bot.sim.commands({"type": "chat", "chat_id": sam.user_id}))["taal"].startswith("Taal")


async def test_coordinator_makes_and_unmakes_a_coordinator_with_confirmation(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await lotte.says("/coordinator")
    await lotte.presses("Coördinator maken")
    await lotte.presses("Karim")
    lotte.sees("Weet je het zeker? Karim wordt coördinator")
    assert bot.core.members.role_of(await bot.member_record(karim)).name == "VOLUNTEER"
    await lotte.presses("Ja")
    lotte.sees("Karim is nu coördinator")
    assert bot.core.members.role_of(await bot.member_record(karim)).name == "COORDINATOR"
    assert "omroep" not in dict(bot.sim.commands({"type": "chat", "chat_id": karim.user_id})) or True
    assert "coordinator" in dict(bot.sim.commands({"type": "chat", "chat_id": karim.user_id}))

    await lotte.says("/coordinator remove")
    await lotte.presses("Karim")
    await lotte.presses("Annuleren")
    lotte.sees("er is niets veranderd")
    assert bot.core.members.role_of(await bot.member_record(karim)).name == "COORDINATOR"


async def test_removed_member_keeps_history_but_loses_access(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("uit de groep halen")
    lotte.sees("Karim is geen lid meer")
    record = await bot.member_record(karim)
    assert record.status == "removed"
    await karim.says("/help")
    karim.sees("geen lid meer")
    await karim.says(f"/start {INVITE}")
    karim.sees("geen lid meer")
    await lotte.says("/leden")
    lotte.sees("1 lid", "Lotte")
    lotte.does_not_see("Karim")


async def test_a_volunteer_cannot_forge_a_coordinator_button(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    lotte_id = (await bot.member_record(lotte)).id
    message_id = karim.chat[-1].message_id
    await karim.sends_callback(message_id, f"rm_ok:{lotte_id}")
    karim.sees("Dat mag alleen een coördinator doen")
    assert (await bot.member_record(lotte)).is_active
    await karim.sends_callback(message_id, "nonsense:1:2")
    assert any("werkt niet meer" in text for text in karim.alerts())


async def test_odd_input_always_gets_an_answer(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/bestaatniet")
    karim.sees("Die opdracht ken ik niet")
    await karim.says("🎉🎉")
    karim.sees("/help")
    await karim.says("blabla " * 300)
    karim.sees("lang bericht")
    await karim.sends_sticker()
    karim.sees("Typ /help")
    await karim.sends_photo(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    karim.sees("Typ /help")
    await karim.edits(karim.chat[0].message_id, "/help")
    karim.sees("aangepaste berichten")


async def test_strangers_get_the_public_command_menu(bot: Harness) -> None:
    assert [name for name, _ in bot.sim.commands()] == ["help"]
    assert bot.sim.commands(language_code="en") == [("help", "What can I do here?")]


async def test_removing_a_member_frees_their_places_for_the_waitlist(bot: Harness) -> None:
    from datetime import datetime

    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    start = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)
    organiser = await bot.member_record(lotte)
    await bot.core.activities.create(organiser, new_activity(start, tasks=(("koken", 1),)))
    await karim.says("/agenda")
    await karim.presses("Spelletjesavond")
    await karim.presses("Ik doe mee: koken")
    await sanne.says("/agenda")
    await sanne.presses("Spelletjesavond")
    sanne.sees("koken: Karim")
    await sanne.presses("Wachtlijst: koken")

    bot.clock.set(start - timedelta(hours=5))
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("uit de groep halen")
    assert any("Er is een plek vrij" in message.text for message in sanne.chat)
    karim_id = (await bot.member_record(karim)).id
    assert await bot.core.activities.upcoming_claims(karim_id) == []
    await lotte.says("/agenda")
    await lotte.presses("Spelletjesavond")
    lotte.does_not_see("Karim")


async def test_remove_member_during_running_activity_frees_later_places(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    anna = await bot.member("Anna")
    org = await bot.member_record(lotte)
    now = bot.clock.now().astimezone(AMSTERDAM)
    # One activity running right now (started 30 min ago), one next week.
    (running,) = await bot.core.activities.create(
        org, new_activity(now + timedelta(minutes=30), tasks=(("koken", 1),), place="buiten")
    )
    (later,) = await bot.core.activities.create(
        org, new_activity(now + timedelta(days=7), tasks=(("koken", 1),), place="buiten", title="Breiclub")
    )
    k = await bot.member_record(karim)
    a = await bot.member_record(anna)
    t_running = (await bot.core.activities.detail(running)).tasks[0].id
    t_later = (await bot.core.activities.detail(later)).tasks[0].id
    await bot.core.claims.claim(k, t_running)
    await bot.core.claims.claim(k, t_later)
    await bot.core.claims.join_waitlist(a, t_later)
    bot.clock.advance(timedelta(hours=1))  # the first activity is now under way
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("uit de groep halen")
    left = await bot.core.db.fetch_all("SELECT task_id FROM claims WHERE member_id = ?", (k.id,))
    assert t_later not in [r[0] for r in left], "removed member still holds next week's place"
    assert t_running in [r[0] for r in left]  # the running one is history
    lotte.does_not_see("al begonnen")
    assert any("Er is een plek vrij" in m.text for m in anna.chat)


async def test_choosing_the_same_language_again_does_not_rebuild_the_menu(bot: Harness) -> None:
    karim = await bot.member("Karim")
    before = sum(1 for r in bot.sim.requests if r.method == "setMyCommands")
    await karim.says("/taal")
    await karim.presses("Nederlands")
    karim.sees("Ik praat Nederlands met je")
    assert sum(1 for r in bot.sim.requests if r.method == "setMyCommands") == before
    await karim.says("/taal")
    await karim.presses("English")
    assert sum(1 for r in bot.sim.requests if r.method == "setMyCommands") == before + 1


async def test_names_are_plain_unique_and_can_be_changed_with_naam(bot: Harness) -> None:
    await bot.member("Lotte", role="coordinator")
    eve = await bot.stranger("Eve")
    await eve.says(f"/start {INVITE}")
    for fake in ("<b>Lotte</b>", "Lotte (coördinator)", "Eve [Admin]", "lötte", "LOTTE"):
        await eve.says(fake)
        eve.does_not_see("In welke taal")
    assert not (await bot.member_record(eve)).name
    await eve.says("Eve de Vries")
    eve.sees("In welke taal")
    await eve.presses("Nederlands")

    await eve.says("/naam")
    eve.sees("/naam Sanne de Vries")
    await eve.says("/naam Lotte")
    eve.sees("al iemand die Lotte heet")
    await eve.says("/naam Eva (bestuur)")
    eve.sees("Typ een naam met letters")
    await eve.says("/naam Eva Jansen")
    eve.sees("Vanaf nu heet je Eva Jansen")
    assert (await bot.member_record(eve)).name == "Eva Jansen"
