"""The key register through the real bot: adding keys, asking, two-step hand-over, reminders, corrections."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import Harness, Person


async def _add_key(bot: Harness, lotte: Person, room: str, label: str, holder: str) -> None:
    await lotte.says("/sleutel")
    await lotte.presses("Sleutel toevoegen")
    await lotte.presses(room)
    await lotte.says(label)
    lotte.sees(f"Toegevoegd: {label}", "Wie heeft deze sleutel nu?")
    await lotte.presses(holder)
    lotte.sees(f"is nu bij {holder}")


async def _holder(bot: Harness, label: str) -> str | None:
    return await bot.core.db.fetch_value(
        "SELECT m.display_name FROM keys k LEFT JOIN members m ON m.id = k.holder_id WHERE k.label = ?",
        (label,),
    )


async def test_key_chain_with_request_confirmation_reminder_and_correction(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    anna = await bot.member("Anna")
    await _add_key(bot, lotte, "portiek 6", "Huiskamer 6 – sleutel 1", "Karim")

    await anna.says("/sleutel")
    anna.sees("Huiskamer 6 – sleutel 1: bij Karim")
    anna.does_not_see("Sleutel toevoegen")
    await anna.presses("Sleutel vragen")
    await anna.presses("Huiskamer 6 – sleutel 1")
    anna.sees("Waarvoor en wanneer")
    await anna.says("Spelletjesavond donderdag 19:00")
    anna.sees("verstuurd naar Karim")
    karim_view = bot.sim.chat_view(karim.user_id)[-1]
    assert "Anna vraagt de sleutel" in karim_view.text and "Spelletjesavond" in karim_view.text

    # Karim records "given to Anna": underway until Anna confirms.
    await karim.presses("Gegeven aan Anna")
    karim.sees("onderweg naar Anna")
    assert await _holder(bot, "Huiskamer 6 – sleutel 1") == "Karim"
    await lotte.says("/sleutel")
    lotte.sees("onderweg van Karim naar Anna")

    # Nothing for 24 hours: both reminded, once.
    await bot.travel(timedelta(hours=23))
    anna.hears_nothing()
    await bot.travel(timedelta(hours=2))
    anna.sees("Herinnering")
    karim.sees("Herinnering")
    await bot.travel(timedelta(hours=30))  # (crosses the end-of-month nudge, which is not a key reminder)
    anna.gets_no("Herinnering")
    karim.gets_no("Herinnering")

    await anna.presses("Ja, ik heb hem")
    anna.sees("staat nu op jouw naam")
    assert await _holder(bot, "Huiskamer 6 – sleutel 1") == "Anna"
    assert "Anna heeft de sleutel" in bot.sim.chat_view(karim.user_id)[-1].text

    # Pressing the old confirm button again changes nothing.
    await anna.presses("Ja, ik heb hem")
    anna.sees("niet aan jou gegeven")

    # The coordinator corrects the register; the history keeps everything.
    await lotte.says("/sleutel")
    await lotte.presses("Register aanpassen")
    await lotte.presses("Huiskamer 6 – sleutel 1")
    await lotte.presses("In de sleutelkast")
    lotte.sees("is nu bij de sleutelkast")
    assert await _holder(bot, "Huiskamer 6 – sleutel 1") is None
    await anna.says("/sleutel")
    anna.sees("Huiskamer 6 – sleutel 1: in de sleutelkast")
    await anna.presses("Geschiedenis")
    await anna.presses("Huiskamer 6 – sleutel 1")
    anna.sees("aangepast door Lotte", "Anna bevestigde", "Karim gaf hem aan Anna", "toegevoegd door Lotte")
    kinds = [r[0] for r in await bot.core.db.fetch_all("SELECT kind FROM key_events ORDER BY id")]
    assert kinds == ["added", "corrected", "offered", "confirmed", "corrected"]


async def test_refusing_and_forged_hand_overs_change_nothing(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    anna = await bot.member("Anna")
    yusuf = await bot.member("Yusuf")
    await _add_key(bot, lotte, "portiek 7", "Huiskamer 7 – sleutel 1", "Karim")
    key_id = await bot.core.db.fetch_value("SELECT id FROM keys")
    anna_id = (await bot.member_record(anna)).id

    # Yusuf does not hold the key: a forged "given to" is refused.
    await yusuf.sends_callback(yusuf.chat[-1].message_id, f"key_giveto:{key_id}:{anna_id}")
    yusuf.sees("staat niet op jouw naam")
    # A hand-over to someone who is not a member.
    await karim.sends_callback(karim.chat[-1].message_id, f"key_giveto:{key_id}:9999")
    karim.sees("geen lid van de groep")
    assert await bot.core.db.fetch_value("SELECT pending_to_id FROM keys") is None

    await karim.says("/sleutel")
    await karim.presses("Doorgeven: Huiskamer 7")
    await karim.presses("Anna")
    offer_id = await bot.core.db.fetch_value("SELECT pending_event_id FROM keys")
    # Yusuf confirms a key never offered to him (forged callback).
    await yusuf.sends_callback(yusuf.chat[-1].message_id, f"key_ok:{key_id}:{offer_id}")
    yusuf.sees("niet aan jou gegeven")
    assert await _holder(bot, "Huiskamer 7 – sleutel 1") == "Karim"
    # A second offer while underway.
    await karim.sends_callback(
        karim.chat[-1].message_id, f"key_giveto:{key_id}:{(await bot.member_record(yusuf)).id}"
    )
    karim.sees("al onderweg naar Anna")

    await anna.presses("Nee, niet gekregen")
    anna.sees("staat nog op naam van Karim")
    assert "niet te hebben gekregen" in bot.sim.chat_view(karim.user_id)[-1].text
    assert await _holder(bot, "Huiskamer 7 – sleutel 1") == "Karim"
    assert await bot.core.db.fetch_value("SELECT pending_to_id FROM keys") is None

    # A volunteer cannot correct the register.
    await yusuf.sends_callback(yusuf.chat[-1].message_id, f"key_fixto:{key_id}:0")
    yusuf.sees("alleen een coördinator")
    assert await _holder(bot, "Huiskamer 7 – sleutel 1") == "Karim"


async def test_a_command_or_another_button_leaves_the_typing_step(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await lotte.says("/sleutel")
    await lotte.presses("Sleutel toevoegen")
    await lotte.presses("portiek 6")
    lotte.sees("Hoe heet de sleutel")
    await lotte.says("/ruimtes")
    lotte.sees("Huiskamer portiek 6")
    await lotte.says("Huiskamer 6 – sleutel 9")
    lotte.does_not_see("Toegevoegd")
    await lotte.says("/sleutel")
    await lotte.presses("Sleutel toevoegen")
    await lotte.presses("portiek 7")
    await lotte.presses("Volgende week")
    await lotte.says("Huiskamer 7 – sleutel 9")
    lotte.does_not_see("Toegevoegd")
    await lotte.says("/sleutel")
    await lotte.presses("Sleutel toevoegen")
    await lotte.presses("portiek 7")
    await lotte.presses("Annuleren")
    lotte.sees("niets veranderd")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM keys") == 0
