"""Find FAQ topics for a question typed by a member, tolerant of spelling mistakes.

Many members learned Dutch (or English) as adults, so the search forgives typos: every word of the question
is compared with rapidfuzz to the words of each topic's title and keywords (and, more strictly, its body),
and the whole question is compared to the titles and keyword phrases. Below a threshold nothing is
returned, so the bot can offer "ask the coordinator" instead of a wrong answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process

from bot.content_loader import Content, FaqCategory, FaqTopic
from bot.errors import InvalidInput
from bot.languages import DEFAULT_LANGUAGE

MAX_QUESTION_CHARS = 1000
SEARCH_CHARS = 200  # longer questions are cut here before searching: the gist is at the start
MIN_SCORE = 65.0
OTHER_LANGUAGE_FACTOR = 0.95  # a hit in the member's own language wins a tie
CROSS_MIN = 5  # letters a word needs to count in another language's topics
TITLE, KEYWORD, BODY = 1.0, 0.95, 0.7  # how much a matching word counts, by where it was found
RANK_WEIGHTS = (1.0, 0.4, 0.2)  # the best three matching question words of a topic, in order

# Words that say nothing about the topic; without this "hoe krijg ik" would match every "hoe" title.
STOPWORDS = frozenset(
    """
    aan al als ben bij daar dan dat de die dit doe doen dus een en er ga gaan gaat graag heb hebben hebt
    heeft het hier hij hem haar hoe iemand iets ik in is je jij jullie kan kun kunnen krijg krijgen maar
    me mag mee met mij mijn moet moeten mogen naar niet nog nu of om ons onze ook op te toch u uw van
    voor want was wat we wel wie wij waar wanneer welke wil wilt word wordt worden ze zal zij zijn zo zou
    a about am an and any are as at be but by can could do does for from get got had has have he her
    his how i if in is it its me my not of on or our should so some that the them there these they this
    to us want was we what when where which who will with would you your
    """.split()  # noqa: SIM905 -- a block of words is easier to read and extend than a list literal
)


SHARED = (DEFAULT_LANGUAGE, "en")  # searched for every member: the languages most of the flat reads

SURE_SCORE = 80.0  # one answer shown as the answer only from here...
SURE_MARGIN = 10.0  # ...and only this far ahead of the next topic; otherwise the member chooses


class QuestionEmpty(InvalidInput):
    text_key = "faq.question_empty"


class QuestionTooLong(InvalidInput):
    text_key = "faq.question_too_long"


@dataclass(frozen=True)
class FaqHit:
    topic: FaqTopic
    score: float  # 0-100


@dataclass(frozen=True)
class FaqAnswer:
    """``sure``: the one topic clearly right; otherwise ``candidates`` (maybe none) to choose from."""

    sure: FaqHit | None
    candidates: tuple[FaqHit, ...]


def decide(hits: list[FaqHit]) -> FaqAnswer:
    """A misreading is worse than a question: one answer only when it is clearly ahead."""
    if (
        hits
        and hits[0].score >= SURE_SCORE
        and (len(hits) == 1 or hits[0].score - hits[1].score >= SURE_MARGIN)
    ):
        return FaqAnswer(hits[0], ())
    return FaqAnswer(None, tuple(hits[:3]))


def validate_question(text: str) -> str:
    """The question without surrounding space; ``QuestionEmpty`` or ``QuestionTooLong`` otherwise."""
    question = text.strip()
    if not question:
        raise QuestionEmpty()
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(max_chars=MAX_QUESTION_CHARS)
    return question


def normalise(text: str) -> str:
    """Lower case, without accents, tags or punctuation: 'Coördinator?' -> 'coordinator'."""
    text = re.sub(r"<[^>]*>", " ", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def _content_words(text: str) -> list[str]:
    return [w for w in dict.fromkeys(normalise(text).split()) if len(w) > 1 and w not in STOPWORDS]


@lru_cache(maxsize=20_000)
def lemma(word: str, lang: str) -> str:
    """The dictionary form in Dutch or English ("sleutels" -> "sleutel", "verloren" -> "verliezen").

    simplemma's word lists beat hand-written suffix rules on irregular Dutch forms; accents are dropped
    again because the index is accent-free. ``low_memory`` reads the compressed lists in place instead of
    unpacking them into a dict: the six languages cost ~85 MB instead of ~640 MB (Polish alone was ~400).
    """
    return normalise(simplemma.lemmatize(word, lang=lang, low_memory=True)) or word


def _forms(text: str, lang: str) -> list[str]:
    """Content words plus their lemmas, so 'sleutels', 'sleutel' and the coordinator's wording meet."""
    words = _content_words(text)
    lemmas = (lemma(w, lang) for w in words)
    return list(dict.fromkeys([*words, *(w for w in lemmas if w not in STOPWORDS)]))


