"""Understanding a money amount as typed: "12,50", "€ 12.50", "12 euro", "12,-", "1.250,00".

Decisions: a comma or dot followed by one or two digits is the decimal separator (Dutch ``12,50`` and
English ``12.50`` both mean 12 euro 50). Followed by exactly three digits it groups thousands, in
either style: ``1.250``, ``1.250,00``, ``1,250`` and ``1,250.00`` are all 1250 euro (no one in this
group claims fractions of a cent). Mixing styles inconsistently ("1.2,5") is not understood.
"""

from __future__ import annotations

import re
import unicodedata

from babel.numbers import format_currency

from bot.text_errors import AmountNotPositive, AmountNotUnderstood, AmountTooLarge
from bot.timeparse.rules import NUMBER_WORDS

__all__ = ["AmountNotPositive", "AmountNotUnderstood", "AmountTooLarge", "money", "parse_amount"]

MAX_CENTS = 5000_00
MAX_TEXT = 60

_CURRENCY = re.compile(r"€|\beur(?:o|os)?\b|\bcents?\b|\bct\b")
_PLAIN = re.compile(r"(\d{1,9})(?:[.,](\d{1,2}))?")
_DOT_THOUSANDS = re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?")
_COMMA_THOUSANDS = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?")
_EURO_AND_CENTS = re.compile(r"(\d{1,9})\s*(?:euro|eur|€)\s*(\d{1,2})")
_ONLY_CENTS = re.compile(r"(\d{1,9})\s*(?:cents?|ct)")


def _cents(euros: str, fraction: str | None) -> int:
    return int(euros.replace(".", "").replace(",", "")) * 100 + int((fraction or "0").ljust(2, "0"))


def parse_amount(text: str, *, max_cents: int = MAX_CENTS) -> int:
    """Euro cents in ``text``; raises ``AmountNotUnderstood``, ``AmountNotPositive``, ``AmountTooLarge``."""
    if len(text) > MAX_TEXT:
        raise AmountNotUnderstood(text=text[:40])
    s = unicodedata.normalize("NFKC", text).lower().strip()
    s = re.sub(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", lambda m: str(NUMBER_WORDS[m[1]]), s)
    negative = s.startswith(("-", "−", "min "))
    s = s.lstrip("-−").removeprefix("min ").strip()
    if m := _EURO_AND_CENTS.fullmatch(s):
        cents = int(m[1]) * 100 + int(m[2].ljust(2, "0"))
    elif m := _ONLY_CENTS.fullmatch(s):
        cents = int(m[1])
    else:
        s = re.sub(r"[.,]\s*-+$", "", s)  # "12,-"
        s = _CURRENCY.sub(" ", s).strip().replace(" ", "")
        for pattern in (_PLAIN, _DOT_THOUSANDS, _COMMA_THOUSANDS):
            if m := pattern.fullmatch(s):
                cents = _cents(m[1], m[2])
                break
        else:
            raise AmountNotUnderstood(text=text.strip()[:40])
    if negative or cents <= 0:
        raise AmountNotPositive()
    if cents > max_cents:
        raise AmountTooLarge(max_cents=max_cents)
    return cents


def money(cents: int, lang: str) -> str:
    """'€ 12,50' in Dutch, '€12.50' in English."""
    return format_currency(cents / 100, "EUR", locale=lang)
