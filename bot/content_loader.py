"""Load and check the onboarding content: welcome steps, FAQ topics and room facts.

The texts live in TOML files under ``bot/content/<lang>/`` so a coordinator can edit them without touching
code (see ``bot/content/README.md``). One parser does both jobs: ``check_content`` returns every problem it
finds, ``load_content`` refuses to start on any problem. Bodies are Telegram HTML; titles are plain text
(they become button labels, and the renderer escapes them).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from bot.bidi import right_to_left
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES, REFERENCE_LANGUAGES, language
from bot.telegram_html import MAX_MESSAGE_CHARS, check_telegram_html

DEFAULT_DIR = Path(__file__).parent / "content"
REFERENCE_LANG = DEFAULT_LANGUAGE
MAX_TITLE_CHARS = 64


class ContentError(Exception):
    """The content directory has problems; the bot must not start with it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("content has problems:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class WelcomeStep:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class FaqCategory:
    id: str
    title: str


@dataclass(frozen=True)
class FaqTopic:
    id: str
    category: str
    title: str
    keywords: tuple[str, ...]
    body: str
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoomInfo:
    id: str
    name: str
    location: str
    accessibility: str
    internet: str
    key: str
    house_rules: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """All texts, per language code. Sequences keep the order of the files."""

    welcome: Mapping[str, tuple[WelcomeStep, ...]]
    faq: Mapping[str, tuple[FaqTopic, ...]]
    categories: Mapping[str, tuple[FaqCategory, ...]]
    rooms: Mapping[str, tuple[RoomInfo, ...]]

    def topic(self, lang: str, topic_id: str) -> FaqTopic | None:
        return next((t for t in self.faq[lang] if t.id == topic_id), None)


# --- Telegram HTML -----------------------------------------------------------------------------------


# --- Parsing ------------------------------------------------------------------------------------------

# Per file: the list key at the top level, and per entry its required and optional keys with their kind.
_SCHEMAS: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "welcome.toml": ("step", {"id": "id", "title": "title", "body": "html"}, {}),
    "faq.toml": (
        "topic",
        {"id": "id", "category": "id", "title": "title", "keywords": "words", "body": "html"},
        {"see_also": "ids"},
    ),
    "rooms.toml": (
        "room",
        {
            "id": "id",
            "name": "title",
            "location": "html",
            "accessibility": "html",
            "internet": "html",
            "key": "html",
            "house_rules": "html_list",
        },
        {},
    ),
}

_CATEGORY_SCHEMA: tuple[dict[str, str], dict[str, str]] = ({"id": "id", "title": "title"}, {})


class _Parser:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[str] = []
        self.unreadable: set[str] = set()  # "nl/faq.toml" etc.: no point comparing their ids
        self.notes: list[str] = []  # texts missing in a language that may lag behind: Dutch is shown

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def read(self, lang: str, filename: str) -> dict[str, Any]:
        path = self.directory / lang / filename
        where = f"{lang}/{filename}"
        try:
            with path.open("rb") as f:
                return tomllib.load(f)
        except FileNotFoundError:
            if lang not in REFERENCE_LANGUAGES:
                self.notes.append(f"{where}: file is missing; the Dutch texts are shown")
                self.unreadable.add(where)
                return {}
            self.problem(where, "file is missing")
        except tomllib.TOMLDecodeError as e:
            self.problem(where, f"invalid TOML: {e}")
        except UnicodeDecodeError:
            self.problem(where, "file is not UTF-8")
        self.unreadable.add(where)
        return {}

    def entries(self, where: str, data: dict[str, Any], list_key: str, allowed_top: set[str]) -> list[Any]:
        for key in sorted(set(data) - allowed_top):
            self.problem(where, f"unknown key '{key}' at the top (expected [[{list_key}]])")
        items = data.get(list_key, [])
        if not isinstance(items, list) or not items:
            self.problem(where, f"no [[{list_key}]] entries")
            return []
        return items

    def fields(
        self, where: str, index: int, item: Any, required: dict[str, str], optional: dict[str, str]
    ) -> dict[str, Any] | None:
        """The entry's values checked against its schema, or None when it is unusable."""
        if not isinstance(item, dict):
            self.problem(where, f"entry {index + 1} is not a table")
            return None
        name = f"'{item['id']}'" if isinstance(item.get("id"), str) else f"entry {index + 1}"
        at = f"{where} {name}"
        for key in sorted(set(item) - set(required) - set(optional)):
            self.problem(at, f"unknown key '{key}'")
        values: dict[str, Any] = {}
        ok = True
        for key, kind in {**required, **optional}.items():
            if key not in item:
                if key in required:
                    self.problem(at, f"'{key}' is missing")
                    ok = False
                continue
            value = self.value(at, key, kind, item[key])
            ok = ok and value is not None
            values[key] = value
        return values if ok else None

    def value(self, at: str, key: str, kind: str, raw: Any) -> Any:
        if kind in ("words", "ids", "html_list"):
            if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
                self.problem(at, f"'{key}' must be a list of non-empty texts")
                return None
            if kind == "html_list":
                if not raw:
                    self.problem(at, f"'{key}' is empty")
                    return None
                for line in raw:
                    self.check_html(at, key, line)
            return tuple(x.strip() for x in raw)
        if not isinstance(raw, str) or not raw.strip():
            self.problem(at, f"'{key}' must be a non-empty text")
            return None
        value = raw.strip()
        if kind == "title":
            if len(value) > MAX_TITLE_CHARS:
                self.problem(at, f"'{key}' is {len(value)} characters; keep it under {MAX_TITLE_CHARS}")
            if "<" in value or "\n" in value:
                self.problem(at, f"'{key}' is plain text on one line, without HTML")
        elif kind == "html":
            self.check_html(at, key, value)
        return value

    def check_html(self, at: str, key: str, text: str) -> None:
        problems, length = check_telegram_html(text)
        for message in problems:
            self.problem(at, f"'{key}': {message}")
        if length > MAX_MESSAGE_CHARS:
            self.problem(at, f"'{key}' is {length} characters; Telegram allows {MAX_MESSAGE_CHARS}")

    def parse_file(self, lang: str, filename: str) -> tuple[list[Any], list[FaqCategory]]:
        where = f"{lang}/{filename}"
        list_key, required, optional = _SCHEMAS[filename]
        data = self.read(lang, filename)
        if not data:
            return [], []
        top = {list_key, "category"} if filename == "faq.toml" else {list_key}
        records = self.records(where, self.entries(where, data, list_key, top), required, optional)
        categories: list[FaqCategory] = []
        if filename == "faq.toml":
            raw = self.entries(where, data, "category", top)
            categories = [FaqCategory(**v) for v in self.records(where, raw, *_CATEGORY_SCHEMA)]
        return records, categories

    def records(
        self, where: str, items: list[Any], required: dict[str, str], optional: dict[str, str]
    ) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            values = self.fields(where, index, item, required, optional)
            if values is None:
                continue
            if values["id"] in seen:
                self.problem(where, f"id '{values['id']}' is used twice")
                continue
            seen.add(values["id"])
            records.append(values)
        return records