def _word_cutoff(word: str) -> float:
    """Short words need an exact match ('bon' is not 'bom'); from four letters one slip is forgiven.

    With rapidfuzz's ratio, 80 lets "wiffi" find "wifi" and "sluetel" find "sleutel", but keeps "sick"
    away from "pick"; from six letters 75 also forgives a swap plus a missing letter ("sluetl").
    """
    return 100.0 if len(word) <= 3 else 80.0 if len(word) <= 5 else 75.0


@dataclass(frozen=True)
class _LanguageIndex:
    lang: str
    topics: dict[str, FaqTopic]
    order: dict[str, int]  # topic id -> place in the file: on a tie the earlier, more general topic wins
    words: list[str]  # every distinct word, the choices for rapidfuzz
    weights: list[dict[str, float]]  # per word: topic id -> how much a match counts
    phrases: dict[str, list[str]]  # topic id -> normalised title and keyword phrases


def _build(topics: tuple[FaqTopic, ...], lang: str) -> _LanguageIndex:
    weights: dict[str, dict[str, float]] = defaultdict(dict)

    def add(text: str, topic_id: str, weight: float) -> None:
        for word in _forms(text, lang):
            weights[word][topic_id] = max(weights[word].get(topic_id, 0.0), weight)

    phrases: dict[str, list[str]] = {}
    for topic in topics:
        add(topic.body, topic.id, BODY)
        for keyword in topic.keywords:
            add(keyword, topic.id, KEYWORD)
        add(topic.title, topic.id, TITLE)
        phrases[topic.id] = [normalise(topic.title), *(normalise(k) for k in topic.keywords)]
    words = list(weights)
    return _LanguageIndex(
        lang=lang,
        topics={t.id: t for t in topics},
        order={t.id: i for i, t in enumerate(topics)},
        words=words,
        weights=[weights[w] for w in words],
        phrases=phrases,
    )


