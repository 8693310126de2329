"""Texts in Dutch (default) and English, from gettext catalogs read with Babel.

Every sentence a user sees lives in ``bot/locales/<lang>/<feature>.po`` under a stable key
(``msgid "agenda.empty"``); translators edit ``msgstr`` with ordinary gettext tools. Messages are Telegram
HTML: every ``str`` parameter is escaped here, so user input can never break or inject markup; pass
``Markup`` for a fragment that is already HTML. Babel also gives us the Dutch ways of writing dates and
numbers ("donderdag 3 december", "2,5").
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot.config import LANGUAGES

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "nl"


class Markup(str):
    """A string that is already safe Telegram HTML and must not be escaped again."""


class MissingText(KeyError):
    pass


@dataclass(frozen=True)
class Message:
    singular: str
    plural: str | None = None


class Texts:
    def __init__(self, catalogs: dict[str, dict[str, Message]]) -> None:
        self._catalogs = catalogs
        self._defaults: dict[str, dict[str, object]] = {}

    def set_defaults(self, language: str, **values: object) -> None:
        """Values every text of ``language`` may use without the caller passing them (e.g. who the
        coordinator is, from the config); a caller's own parameter wins."""
        self._defaults.setdefault(language, {}).update(values)

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Texts:
        catalogs: dict[str, dict[str, Message]] = {}
        for language in LANGUAGES:
            merged: dict[str, Message] = {}
            for po_file in sorted((directory / language).glob("*.po")):
                with po_file.open("rb") as handle:
                    catalog = read_po(handle, locale=language)
                for message in catalog:
                    if not message.id:
                        continue
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    if key in merged:
                        raise ValueError(f"text key {key!r} defined twice ({po_file})")
                    if isinstance(message.string, tuple):
                        merged[key] = Message(message.string[0], message.string[1])
                    else:
                        merged[key] = Message(message.string)
            catalogs[language] = merged
        texts = cls(catalogs)
        for language in LANGUAGES:  # until the config names her (bot/coordinator.py)
            if "coordinator.unnamed" in catalogs[language]:
                unnamed = Markup(texts.get(language, "coordinator.unnamed"))
                texts.set_defaults(language, coordinator=unnamed, coordinator_who=Markup(""))
        return texts

    def keys(self, language: str) -> set[str]:
        return set(self._catalogs[language])

    def raw(self, language: str, key: str) -> Message:
        for lang in (language, DEFAULT_LANGUAGE):
            message = self._catalogs.get(lang, {}).get(key)
            if message is not None and message.singular:
                return message
        raise MissingText(key)

    def get(self, language: str, key: str, /, **params: object) -> str:
        """The text for ``key`` in ``language`` with ``params`` filled in (str values HTML-escaped)."""
        return _fill(self.raw(language, key).singular, {**self._defaults.get(language, {}), **params})

    def plural(self, language: str, key: str, count: int, /, **params: object) -> str:
        """Dutch and English share the rule: one form for exactly 1, another for the rest."""
        message = self.raw(language, key)
        template = message.singular if count == 1 or message.plural is None else message.plural
        return _fill(template, {**self._defaults.get(language, {}), "count": count, **params})


def _fill(template: str, params: dict[str, object]) -> str:
    safe = {
        name: value
        if isinstance(value, Markup) or not isinstance(value, str)
        else html.escape(value, quote=False)
        for name, value in params.items()
    }
    return template.format(**safe)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Formatting of values in the member's language (Europe/Amsterdam conversion happens before this).


def day_label(moment: date | datetime, language: str) -> str:
    """'donderdag 3 december' / 'Thursday 3 December'."""
    return format_date(moment, "EEEE d MMMM", locale=language)


def day_label_short(moment: date | datetime, language: str) -> str:
    """'do 3 dec' / 'Thu 3 Dec'."""
    return format_date(moment, "EEE d MMM", locale=language)


def clock_time(moment: datetime, language: str) -> str:
    return format_time(moment, "HH:mm", locale=language)


def number(value: float | Decimal, language: str) -> str:
    """'2,5' in Dutch, '2.5' in English; no needless decimals."""
    return format_decimal(value, format="#,##0.##", locale=language)