def _parse(directory: Path) -> tuple[Content, list[str]]:
    return _parse_into(_Parser(directory))


def _parse_into(parser: _Parser) -> tuple[Content, list[str]]:
    welcome: dict[str, tuple[WelcomeStep, ...]] = {}
    faq: dict[str, tuple[FaqTopic, ...]] = {}
    categories: dict[str, tuple[FaqCategory, ...]] = {}
    rooms: dict[str, tuple[RoomInfo, ...]] = {}
    for lang in LANGUAGES:
        steps, _ = parser.parse_file(lang, "welcome.toml")
        welcome[lang] = tuple(WelcomeStep(**v) for v in steps)
        topics, faq_categories = parser.parse_file(lang, "faq.toml")
        faq[lang] = tuple(FaqTopic(**v) for v in topics)
        categories[lang] = tuple(faq_categories)
        room_values, _ = parser.parse_file(lang, "rooms.toml")
        rooms[lang] = tuple(RoomInfo(**v) for v in room_values)
        # A language that lags behind may point to a Dutch text it shows instead (see _with_fallback).
        dutch = (
            (faq[REFERENCE_LANG], categories[REFERENCE_LANG]) if lang not in REFERENCE_LANGUAGES else ((), ())
        )
        _check_references(parser, lang, faq[lang], categories[lang], dutch)
        if language(lang).right_to_left:
            welcome[lang] = tuple(replace(s, body=right_to_left(s.body)) for s in welcome[lang])
            faq[lang] = tuple(replace(t, body=right_to_left(t.body)) for t in faq[lang])
            rooms[lang] = tuple(_room_right_to_left(r) for r in rooms[lang])
    per_file: list[tuple[str, Mapping[str, tuple[Any, ...]], bool]] = [
        ("welcome.toml", welcome, True),
        ("faq.toml", faq, False),
        ("faq.toml", categories, False),
        ("rooms.toml", rooms, False),
    ]
    for filename, per_lang, ordered in per_file:
        ids = {lang: [entry.id for entry in per_lang[lang]] for lang in LANGUAGES}
        _check_same_ids(parser, filename, ids, ordered)
    for lang in LANGUAGES:
        if lang not in REFERENCE_LANGUAGES:
            welcome[lang] = _with_fallback(lang, welcome, parser, "welcome.toml")
            faq[lang] = _with_fallback(lang, faq, parser, "faq.toml")
            categories[lang] = _with_fallback(lang, categories, parser, "faq.toml")
            rooms[lang] = _with_fallback(lang, rooms, parser, "rooms.toml")
    content = Content(welcome=welcome, faq=faq, categories=categories, rooms=rooms)
    return content, parser.problems


_Entry = TypeVar("_Entry", WelcomeStep, FaqTopic, FaqCategory, RoomInfo)