class FaqIndex:
    """Search over the FAQ topics, per language built when first needed.

    A search looks in the member's own language and in the flat's common languages (``SHARED``): a Polish
    member may type a Dutch word, but a Dutch member gains nothing from the Polish topics, which hold the
    same topics under the same ids. So only the languages members ask in are ever built, each in seconds
    of loading its lemma list.
    """

    def __init__(self, content: Content) -> None:
        self._content = content
        self._indexes: dict[str, _LanguageIndex] = {}
        self.prepare(DEFAULT_LANGUAGE)  # the shared languages, which every search needs

    def prepare(self, lang: str) -> None:
        """Build what a search in ``lang`` needs; slow the first time (a lemma list), then free."""
        for needed in self.languages_for(lang):
            if needed not in self._indexes:
                self._indexes[needed] = _build(self._content.faq[needed], needed)

    def ready(self, lang: str) -> bool:
        return all(needed in self._indexes for needed in self.languages_for(lang))

    @staticmethod
    def languages_for(lang: str) -> tuple[str, ...]:
        """The member's own language first, then the shared ones."""
        return tuple(dict.fromkeys((lang, *SHARED)))

    def search(self, query: str, lang: str, limit: int = 3) -> list[FaqHit]:
        """The best topics for ``query``, shown in ``lang``, best first; empty when nothing fits well.

        The shared languages are searched too (a Dutch member may type "key"); their hits are shown in
        ``lang`` and lose ties to hits in ``lang`` itself.
        """
        self.prepare(lang)
        query = query[:SEARCH_CHARS]
        scores: dict[str, tuple[float, float]] = {}
        for other in self.languages_for(lang):
            factor = 1.0 if other == lang else OTHER_LANGUAGE_FACTOR
            for topic_id, (score, phrase) in _score(self._indexes[other], query, other == lang).items():
                found = (round(score * factor, 1), round(phrase * factor, 1))
                scores[topic_id] = max(scores.get(topic_id, found), found)
        own = self._indexes[lang]
        # Ties go to the topic whose title or keyword is closest to the whole question, then to file order.
        ranked = sorted(
            (topic_id for topic_id, (score, _) in scores.items() if score >= MIN_SCORE),
            key=lambda topic_id: (-scores[topic_id][0], -scores[topic_id][1], own.order[topic_id]),
        )
        return [FaqHit(own.topics[topic_id], scores[topic_id][0]) for topic_id in ranked[:limit]]

    def topics_by_category(self, lang: str) -> list[tuple[FaqCategory, list[FaqTopic]]]:
        """Categories in file order, each with its topics, for browsing with buttons."""
        topics = self._content.faq[lang]
        return [(c, [t for t in topics if t.category == c.id]) for c in self._content.categories[lang]]


def _informative(word: str) -> float:
    """Long words say more about the question than short ones: 'wheelchair' over 'come'."""
    return max(0.5, min(len(word), 8) / 8)


def _score(index: _LanguageIndex, query: str, own: bool = True) -> dict[str, tuple[float, float]]:
    """Per topic: the score 0-100 (the better of the word and the phrase match) and the phrase match.

    In another language than the member's (``own`` False) a word only counts when spelled the same and
    long enough to mean the same there: the Turkish index holds "kat" (the stem of "katıl", join), which
    is no Dutch "kat" (cat); and another language's lemmatiser knows nothing of the member's words.
    """
    words = _content_words(query) if own else [w for w in _content_words(query) if len(w) >= CROSS_MIN]
    per_topic: dict[str, list[float]] = defaultdict(list)
    for word in words:
        best: dict[str, float] = {}
        forms = dict.fromkeys((word, lemma(word, index.lang)) if own else (word,))
        matches = [
            match
            for form in forms
            for match in process.extract(
                form,
                index.words,
                scorer=fuzz.ratio,
                score_cutoff=_word_cutoff(form) if own else 100,
                limit=None,
            )
        ]
        for _, similarity, position in matches:
            for topic_id, weight in index.weights[position].items():
                # Body words are many and loose: they only count when spelled (almost) right.
                if weight == BODY and similarity < 90:
                    continue
                value = similarity / 100 * weight * _informative(word)
                best[topic_id] = max(best.get(topic_id, 0.0), value)
        for topic_id, value in best.items():
            per_topic[topic_id].append(value)

    # What a topic matching every word perfectly would get, so a one-word question can still reach 100.
    possible = _ranked_sum(_informative(w) for w in words)
    word_scores = {topic_id: 100 * _ranked_sum(values) / possible for topic_id, values in per_topic.items()}
    normalised = normalise(query)
    scores: dict[str, tuple[float, float]] = {}
    for topic_id, phrases in index.phrases.items():
        phrase = max(fuzz.ratio(normalised, p) for p in phrases) if normalised else 0.0
        phrase = phrase if phrase >= 80 else 0.0
        score = max(word_scores.get(topic_id, 0.0), phrase)
        if score:
            scores[topic_id] = (score, phrase)
    return scores


def _ranked_sum(values: Iterable[float]) -> float:
    return sum(w * v for w, v in zip(RANK_WEIGHTS, sorted(values, reverse=True), strict=False))
