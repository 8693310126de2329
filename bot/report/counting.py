"""A typed visitor count ("ongeveer 30", "30-40", "dertig", "8 volwassenen en 5 kinderen") read as a
number or a range, or not read at all: a misreading in the report to the funders is worse than asking
again. Vague words ("veel", "meer dan 50", "40+") and anything with a number we cannot place are asked.

Tuned on ``tests/data/visitor_counts_tune.tsv``; ``visitor_counts_heldout.tsv`` was written with it, before
this module, and is only scored (tests/unit/test_visitor_counts.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_VISITORS = 1000  # more than the flat's huiskamers hold: a typo, asked again

_UNITS = {
    # Dutch
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}  # fmt: skip
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip
_HUNDRED = {"honderd": 100, "hundred": 100}
_NOBODY = {"niemand", "geen", "nobody", "none", "no one", "niemand kwam", "geen een", "geen één"}
# Words that make a number a guess we must not store as a count.
_VAGUE = re.compile(
    r"\b(veel|paar|idee|weet|meer dan|minder dan|ruim|bijna|more than|less than|lots|many|few|some)\b|\+"
)
# "van" in "8 van de 10" is no range; "en"/"and" only with tussen/between (else: a sum of groups).
_RANGE = re.compile(r"^\s*(?:-|tot|t/m|a|à|to)\s*$")
_BETWEEN = re.compile(r"^\s*(?:en|and)\s*(?:de\s+)?$")
_OR = re.compile(r"^\s*(?:of|or|/)\s*$")
_GROUP = re.compile(
    r"^\s*(volwassenen|volwassene|kinderen|kind|mensen|bewoners|buren|ouders|jongeren|adults|children"
    r"|kids|people|residents|neighbours)\b"
)


@dataclass(frozen=True)
class Count:
    """How many came: ``low == high`` for a number, else a range."""

    low: int
    high: int


@dataclass(frozen=True)
class CountReading:
    """A confident ``count``, or none (ask again) with ``candidates`` to offer as buttons."""

    count: Count | None
    candidates: tuple[Count, ...] = ()


def _word_number(word: str) -> int | None:
    """'vijfentwintig' → 25, 'drieëntwintig' → 23, 'thirty' → 30, 'twenty-five' → 25."""
    word = word.replace("ë", "e").replace("-", "")
    plain = {k.replace("ë", "e"): v for k, v in _UNITS.items()}
    if word in plain:
        return plain[word]
    tens = {**_TENS_NL, **_TENS_EN, **_HUNDRED}
    if word in tens:
        return tens[word]
    for name, value in _TENS_NL.items():  # Dutch: the unit first, 'en' between
        if word.endswith("en" + name) and word[: -len(name) - 2] in plain:
            unit = plain[word[: -len(name) - 2]]
            if 1 <= unit <= 9:
                return value + unit
    for name, value in _TENS_EN.items():  # English: the ten first
        if word.startswith(name) and word[len(name) :] in plain:
            unit = plain[word[len(name) :]]
            if 1 <= unit <= 9:
                return value + unit
    return None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.lower()).strip()
    text = re.sub(r"[–—]", "-", text).replace("~", " ongeveer ")
    words = re.findall(r"[a-zà-ÿ-]+|[^a-zà-ÿ-]+", text)
    out = []
    for word in words:
        value = _word_number(word) if word[:1].isalpha() else None
        # 'een' is also 'a' ("een stuk of 20"): a number only when no digit follows in the text
        out.append(str(value) if value is not None and word not in ("een", "één", "one") else word)
    return "".join(out)


def read_count(text: str) -> CountReading:
    """The count in ``text``, or the candidates to ask about (see the module docstring)."""
    plain = _normalise(text)
    if _VAGUE.search(plain):
        return CountReading(None)
    if re.search(r"\d[.,]\d", plain):  # "1.000", "2,5": a thousand or a fraction, never a count we guess
        return CountReading(None)
    numbers = [(int(m.group()), m.start(), m.end()) for m in re.finditer(r"\d+", plain)]
    if not numbers:
        if plain.strip(" .!") in _NOBODY:
            return CountReading(Count(0, 0))
        if re.fullmatch(r"\s*(?:een|één|one)\s*", plain):
            return CountReading(Count(1, 1))
        return CountReading(None)
    if any(n > MAX_VISITORS for n, _, _ in numbers):
        return CountReading(None)
    if len(numbers) == 1:
        n = numbers[0][0]
        return CountReading(Count(n, n))
    if len(numbers) == 2:
        (a, _, a_end), (b, b_start, b_end) = numbers
        between = plain[a_end:b_start]
        before = plain[: numbers[0][1]]
        if _RANGE.match(between) or (_BETWEEN.match(between) and re.search(r"tussen|between", before)):
            return CountReading(Count(a, b)) if a < b else CountReading(None)
        if _OR.match(between) and a < b:
            if b - a == 1:  # "2 of 3": the range is what they mean
                return CountReading(Count(a, b))
            return CountReading(None, (Count(a, a), Count(b, b), Count(a, b)))
        if _GROUP.match(plain[a_end:]) and _GROUP.match(plain[b_end:]):  # 8 volwassenen en 5 kinderen
            return CountReading(Count(a + b, a + b))
    return CountReading(None)
