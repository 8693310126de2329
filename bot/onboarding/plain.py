"""What a plain message outside any flow is: a command word, a known phrase, a greeting, or a question.

Many members don't know slash commands, so "agenda", "uren 2,5 gisteren", "gisteren 2,5 uur koffie" and
"mijn taken" work as the commands they name. The order matters and is the issue's: a command word
first, then a known phrase ("ik kan toch niet" -> the give-back choices of /mijn), then greetings and
thanks; everything else is a question for the FAQ. Command words forgive one slip ("agnda") but only in
words of five letters or more, where one slip cannot turn one command word into another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.onboarding.faq import normalise

# The whole message (normalised) -> the command it names.
COMMAND_WORDS: dict[str, str] = {
    "agenda": "agenda", "activiteiten": "agenda", "activities": "agenda", "calendar": "agenda",
    "mijn": "mijn", "mijn taken": "mijn", "mijn taak": "mijn", "taken": "mijn", "my tasks": "mijn",
    "uren": "uren", "mijn uren": "uren", "hours": "uren", "my hours": "uren",
    "help": "help", "hulp": "help", "menu": "help", "commando s": "help", "commandos": "help",
    "wegwijs": "wegwijs", "herinneringen": "herinneringen", "reminders": "herinneringen",
    "taal": "taal", "language": "taal", "english": "taal", "engels": "taal",
    "stop": "stop", "stoppen": "stop", "annuleer": "stop", "annuleren": "stop", "cancel": "stop",
}  # fmt: skip

# Phrases that mean "I can't make it": the member's tasks with their give-back buttons.
GIVE_BACK_PHRASES = (
    "ik kan toch niet", "kan toch niet", "ik kan niet", "ik kan niet komen", "ik kan toch niet komen",
    "kan niet komen", "ik moet afzeggen", "afmelden", "ik wil me afmelden", "taak teruggeven",
    "i can t make it", "i cannot come", "i can t come",
)  # fmt: skip

GREETINGS = frozenset(
    {"hallo", "hoi", "hey", "hi", "hello", "hai", "hoihoi", "goedemorgen", "goedemiddag", "goedenavond",
     "dag", "daag", "morgen", "moin", "salaam", "selam", "salam", "merhaba", "bonjour", "hola", "yo"}
)  # fmt: skip
THANKS = frozenset(
    {"dank", "dankje", "dankjewel", "dank je", "dank je wel", "dank u", "dank u wel", "bedankt", "thanks",
     "thank you", "thx", "merci"}
)  # fmt: skip
# "Prima" or "ok" is no thanks: "graag gedaan" would answer what nobody said.
OKAYS = frozenset({"top", "super", "fijn", "ok", "oke", "okay", "prima", "mooi", "goed", "akkoord"})
OKAY_EMOJI = frozenset({"👍", "👌", "🙂", "😊"})

# "uren" followed by something that looks like an amount is the /uren command with that text.
_HOURS_PREFIX = re.compile(r"^(?:uren|uur|hours)\s+(.+)$", re.IGNORECASE | re.DOTALL)
_NUMBER_WORDS = "een|één|twee|drie|vier|vijf|zes|zeven|acht|half|anderhalf|one|two|three|four|five"
_AMOUNT_HINT = re.compile(rf"\d|½|\b(?:{_NUMBER_WORDS}|kwartier|uurtje|tijdje|paar)\b", re.IGNORECASE)
# An amount with its unit at the very start, after at most a day word: "gisteren 2,5 uur koffie",
# "45 min breiclub", "anderhalf uur". Inside a sentence ("ik kom een uur later") it stays a question.
_SAID_HOURS = re.compile(
    r"^(?:(?:gisteren|eergisteren|vandaag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?"
    rf"(?:\d+(?:[.,]\d+)?|½|een half|{_NUMBER_WORDS})"
    r"\s*(?:uur|uren|u|hours?|h|min|minuten|minutes|kwartier)\b",
    re.IGNORECASE,
)
_FUZZY_WORDS = tuple(w for w in COMMAND_WORDS if len(w) >= 5 and " " not in w)


@dataclass(frozen=True)
class PlainReading:
    """``kind``: "command" (``command``, ``args``), "give_back", "greeting", "thanks", "okay", "question"."""

    kind: str
    command: str | None = None
    args: tuple[str, ...] = ()


def read_plain(text: str) -> PlainReading:
    """What the member meant by a plain message (see the module docstring for the order)."""
    if (m := _HOURS_PREFIX.match(text.strip())) and _AMOUNT_HINT.search(m[1]):
        return PlainReading("command", "uren", tuple(m[1].split()))
    if _SAID_HOURS.match(text.strip()) and not _looks_like_question(text):
        return PlainReading("command", "uren", tuple(text.split()))
    if text.strip() in OKAY_EMOJI:
        return PlainReading("okay")
    words = normalise(text)
    if command := _command_word(words):
        return PlainReading("command", command)
    if words in GIVE_BACK_PHRASES:
        return PlainReading("give_back")
    tokens = words.split()
    if tokens and len(tokens) <= 3 and tokens[0] in GREETINGS and not _looks_like_question(text):
        return PlainReading("greeting")
    if len(tokens) <= 5 and any(" ".join(tokens[:n]) in THANKS for n in (1, 2, 3, 4)):
        return PlainReading("thanks")
    if tokens and len(tokens) <= 3 and tokens[0] in OKAYS and not _looks_like_question(text):
        return PlainReading("okay")
    return PlainReading("question")


def _looks_like_question(text: str) -> bool:
    return "?" in text


def _command_word(words: str) -> str | None:
    if words in COMMAND_WORDS:
        return COMMAND_WORDS[words]
    if len(words) < 5 or " " in words:
        return None
    found = process.extractOne(words, _FUZZY_WORDS, scorer=OSA.distance, score_cutoff=1)
    return COMMAND_WORDS[found[0]] if found else None
