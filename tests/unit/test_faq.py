"""FAQ search: members type with spelling mistakes, in Dutch or English, and find the right topic."""

from __future__ import annotations

import pytest

from bot.content_loader import load_content
from bot.onboarding.faq import (
    MAX_QUESTION_CHARS,
    FaqIndex,
    QuestionEmpty,
    QuestionTooLong,
    normalise,
    validate_question,
)


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return FaqIndex(load_content())


DUTCH_TOP1 = [
    ("hoe krijg ik een sluetel", "sleutel-lenen"),
    ("sluetel", "sleutel-lenen"),
    ("wijkbudjet", "budget-aanvragen"),
    ("mag ik op vakansie", "ziek-of-vakantie"),
    ("ik ben ziek", "ziek-of-vakantie"),
    ("hoeveel uuur moet ik doen", "hoeveel-uur"),
    ("wat telt als uuren", "wat-telt"),
    ("waar zijn de huiskamrs", "waar-huiskamers"),
    ("is er wiefie", "wifi"),
    ("is er internett", "wifi"),
    ("kan ik met een rolstoel komen", "rolstoel"),
    ("hoe vraag ik geld aan", "budget-aanvragen"),
    ("bonnetjes inleveren", "bonnetje"),
    ("ik wil een aktiviteit organiseren", "activiteit-organiseren"),
    ("hoe meld ik mij aan voor een taak", "aanmelden-taak"),
    ("wat doet de coordinater", "wat-doet-coordinator"),
    ("mijn buurvrouw heeft hulp nodig met boodschapen", "een-op-een-hulp"),
    ("wat is gerigt toewijzen", "gericht-toewijzen"),
    ("whatsap groep", "whatsapp-of-bot"),
    ("privasy gegevens", "privacy"),
    ("taal veranderen", "taal-wisselen"),
    ("ik kan toch niet komen", "kan-niet-komen"),
    ("sleutel kwijt", "sleutel-kwijt"),
    ("er kwam niemand op mijn activiteit", "niemand-kwam"),
    ("HERINNERINGEN uitzetten!!", "herinneringen"),
    ("huisregels afwas", "huisregels"),
    ("Coördinator?", "wat-doet-coordinator"),
]

ENGLISH_TOP1 = [
    ("how do I get a kee", "sleutel-lenen"),
    ("is there wiffi", "wifi"),
    ("can I come in a wheelchiar", "rolstoel"),
    ("what counts as ours", "wat-telt"),
    ("I am sick", "ziek-of-vakantie"),
    ("how do I get mony from the budget", "budget-aanvragen"),
    ("where do I hand in my reciept", "bonnetje"),
    ("lost my key", "sleutel-kwijt"),
    ("who is the coordinater", "wat-doet-coordinator"),
    ("how many hours per month", "hoeveel-uur"),
    ("how do i sign up for a tsk", "aanmelden-taak"),
    ("change langauge", "taal-wisselen"),
    ("delete my data", "privacy"),
]


@pytest.mark.parametrize(("question", "topic_id"), DUTCH_TOP1)
def test_dutch_questions_with_typos_find_the_topic_first(
    index: FaqIndex, question: str, topic_id: str
) -> None:
    hits = index.search(question, "nl")
    assert hits, f"nothing found for {question!r}"
    assert hits[0].topic.id == topic_id, [(h.topic.id, h.score) for h in hits]


@pytest.mark.parametrize(("question", "topic_id"), ENGLISH_TOP1)
def test_english_questions_with_typos_find_the_topic_first(
    index: FaqIndex, question: str, topic_id: str
) -> None:
    hits = index.search(question, "en")
    assert hits, f"nothing found for {question!r}"
    assert hits[0].topic.id == topic_id, [(h.topic.id, h.score) for h in hits]


