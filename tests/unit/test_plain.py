"""Reading a plain message outside any flow: command word, known phrase, greeting, thanks, question."""

from __future__ import annotations

import pytest

from bot.onboarding.plain import PlainReading, read_plain


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("agenda", PlainReading("command", "agenda")),
        ("Agenda!", PlainReading("command", "agenda")),
        ("agnda", PlainReading("command", "agenda")),
        ("mijn taken", PlainReading("command", "mijn")),
        ("Help", PlainReading("command", "help")),
        ("stop", PlainReading("command", "stop")),
        ("uren", PlainReading("command", "uren")),
        ("uren 2,5", PlainReading("command", "uren", ("2,5",))),
        (
            "uren 2,5 gisteren koffieochtend",
            PlainReading("command", "uren", ("2,5", "gisteren", "koffieochtend")),
        ),
        ("Uren anderhalf uur", PlainReading("command", "uren", ("anderhalf", "uur"))),
        (
            "gisteren 2,5 uur koffie",
            PlainReading("command", "uren", ("gisteren", "2,5", "uur", "koffie")),
        ),
        ("45 min breiclub", PlainReading("command", "uren", ("45", "min", "breiclub"))),
        ("een half uur", PlainReading("command", "uren", ("een", "half", "uur"))),
        ("ik kom een uur later", PlainReading("question")),
        ("om 8 uur?", PlainReading("question")),
        ("8 uur?", PlainReading("question")),
        ("ik kan toch niet", PlainReading("give_back")),
        ("Ik kan toch niet!", PlainReading("give_back")),
        ("hallo", PlainReading("greeting")),
        ("Hoi!", PlainReading("greeting")),
        ("goedemorgen allemaal", PlainReading("greeting")),
        ("bedankt", PlainReading("thanks")),
        ("dank je wel!", PlainReading("thanks")),
        ("thanks a lot", PlainReading("thanks")),
        ("prima", PlainReading("okay")),
        ("Ok!", PlainReading("okay")),
        ("top, tot dan", PlainReading("okay")),
        ("👍", PlainReading("okay")),
        ("prima?", PlainReading("question")),
        ("hoe kom ik aan een sleutel?", PlainReading("question")),
        ("uren opschrijven hoe werkt dat", PlainReading("question")),
        ("hallo, hoe krijg ik een sleutel?", PlainReading("question")),
        ("help ik ben mijn sleutel kwijt", PlainReading("question")),
        ("agenda van de huiskamer", PlainReading("question")),
    ],
)
def test_plain_messages(text: str, reading: PlainReading) -> None:
    assert read_plain(text) == reading


def test_short_words_are_never_guessed_as_commands() -> None:
    """One slip is forgiven only from five letters: 'hulp'/'help' are exact, 'halp' is not a command."""
    assert read_plain("halp").kind == "question"
    assert read_plain("mijm").kind == "question"
