"""The one list of languages the bot speaks, with what each needs to be shown right.

Everything that loops over languages (config check, catalogs, content, FAQ search, command menus, the
``/taal`` buttons) reads ``LANGUAGES`` from here. Dutch is the reference: every text exists in Dutch, and a
text missing in another language falls back to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, also the folder name under bot/locales/ and bot/content/
    native_name: str  # shown on the /taal button, in the language's own script
    babel_locale: str  # the CLDR locale for dates and numbers
    right_to_left: bool = False


ALL: tuple[Language, ...] = (
    Language("nl", "Nederlands", "nl_NL"),
    Language("en", "English", "en_GB"),
    Language("ar", "العربية", "ar", right_to_left=True),
    Language("tr", "Türkçe", "tr_TR"),
    Language("pl", "Polski", "pl_PL"),
    Language("uk", "Українська", "uk_UA"),
)
LANGUAGES: tuple[str, ...] = tuple(language.code for language in ALL)
DEFAULT_LANGUAGE = "nl"
# Languages whose catalogs and content the coordinators keep complete themselves; the others may lag behind
# (a missing content text then falls back to Dutch with a note).
REFERENCE_LANGUAGES = ("nl", "en")

_BY_CODE = {language.code: language for language in ALL}


def language(code: str) -> Language:
    """The language for ``code``; an unknown code gets the default (Dutch)."""
    return _BY_CODE.get(code, _BY_CODE[DEFAULT_LANGUAGE])