def _with_fallback(
    lang: str, per_lang: dict[str, tuple[_Entry, ...]], parser: _Parser, filename: str
) -> tuple[_Entry, ...]:
    """``lang``'s entries in the Dutch order; one it lacks is the Dutch text under a note saying so."""
    own = {entry.id: entry for entry in per_lang[lang]}
    result: list[_Entry] = []
    for dutch in per_lang[REFERENCE_LANG]:
        if dutch.id in own:
            result.append(own[dutch.id])
            continue
        if f"{lang}/{filename}" not in parser.unreadable:
            parser.notes.append(f"{lang}/{filename}: '{dutch.id}' is not translated; the Dutch text is shown")
        result.append(_marked_untranslated(dutch, lang))
    return tuple(result)


def _room_right_to_left(room: RoomInfo) -> RoomInfo:
    return replace(
        room,
        location=right_to_left(room.location),
        accessibility=right_to_left(room.accessibility),
        internet=right_to_left(room.internet),
        key=right_to_left(room.key),
        house_rules=tuple(right_to_left(rule) for rule in room.house_rules),
    )


@cache
def _untranslated_note(lang: str) -> str:
    from bot.i18n import Texts  # the catalogs hold the note; loaded only when a text is missing

    return f"<i>{Texts.load().get(lang, 'content.untranslated')}</i>\n\n"


def _marked_untranslated(entry: _Entry, lang: str) -> _Entry:
    note = _untranslated_note(lang)
    marked: Any = entry  # mypy cannot narrow a TypeVar by isinstance
    if isinstance(marked, WelcomeStep | FaqTopic):
        marked = replace(marked, body=note + marked.body)
    elif isinstance(marked, RoomInfo):
        marked = replace(marked, location=note + marked.location)
    return cast(_Entry, marked)


def _check_references(
    parser: _Parser,
    lang: str,
    topics: tuple[FaqTopic, ...],
    categories: tuple[FaqCategory, ...],
    dutch: tuple[tuple[FaqTopic, ...], tuple[FaqCategory, ...]],
) -> None:
    where = f"{lang}/faq.toml"
    topic_ids = {t.id for t in (*topics, *dutch[0])}
    category_ids = {c.id for c in (*categories, *dutch[1])}
    for topic in topics:
        if topic.category not in category_ids:
            parser.problem(f"{where} '{topic.id}'", f"category '{topic.category}' does not exist")
        for other in topic.see_also:
            if other not in topic_ids:
                parser.problem(f"{where} '{topic.id}'", f"see_also '{other}' is not a topic")
            elif other == topic.id:
                parser.problem(f"{where} '{topic.id}'", "see_also points to itself")
    for category in categories:
        if not any(t.category == category.id for t in topics):
            parser.problem(f"{where} category '{category.id}'", "has no topics")


def _check_same_ids(parser: _Parser, filename: str, ids: dict[str, list[str]], ordered: bool) -> None:
    """Every entry exists in every language; welcome steps also in the same order."""
    if any(f"{lang}/{filename}" in parser.unreadable for lang in LANGUAGES):
        return
    reference = ids[REFERENCE_LANG]
    for lang in LANGUAGES:
        if lang == REFERENCE_LANG:
            continue
        # A language that may lag behind shows the Dutch text instead (see _with_fallback).
        for missing in [i for i in reference if i not in ids[lang] and lang in REFERENCE_LANGUAGES]:
            parser.problem(f"{lang}/{filename}", f"'{missing}' is missing (it exists in {REFERENCE_LANG})")
        for extra in [i for i in ids[lang] if i not in reference]:
            parser.problem(f"{REFERENCE_LANG}/{filename}", f"'{extra}' is missing (it exists in {lang})")
        if ordered and set(reference) == set(ids[lang]) and reference != ids[lang]:
            parser.problem(f"{lang}/{filename}", f"the order differs from {REFERENCE_LANG}/{filename}")


# --- Public API ---------------------------------------------------------------------------------------


def check_content(directory: Path = DEFAULT_DIR) -> list[str]:
    """Every problem in the content directory, one readable line each; an empty list means all is well."""
    return _parse(directory)[1]


def load_content(directory: Path = DEFAULT_DIR) -> Content:
    """The content, or ``ContentError`` listing every problem (the bot should not start half-right)."""
    content, problems = _parse(directory)
    if problems:
        raise ContentError(problems)
    return content


def check_content_cli(directory: Path | None = None) -> tuple[int, str]:
    """Exit code and output for ``burenbot check-content [DIR]``."""
    content, problems = _parse(directory or DEFAULT_DIR)
    if problems:
        return 1, "\n".join([f"{len(problems)} problem(s) in the content:", *problems])
    topics = len(content.faq[REFERENCE_LANG])
    steps = len(content.welcome[REFERENCE_LANG])
    notes = content_notes(directory or DEFAULT_DIR)
    return 0, "\n".join([f"content OK: {topics} topics, {steps} welcome steps", *notes])


def content_notes(directory: Path = DEFAULT_DIR) -> list[str]:
    """Texts that a language without them shows in Dutch (not a problem, but a translator's to-do)."""
    parser = _Parser(directory)
    _parse_into(parser)
    return parser.notes
