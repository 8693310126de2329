"""/wegwijs: browsing, searching with typos in both languages, and the line to the coordinator."""

from __future__ import annotations

from tests.harness import Harness, Person


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def test_browse_by_topic_with_buttons(bot: Harness) -> None:
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/wegwijs")
    anna.sees("Wegwijs", "Typ je vraag")
    assert {"Afspraken", "Sleutels", "Wijkbudget"} <= set(anna.button_labels())
    await anna.presses("Sleutels")
    anna.sees("Sleutels", "Kies een vraag")
    await anna.presses("Hoe krijg ik een sleutel?")
    anna.sees("Hoe krijg ik een sleutel?", "/sleutel")
    await anna.presses("Ik ben de sleutel kwijt")  # a "see also" button
    anna.sees("Meld het meteen bij de coördinator")
    await anna.presses("Alle onderwerpen")
    anna.sees("Kies een onderwerp")


async def test_search_forgives_typos_in_dutch_and_english(bot: Harness) -> None:
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/wegwijs hoe kom ik aan een sluetel")
    anna.sees("Dit vond ik", "Hoe krijg ik een sleutel?", "/sleutel")
    # In the /wegwijs flow, typing a question searches too.
    await anna.says("hoeveel uuren per maandd")
    anna.sees("10 uur per maand")

    sam = await bot.member("Sam", language="en")
    await sam.says("/wegwijs")
    await sam.says("is there wiffi in the living room")
    sam.sees("Is there wifi in the living rooms?", "hotspot")
    await sam.says("how many ours per mont")
    sam.sees("How many hours are expected?")


async def test_bad_questions_get_a_clear_message(bot: Harness) -> None:
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/wegwijs")
    await anna.says("waarom " * 300)
    anna.sees("Je vraag is te lang", "1000")
    await anna.says("parkeervergunning voor de scooter")
    anna.sees("geen goed antwoord")
    assert "🙋 Vraag het de coördinator" in anna.button_labels()
    # A command leaves the flow; outside it a plain message is still searched (issue 14).
    await anna.says("/help")
    await anna.says("parkeervergunning voor de scooter")
    anna.sees("geen goed antwoord")


async def test_forward_answer_and_add_to_wegwijs(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    yusuf = await bot.member("Yusuf", role="coordinator")
    anna = await bot.member("Anna", role="newcomer")
    karim = await bot.member("Karim")

    await anna.says("/wegwijs mag mijn hond mee naar de kerstborrel")
    anna.sees("geen goed antwoord")
    await anna.presses("Vraag het de coördinator")
    anna.sees("naar de coördinator gestuurd")
    for coordinator in (lotte, yusuf):
        assert "Vraag van Anna" in last_text(coordinator)
        assert "mag mijn hond mee naar de kerstborrel" in last_text(coordinator)
    # The same button pressed twice (a double tap): not forwarded again.
    await anna.sends_callback(anna.chat[-1].message_id, "faqfwd")
    anna.sees("weet niet meer welke vraag")

    await lotte.presses("Toevoegen aan wegwijs")
    lotte.sees("Beantwoord de vraag eerst")
    await lotte.presses("Antwoorden")
    lotte.sees("Typ je antwoord voor Anna")
    await lotte.says("Ja, een rustige hond is welkom. Neem een <riem> mee & een bak water.")
    lotte.sees("naar Anna gestuurd")
    answer = last_text(anna)
    assert "Antwoord van de coördinator" in answer
    assert "Neem een <riem> mee & een bak water." in answer  # typed text arrives as typed, not as HTML
    stored = await bot.core.db.fetch_one("SELECT answer, answered_at FROM questions")
    assert stored is not None and stored["answered_at"] is not None

    # Another coordinator tries to answer the same question.
    await yusuf.presses("Antwoorden")
    yusuf.sees("al beantwoord door Lotte")
    await yusuf.says("Nee hoor")
    yusuf.does_not_see("gestuurd")

    await lotte.presses("Toevoegen aan wegwijs")
    lotte.sees("Toegevoegd aan wegwijs")
    await yusuf.presses("Toevoegen aan wegwijs")
    yusuf.sees("staat al in wegwijs")

    # Now everyone finds it, by search (with a typo) and by topic.
    await karim.says("/wegwijs mag de hond mee naar de kerstborel")
    karim.sees("een rustige hond is welkom")
    await karim.says("/wegwijs")
    await karim.presses("Gevraagd aan de coördinator")
    await karim.presses("mag mijn hond mee")
    karim.sees("Neem een <riem> mee")


async def test_coordinator_can_cancel_an_answer(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/wegwijs parkeervergunning voor de scooter")
    await anna.presses("Vraag het de coördinator")
    await lotte.presses("Antwoorden")
    await lotte.presses("Annuleren")
    lotte.sees("De vraag staat nog open")
    await lotte.says("dit is geen antwoord")
    lotte.does_not_see("gestuurd")
    assert await bot.core.db.fetch_value("SELECT answered_at FROM questions") is None
