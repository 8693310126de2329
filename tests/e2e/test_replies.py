"""Replies to announcements: a member answers with "Reageer", the coordinator answers back from /open."""

from __future__ import annotations

from tests.e2e.test_announcements import announce
from tests.harness import Harness, Person


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def test_a_reply_reaches_the_coordinator_as_a_thread_and_her_answer_goes_back(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await bot.member("Sanne")
    await announce(lotte, "Wie helpt er vrijdag met koken voor het kerstdiner?")
    await lotte.presses("Versturen naar 2 personen")
    await bot.core.outbox.drain()

    announcement = karim.chat[-1]
    assert announcement.text.startswith("📣 Bericht van Lotte")
    assert [b.text for row in announcement.buttons for b in row] == ["✅ Gelezen", "💬 Reageer"]
    await karim.presses("Reageer")
    karim.sees("Typ je reactie op", "Wie helpt er vrijdag met koken")
    await karim.says("Ik kan helpen met koken!")
    karim.sees("naar de coördinator gestuurd")
    assert "Karim reageert" in last_text(lotte) and "Ik kan helpen met koken!" in last_text(lotte)

    await lotte.says("/open")
    lotte.sees("Reactie van Karim: Ik kan helpen met koken!")
    await lotte.presses("💬 Karim")
    lotte.sees("Reactie van Karim", "«Wie helpt er vrijdag met koken", "Ik kan helpen met koken!")
    await lotte.presses("Beantwoorden")
    lotte.sees("Typ je antwoord voor Karim")
    await lotte.says("Top! Kom je om 16:00 naar huiskamer 6?")
    lotte.sees("Je antwoord is naar Karim gestuurd")
    answer = last_text(karim)
    assert "Lotte antwoordt" in answer and "Kom je om 16:00" in answer
    await lotte.says("/open")
    lotte.does_not_see("Reactie van Karim")

    # The thread goes on from the answer's own "Reageer".
    await karim.presses("Reageer")
    await karim.says("Prima, tot dan")
    await lotte.says("/open")
    await lotte.presses("💬 Karim")
    lotte.sees("Ik kan helpen met koken!", "↩️ Lotte: Top! Kom je om 16:00", "Prima, tot dan")
    rows = await bot.core.db.fetch_all("SELECT status, text, answer FROM announcement_replies ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("answered", "Ik kan helpen met koken!", "Top! Kom je om 16:00 naar huiskamer 6?"),
        ("open", "Prima, tot dan", None),
    ]


async def test_a_command_leaves_the_reply_and_strangers_to_it_cannot_reply(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne", role="newcomer")
    await announce(lotte, "Vrijwilligersoverleg dinsdag", audience="Vrijwilligers")
    await lotte.presses("Versturen naar 1 persoon")
    await bot.core.outbox.drain()

    await karim.presses("Reageer")
    await karim.says("/agenda")
    await karim.says("Ik kom ook")
    karim.does_not_see("naar de coördinator gestuurd")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM announcement_replies") == 0

    announcement_id = await bot.core.db.fetch_value("SELECT max(id) FROM announcements")
    await sanne.says("/help")
    await sanne.sends_callback(sanne.chat[-1].message_id, f"ann_reply:{announcement_id}")
    sanne.sees("Op dit bericht kun je niet reageren")
