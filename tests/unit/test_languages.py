"""The text layer for six languages: CLDR plurals, the catalog check, direction marks, dates, typed words."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from babel import Locale

from bot import bidi
from bot.content_loader import DEFAULT_DIR, check_content, content_notes, load_content
from bot.i18n import LOCALES_DIR, Texts, day_heading, day_label, month_label, number
from bot.languages import ALL, LANGUAGES
from bot.words import dutch_word, yes_or_no
from storage.db import Database
from tests import i18n_check, i18n_missing

TEXTS = Texts.load()
# CLDR's categories for whole numbers, in the order of each catalog's msgstr[i].
CATEGORY_ORDER = {
    "nl": ["one", "other"], "en": ["one", "other"], "tr": ["one", "other"],
    "pl": ["one", "few", "many"], "uk": ["one", "few", "many"],
    "ar": ["zero", "one", "two", "few", "many", "other"],
}  # fmt: skip


def plain(text: str) -> str:
    return bidi.strip_marks(text)


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "zostało 1 miejsce"), (2, "zostały 2 miejsca"), (5, "zostało 5 miejsc"), (22, "zostały 22 miejsca")],
)
def test_polish_plurals_follow_cldr_one_few_many(count: int, expected: str) -> None:
    assert plain(TEXTS.plural("pl", "agenda.places_left", count)) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا أماكن متبقية"),
        (1, "بقي مكان واحد"),
        (2, "بقي مكانان"),
        (3, "بقيت 3 أماكن"),
        (11, "بقي 11 مكانًا"),
        (100, "بقي 100 مكان"),
    ],
)
def test_arabic_plurals_follow_cldr_zero_one_two_few_many_other(count: int, expected: str) -> None:
    assert plain(TEXTS.plural("ar", "agenda.places_left", count)) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogs_plural_rule_picks_the_cldr_category(lang: str) -> None:
    locale = Locale.parse(lang)
    for n in (*range(0, 30), 100, 101, 102, 111, 1000, 1001):
        index = TEXTS._plural_rules[lang](n)
        assert CATEGORY_ORDER[lang][index] == locale.plural_form(n), (lang, n)


def test_the_catalogs_pass_the_check_on_this_tree() -> None:
    assert i18n_check.problems() == []


def copy_locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, target)
    return target


def drop_entry(po: Path, key: str) -> None:
    text = po.read_text(encoding="utf-8")
    entry = re.compile(rf'msgid "{re.escape(key)}"\n(?:msgid_plural .*\n)?(?:msgstr.*\n|".*"\n)+\n?')
    assert entry.search(text), key
    po.write_text(entry.sub("", text, count=1), encoding="utf-8")


def test_the_check_names_a_key_deliberately_removed_from_a_new_language(tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    drop_entry(locales / "tr" / "hours.po", "hours.saved")
    drop_entry(locales / "ar" / "activities.po", "agenda.places_left")
    found = i18n_check.problems(locales)
    assert found == [
        "ar/activities.po: key 'agenda.places_left' is missing",
        "tr/hours.po: key 'hours.saved' is missing",
    ]
    stub = i18n_missing.stubs(["ar"], locales)
    assert "# ===== bot/locales/ar/activities.po: 1 missing" in stub
    assert 'msgid "agenda.places_left"' in stub and 'msgstr[5] ""' in stub
    assert "#. en: {count} places left" in stub


def test_the_check_finds_unused_keys_and_placeholder_and_markup_mistakes(tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    for lang in ("nl", "en", "ar", "tr", "pl", "uk"):
        with (locales / lang / "core.po").open("a", encoding="utf-8") as po:
            po.write('\nmsgid "error.never_used"\nmsgstr "x"\n')
    uk = locales / "uk" / "hours.po"
    uk.write_text(uk.read_text(encoding="utf-8").replace("<b>{hours} год</b>, {day}", "<b>{hour} год, {day}"))
    found = i18n_check.problems(locales)
    assert "nl/core.po: key 'error.never_used' is defined but not used" in found
    assert (
        "uk/hours.po: key 'hours.saved' has placeholders ['day', 'hour']; Dutch has ['day', 'hours']" in found
    )
    assert any(p.startswith("uk/hours.po: key 'hours.saved': ") for p in found)  # the unclosed <b>


def test_a_key_used_in_code_but_missing_in_dutch_is_named(tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    for lang in LANGUAGES:
        drop_entry(locales / lang / "time.po", "time.dst_gap")
    assert "nl: key 'time.dst_gap' is used in the code but missing" in i18n_check.problems(locales)


def test_every_catalog_says_how_it_was_made_and_whether_a_native_speaker_reviewed_it() -> None:
    for lang in ("ar", "tr", "pl", "uk"):
        for po in (LOCALES_DIR / lang).glob("*.po"):
            head = po.read_text(encoding="utf-8")[:600]
            assert "# Made by: machine-drafted" in head and "# Reviewed by a native speaker: no." in head, po


def test_arabic_lines_read_right_to_left_and_commands_stay_whole() -> None:
    text = TEXTS.get("ar", "hours.not_understood", text="2 x")
    assert text.startswith(bidi.RLM)
    assert f"{bidi.LRI}<code>/uren 1:45</code>{bidi.PDI}" in text
    assert f"{bidi.FSI}2 x{bidi.PDI}" in text  # the member's own words keep their direction
    assert bidi.right_to_left(text) == text  # marking twice changes nothing
    assert "\u200f" not in TEXTS.get("tr", "hours.not_understood", text="2 x")


def test_dates_and_numbers_are_written_and_capitalised_as_each_language_does() -> None:
    day = date(2026, 12, 2)
    assert day_heading(day, "en") == "Wednesday 2 December"
    assert day_heading(day, "nl") == "Woensdag 2 december"
    assert day_label(day, "nl") == "woensdag 2 december"
    assert day_label(day, "pl") == "środa 2 grudnia"
    assert day_heading(day, "tr") == "Çarşamba 2 Aralık"
    assert month_label(day, "pl") == "grudzień 2026" and month_label(day, "uk") == "грудень 2026"
    assert (number(2.5, "nl"), number(2.5, "en"), number(2.5, "pl"), number(2.5, "ar")) == (
        "2,5",
        "2.5",
        "2,5",
        "2.5",
    )


def test_taal_names_each_language_in_its_own_script() -> None:
    assert [lang.native_name for lang in ALL] == [
        "Nederlands",
        "English",
        "العربية",
        "Türkçe",
        "Polski",
        "Українська",
    ]


@pytest.mark.parametrize(
    ("typed", "dutch"),
    [("saat", "uur"), ("Godziny", "uur"), ("години", "uur"), ("ساعة", "uur"), ("dün,", "gisteren,"),
     ("wczoraj", "gisteren"), ("вчора", "gisteren"), ("أمس", "gisteren"), ("٢٫٥", "2,5"), ("uur", "uur"),
     ("perşembe", "donderdag"), ("grudnia", "december")],
)  # fmt: skip
def test_typed_words_are_read_as_their_dutch_equivalent(typed: str, dutch: str) -> None:
    assert dutch_word(typed) == dutch


def test_yes_and_no_in_every_language_and_still_in_dutch() -> None:
    assert [yes_or_no(w) for w in ("ja", "evet", "Tak", "так", "نعم", "yes")] == [True] * 6
    assert [yes_or_no(w) for w in ("nee", "hayır", "nie", "ні", "لا")] == [False] * 5
    assert yes_or_no("misschien") is None


def test_a_missing_content_text_falls_back_to_dutch_with_a_note(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(DEFAULT_DIR, content_dir)
    faq = content_dir / "tr" / "faq.toml"
    text = faq.read_text(encoding="utf-8")
    start = text.index('[[topic]]\nid = "wifi"')
    faq.write_text(text[:start] + text[text.index("[[topic]]", start + 5) :], encoding="utf-8")
    (content_dir / "uk" / "rooms.toml").unlink()
    assert check_content(content_dir) == []
    content = load_content(content_dir)
    wifi = content.topic("tr", "wifi")
    assert wifi is not None and wifi.title == "Is er wifi in de huiskamers?"
    assert wifi.body.startswith("<i>Bu metin henüz çevrilmedi.")
    assert content.rooms["uk"][0].location.startswith("<i>Цей текст ще не перекладено.")
    assert content_notes(content_dir) == [
        "uk/rooms.toml: file is missing; the Dutch texts are shown",
        "tr/faq.toml: 'wifi' is not translated; the Dutch text is shown",
    ]


async def test_the_database_takes_every_language_and_still_refuses_an_unknown_one(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with db.transaction() as conn:
            for telegram_id, lang in enumerate(LANGUAGES, 1000):
                await conn.execute(
                    "INSERT INTO members (telegram_id, language, joined_at) VALUES (?, ?, '2026-12-01')",
                    (telegram_id, lang),
                )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO members (language, joined_at) VALUES ('xx', '2026-12-01')")
        rows = await db.fetch_all(
            "SELECT sql FROM sqlite_schema WHERE name IN ('questions', 'faq_extra_topics')"
        )
        assert all("'ar', 'tr', 'pl', 'uk'" in row["sql"] for row in rows) and len(rows) == 2
    finally:
        await db.close()
