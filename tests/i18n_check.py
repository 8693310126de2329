"""Extract the text keys the code uses and check every catalog against them and against Dutch.

What counts as "used": a string literal in bot/, handlers/ or burenbot/ that equals a key, or an f-string
whose literal start is a key prefix (``f"members.line.{role}"`` uses every ``members.line.*``). Problems:

- a key used in code but missing in a language (every language of ``bot.languages``, new ones included);
- a key defined in a catalog but used nowhere;
- a text whose ``{placeholders}`` or HTML tags differ from the Dutch one (each plural form counts; a
  form may leave out ``{count}``, as Arabic does for one and two);
- a plural entry with fewer forms than the catalog's ``Plural-Forms`` asks for.

``python -m tests.i18n_missing`` prints the missing keys per language as .po stubs.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, placeholders
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES
from bot.telegram_html import check_telegram_html

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("bot", "handlers", "burenbot")
_KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_ENDINGS = ("toml", "po", "py", "csv", "sql", "png", "ics", "md", "txt", "json", "sqlite3")
_FILE_ENDINGS = tuple(f".{e}" for e in _ENDINGS)
_TAG = re.compile(r"</?([a-z]+)[^>]*>")


@dataclass(frozen=True)
class Entry:
    key: str
    forms: tuple[str, ...]  # one for a plain text, every msgstr[i] for a plural one
    file: str  # "activities.po"
    is_plural: bool


def read_catalogs(directory: Path = LOCALES_DIR) -> tuple[dict[str, dict[str, Entry]], dict[str, int]]:
    """Per language its entries by key, and the number of plural forms its header declares."""
    entries: dict[str, dict[str, Entry]] = {}
    nplurals: dict[str, int] = {}
    for lang in LANGUAGES:
        entries[lang] = {}
        nplurals[lang] = get_plural(lang).num_plurals
        for po_file in sorted((directory / lang).glob("*.po")):
            catalog = _read(po_file, lang)
            nplurals[lang] = catalog.num_plurals
            for message in catalog:
                if not message.id:
                    continue
                key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
                raw = message.string if isinstance(message.string, tuple) else (message.string,)
                forms = tuple(str(form or "") for form in raw)
                plural = isinstance(message.id, tuple)
                entries[lang][key] = Entry(key, forms, po_file.name, plural)
    return entries, nplurals


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def used_in_code(root: Path = ROOT) -> tuple[set[str], set[str]]:
    """String literals that look like keys, and the literal starts of f-strings that build keys."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    for folder in CODE_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if _KEY_SHAPE.match(node.value) and not node.value.endswith(_FILE_ENDINGS):
                        literals.add(node.value)
                elif isinstance(node, ast.JoinedStr) and node.values:
                    first = node.values[0]
                    if isinstance(first, ast.Constant) and re.match(r"^[a-z][a-z0-9_]*\.", str(first.value)):
                        prefixes.add(str(first.value))
    return literals, prefixes


def problems(directory: Path = LOCALES_DIR, root: Path = ROOT) -> list[str]:
    """Every problem, one line each, naming the language, file and key."""
    entries, nplurals = read_catalogs(directory)
    reference = entries[DEFAULT_LANGUAGE]
    literals, prefixes = used_in_code(root)
    namespaces = {key.split(".")[0] for key in reference}
    found: list[str] = []
    for key in sorted(literals - set(reference)):
        built = any(key.startswith(p) for p in prefixes) or any(o.startswith(key + ".") for o in reference)
        if key.split(".")[0] in namespaces and not built:
            found.append(f"{DEFAULT_LANGUAGE}: key '{key}' is used in the code but missing")
    for key in sorted(reference):
        if key not in literals and not any(key.startswith(p) for p in prefixes):
            found.append(f"{DEFAULT_LANGUAGE}/{reference[key].file}: key '{key}' is defined but not used")
    for lang, keys in missing_keys(entries).items():
        found.extend(f"{lang}/{reference[key].file}: key '{key}' is missing" for key in keys)
    for lang in LANGUAGES:
        for key, entry in sorted(entries[lang].items()):
            found.extend(_compare(lang, entry, reference.get(key), nplurals[lang]))
    return found


def missing_keys(entries: dict[str, dict[str, Entry]] | None = None) -> dict[str, list[str]]:
    """Per language, the Dutch keys it lacks (or has with an empty text), in Dutch file order."""
    entries = entries or read_catalogs()[0]
    reference = entries[DEFAULT_LANGUAGE]
    result: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        own = entries[lang]
        gaps = [k for k in reference if k not in own or not all(own[k].forms)]
        if gaps:
            result[lang] = gaps
    return result


def _compare(lang: str, entry: Entry, dutch: Entry | None, nplurals: int) -> list[str]:
    where = f"{lang}/{entry.file}: key '{entry.key}'"
    if dutch is None:
        return [f"{where} is not in Dutch (a typo, or a text the code no longer uses?)"]
    found: list[str] = []
    if entry.is_plural != dutch.is_plural:
        found.append(f"{where} must {'' if dutch.is_plural else 'not '}be a plural entry, as in Dutch")
    if entry.is_plural and len(entry.forms) != nplurals:
        found.append(f"{where} has {len(entry.forms)} plural forms; Plural-Forms says {nplurals}")
    expected = set().union(*(placeholders(f) for f in dutch.forms))
    dutch_tags = set().union(*(_TAG.findall(f) for f in dutch.forms))
    for form in entry.forms:
        if not form:
            continue
        names = placeholders(form)
        # The coordinator's name comes from the config (Texts.set_defaults): a translation may say "the
        # coordinator" in its own words instead, where the name would not fit the language's grammar.
        optional = {"coordinator", "coordinator_who"} & expected
        if names - expected or (
            expected - names - optional and not (entry.is_plural and expected - names == {"count"})
        ):
            found.append(f"{where} has placeholders {sorted(names)}; Dutch has {sorted(expected)}")
        if extra := set(_TAG.findall(form)) - dutch_tags:
            found.append(f"{where} has HTML tags {sorted(extra)} that Dutch does not use")
        found.extend(f"{where}: {message}" for message in check_telegram_html(form)[0])
    return found
