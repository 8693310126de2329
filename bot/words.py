"""Typed words in every language, read as the Dutch words the parsers know: "2 saat dün" is "2 uur gisteren".

The tables live in ``bot/locales/<lang>/words.toml`` beside the catalogs, so a translator adds words
without touching a parser. Each parser keeps its Dutch and English rules and calls ``dutch_word`` on a
token (or ``dutch_words`` on a text) first; Dutch typed input is untouched, so it works for everyone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.languages import LANGUAGES

LOCALES_DIR = Path(__file__).with_name("locales")
# Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic decimal separator.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789,")
_EDGE = re.compile(r"^(\W*)(.*?)([.,;:!?؟،]*)$", re.S)
DUTCH_YES = ("ja", "jawel", "yes", "ok", "oké", "goed")
DUTCH_NO = ("nee", "neen", "no")


@dataclass(frozen=True)
class Words:
    to_dutch: dict[str, str]
    yes: frozenset[str]
    no: frozenset[str]


@cache
def words(directory: Path = LOCALES_DIR) -> Words:
    """Every language's table merged (a Turkish word never collides with a Dutch one we read)."""
    to_dutch: dict[str, str] = {}
    yes: set[str] = set(DUTCH_YES)
    no: set[str] = set(DUTCH_NO)
    for lang in LANGUAGES:
        path = directory / lang / "words.toml"
        if not path.exists():
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        yes.update(w.casefold() for w in data.get("yes", []))
        no.update(w.casefold() for w in data.get("no", []))
        for dutch, own in data.get("dutch", {}).items():
            for word in own:
                to_dutch[word.casefold()] = dutch
    return Words(to_dutch, frozenset(yes), frozenset(no))


def dutch_word(token: str) -> str:
    """``token`` lower-cased, in Dutch when it is a word from a table; digits made ASCII."""
    word = token.translate(_DIGITS).casefold()
    table = words().to_dutch
    if word in table:
        return table[word]
    m = _EDGE.match(word)  # "dün," keeps its comma
    if m and m[2] in table:
        return f"{m[1]}{table[m[2]]}{m[3]}"
    return word


def dutch_words(text: str) -> str:
    """Every word of ``text`` through ``dutch_word`` (spacing becomes single spaces)."""
    return " ".join(dutch_word(token) for token in text.split())


def yes_or_no(text: str) -> bool | None:
    """True for a typed yes ("ja", "evet", "tak", "так", "نعم"), False for a no, None for anything else."""
    word = text.strip().strip(".!?؟").casefold()
    if word in words().yes:
        return True
    if word in words().no:
        return False
    return None