# A long question mentions several things; the right topic only has to be among the three offered.
TOP3 = [
    ("nl", "hallo ik ben nieuw hier en ik wil graag weten hoe ik aan een sleutel kom", "sleutel-lenen"),
    ("nl", "ik wil iets doen voor de kinderen, hoeveel geld zit er in het wijkbudget", "budget-aanvragen"),
    ("en", "my neighbour is old and needs someone to do her shopping", "een-op-een-hulp"),
]


@pytest.mark.parametrize(("lang", "question", "topic_id"), TOP3)
def test_long_questions_find_the_topic_in_the_top_three(
    index: FaqIndex, lang: str, question: str, topic_id: str
) -> None:
    assert topic_id in [h.topic.id for h in index.search(question, lang)]


def test_a_question_in_the_other_language_is_answered_in_the_members_language(index: FaqIndex) -> None:
    hits = index.search("how do I get a key", "nl")
    assert hits[0].topic.id == "sleutel-lenen"
    assert hits[0].topic.title == "Hoe krijg ik een sleutel?"


@pytest.mark.parametrize("nonsense", ["qwxz blorp", "asdf", "hallo", "???", "123 456", "zzzzzzzz"])
def test_nonsense_finds_nothing(index: FaqIndex, nonsense: str) -> None:
    assert index.search(nonsense, "nl") == []
    assert index.search(nonsense, "en") == []


def test_hits_are_sorted_best_first_and_limited(index: FaqIndex) -> None:
    hits = index.search("sleutel huiskamer", "nl", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_a_very_long_question_is_searched_by_its_start(index: FaqIndex) -> None:
    question = "waar is de sleutel " + "blabla " * 300
    hits = index.search(question[:2000], "nl")
    assert hits[0].topic.id.startswith("sleutel")


def test_only_the_languages_members_ask_in_are_built() -> None:
    """Each language's lemma list costs seconds and megabytes (Polish ~2 s): a Dutch and an English
    question build Dutch and English only; a Polish question adds Polish and still finds Dutch words."""
    fresh = FaqIndex(load_content())
    assert fresh.ready("nl") and fresh.ready("en")
    fresh.search("hoe krijg ik een sleutel", "nl")
    fresh.search("how do I get a key", "en")
    assert not any(fresh.ready(lang) for lang in ("ar", "tr", "pl", "uk"))

    hits = fresh.search("gdzie dostanę klucze", "pl")
    assert fresh.ready("pl") and not fresh.ready("tr")
    assert hits[0].topic.id == "sleutel-lenen"
    assert hits[0].topic.title.startswith("Jak")
    dutch_word = fresh.search("sleutel", "pl")
    assert dutch_word and dutch_word[0].topic.title.startswith("Jak")


def test_topics_by_category_lists_every_topic_once_in_file_order(index: FaqIndex) -> None:
    content = load_content()
    for lang in ("nl", "en"):
        groups = index.topics_by_category(lang)
        assert [c.id for c, _ in groups] == [c.id for c in content.categories[lang]]
        listed = [t.id for _, topics in groups for t in topics]
        assert sorted(listed) == sorted(t.id for t in content.faq[lang])
        assert all(topics for _, topics in groups)


def test_normalise_drops_case_accents_and_punctuation() -> None:
    assert normalise("Coördinator? Café-<b>avond</b>!") == "coordinator cafe avond"


def test_validate_question_strips_and_accepts() -> None:
    assert validate_question("  waar is de sleutel?  ") == "waar is de sleutel?"


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_validate_question_rejects_empty(blank: str) -> None:
    with pytest.raises(QuestionEmpty) as caught:
        validate_question(blank)
    assert caught.value.text_key == "faq.question_empty"


def test_validate_question_rejects_too_long() -> None:
    with pytest.raises(QuestionTooLong) as caught:
        validate_question("a" * (MAX_QUESTION_CHARS + 1))
    assert caught.value.text_key == "faq.question_too_long"
    assert caught.value.params == {"max_chars": MAX_QUESTION_CHARS}
    assert validate_question("a" * MAX_QUESTION_CHARS)
