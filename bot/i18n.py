"""Texts in every language of ``bot.languages``, from gettext catalogs read with Babel.

Every sentence a user sees lives in ``bot/locales/<lang>/<feature>.po`` under a stable key
(``msgid "agenda.empty"``); translators edit ``msgstr`` with ordinary gettext tools. Messages are Telegram
HTML: every ``str`` parameter is escaped here, so user input can never break or inject markup; pass
``Markup`` for a fragment that is already HTML. Plural forms follow each catalog's ``Plural-Forms`` header
(CLDR's rules: Polish and Ukrainian have three forms for whole numbers, Arabic six). Babel also gives each
language its own way of writing dates and numbers ("donderdag 3 december", "2,5").
"""

from __future__ import annotations

import gettext
import html
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot import bidi
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES, language

LOCALES_DIR = Path(__file__).with_name("locales")

__all__ = ["DEFAULT_LANGUAGE", "LOCALES_DIR", "Markup", "Message", "MissingText", "Texts"]


class Markup(str):
    """A string that is already safe Telegram HTML and must not be escaped again."""


class MissingText(KeyError):
    pass


@dataclass(frozen=True)
class Message:
    singular: str
    plural: str | None = None
    forms: tuple[str, ...] = ()  # every msgstr[i] of a plural entry, in the catalog's order


PluralRule = Callable[[int], int]


class Texts:
    def __init__(
        self, catalogs: dict[str, dict[str, Message]], plural_rules: dict[str, PluralRule] | None = None
    ) -> None:
        self._catalogs = catalogs
        self._plural_rules = plural_rules or {}
        self._defaults: dict[str, dict[str, object]] = {}

    def set_defaults(self, language: str, **values: object) -> None:
        """Values every text of ``language`` may use without the caller passing them (e.g. who the
        coordinator is, from the config); a caller's own parameter wins."""
        self._defaults.setdefault(language, {}).update(values)

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Texts:
        catalogs: dict[str, dict[str, Message]] = {}
        rules: dict[str, PluralRule] = {}
        for lang in LANGUAGES:
            merged: dict[str, Message] = {}
            for po_file in sorted((directory / lang).glob("*.po")):
                with po_file.open("rb") as handle:
                    catalog = read_po(handle, locale=lang)
                rules.setdefault(lang, gettext.c2py(catalog.plural_expr))
                for message in catalog:
                    if not message.id:
                        continue
                    key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
                    if key in merged:
                        raise ValueError(f"text key {key!r} defined twice ({po_file})")
                    if isinstance(message.string, tuple):
                        forms = tuple(str(form) for form in message.string)
                        merged[key] = Message(forms[0], forms[1] if len(forms) > 1 else None, forms)
                    else:
                        merged[key] = Message(str(message.string or ""))
            catalogs[lang] = merged
        texts = cls(catalogs, rules)
        for lang in LANGUAGES:  # until the config names her (bot/coordinator.py)
            try:
                unnamed = Markup(texts.get(lang, "coordinator.unnamed"))
            except MissingText:
                continue
            texts.set_defaults(lang, coordinator=unnamed, coordinator_who=Markup(""))
        return texts

    def keys(self, language: str) -> set[str]:
        return set(self._catalogs[language])

    def raw(self, language: str, key: str) -> Message:
        for lang in (language, DEFAULT_LANGUAGE):
            message = self._catalogs.get(lang, {}).get(key)
            if message is not None and message.singular:
                return message
        raise MissingText(key)

    def _language_of(self, language: str, key: str) -> str:
        """The language ``raw`` takes the text from (the fallback decides the plural rule and direction)."""
        message = self._catalogs.get(language, {}).get(key)
        return language if message is not None and message.singular else DEFAULT_LANGUAGE

    def get(self, language: str, key: str, /, **params: object) -> str:
        """The text for ``key`` in ``language`` with ``params`` filled in (str values HTML-escaped)."""
        source = self._language_of(language, key)
        return _fill(self.raw(language, key).singular, {**self._defaults.get(language, {}), **params}, source)

    def plural(self, language: str, key: str, count: int, /, **params: object) -> str:
        """The form of ``key`` that the catalog's plural rule picks for ``count`` (CLDR categories)."""
        source = self._language_of(language, key)
        message = self.raw(language, key)
        forms = message.forms or (message.singular,)
        rule = self._plural_rules.get(source, _germanic)
        index = min(rule(count), len(forms) - 1)
        template = forms[index] or message.singular
        return _fill(template, {**self._defaults.get(language, {}), "count": count, **params}, source)


def _germanic(count: int) -> int:
    return 0 if count == 1 else 1


def _fill(template: str, params: dict[str, object], lang: str = DEFAULT_LANGUAGE) -> str:
    rtl = language(lang).right_to_left
    safe = {name: _param(value, rtl) for name, value in params.items()}
    text = template.format(**safe)
    return bidi.right_to_left(text) if rtl else text


def _param(value: object, rtl: bool) -> object:
    if not isinstance(value, Markup) and isinstance(value, str):
        value = html.escape(value, quote=False)
    # In a right-to-left text a filled-in name, time or number keeps its own direction.
    return bidi.isolate(str(value)) if rtl and not isinstance(value, Markup) else value


def directed(text: str, lang: str) -> str:
    """A whole message in ``lang``'s direction: for Arabic every line reads right to left, also one that a
    handler put together itself ("/agenda – ..." in /help); other languages are left alone."""
    return bidi.right_to_left(text) if language(lang).right_to_left else text


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Formatting of values in the member's language (Europe/Amsterdam conversion happens before this).


def _locale(lang: str) -> str:
    return language(lang).babel_locale


def day_label(moment: date | datetime, language: str) -> str:
    """'donderdag 3 december' / 'Thursday 3 December' / 'środa 2 grudnia', as in running text."""
    return format_date(moment, "EEEE d MMMM", locale=_locale(language))


def day_heading(moment: date | datetime, language: str) -> str:
    """``day_label`` at the start of a line: 'Donderdag 3 december', 'Çarşamba 2 Aralık'."""
    return sentence_start(day_label(moment, language), language)


def weekday_name(moment: date | datetime, language: str) -> str:
    """'dinsdag' / 'Tuesday'."""
    return format_date(moment, "EEEE", locale=language)


def day_label_short(moment: date | datetime, language: str) -> str:
    """'do 3 dec' / 'Thu 3 Dec'."""
    return format_date(moment, "EEE d MMM", locale=_locale(language))


def month_label(moment: date, language: str, pattern: str = "LLLL yyyy") -> str:
    """'december 2026' / 'December 2026' / 'grudzień 2026' (the stand-alone month name)."""
    return format_date(moment, pattern, locale=_locale(language))


def month_name(moment: date, language: str) -> str:
    """'November' / 'listopad': the stand-alone month name without the year, capitalised, that starts a
    progress line ("November: ▓▓▓░░ 6 van 10 uur")."""
    name = format_date(moment, "LLLL", locale=_locale(language))
    return name[:1].upper() + name[1:]


def clock_time(moment: datetime, language: str) -> str:
    return format_time(moment, "HH:mm", locale=_locale(language))


def number(value: float | Decimal, language: str) -> str:
    """'2,5' in Dutch, '2.5' in English; no needless decimals."""
    return format_decimal(value, format="#,##0.##", locale=_locale(language))


def sentence_start(text: str, language: str) -> str:
    """Only the first letter upper case (str.capitalize would lower 'December'); Turkish i becomes İ."""
    if not text:
        return text
    first = "İ" if language == "tr" and text[0] == "i" else text[0].upper()
    return first + text[1:]
