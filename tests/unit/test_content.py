"""The shipped content is complete and valid; a coordinator's mistake is reported, never a crash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.content_loader import (
    DEFAULT_DIR,
    ContentError,
    check_content,
    check_content_cli,
    check_telegram_html,
    load_content,
)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the shipped content that a test may break."""
    return Path(shutil.copytree(DEFAULT_DIR, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def body_of(path: Path, topic_id: str) -> str:
    """The body line block of one topic, to replace in a test."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf'id = "{topic_id}"\n.*?body = """(.*?)"""', text, re.S)
    assert match
    return match.group(1)


def test_shipped_content_has_no_problems() -> None:
    assert check_content() == []


def test_shipped_content_is_complete() -> None:
    content = load_content()
    for lang in ("nl", "en"):
        assert len(content.faq[lang]) >= 20
        assert [s.id for s in content.welcome[lang]] == [
            "wat-is-bvb",
            "de-afspraak",
            "de-huiskamers",
            "het-wijkbudget",
            "de-coordinator",
            "waar-begin-ik",
        ]
        assert [r.name for r in content.rooms[lang]] == ["Huiskamer portiek 6", "Huiskamer portiek 7"]
    assert content.topic("nl", "wifi") is not None
    assert content.topic("nl", "bestaat-niet") is None


def test_cli_says_ok_with_counts() -> None:
    assert check_content_cli(None) == (0, "content OK: 25 topics, 6 welcome steps")


def test_cli_lists_problems_and_exits_1(content_dir: Path) -> None:
    (content_dir / "en" / "faq.toml").unlink()
    code, output = check_content_cli(content_dir)
    assert code == 1
    assert "en/faq.toml: file is missing" in output


def test_load_content_refuses_broken_content(content_dir: Path) -> None:
    edit(
        content_dir / "nl" / "faq.toml", 'see_also = ["wat-telt", "ziek-of-vakantie"', 'see_also = ["nergens"'
    )
    with pytest.raises(ContentError) as caught:
        load_content(content_dir)
    assert any("'nergens'" in p for p in caught.value.problems)


def test_topic_missing_in_english_is_reported(content_dir: Path) -> None:
    edit(content_dir / "en" / "faq.toml", 'id = "wifi"', 'id = "wifi-en"')
    problems = check_content(content_dir)
    assert "en/faq.toml: 'wifi' is missing (it exists in nl)" in problems
    assert "nl/faq.toml: 'wifi-en' is missing (it exists in en)" in problems


def test_welcome_step_order_must_match(content_dir: Path) -> None:
    path = content_dir / "en" / "welcome.toml"
    edit(path, 'id = "wat-is-bvb"', 'id = "TMP"')
    edit(path, 'id = "de-afspraak"', 'id = "wat-is-bvb"')
    edit(path, 'id = "TMP"', 'id = "de-afspraak"')
    assert check_content(content_dir) == ["en/welcome.toml: the order differs from nl/welcome.toml"]


def test_broken_see_also_is_reported(content_dir: Path) -> None:
    edit(content_dir / "en" / "faq.toml", 'see_also = ["sleutel-kwijt"', 'see_also = ["sleutel-verloren"')
    assert check_content(content_dir) == [
        "en/faq.toml 'sleutel-lenen': see_also 'sleutel-verloren' is not a topic"
    ]


def test_unbalanced_html_is_reported(content_dir: Path) -> None:
    edit(
        content_dir / "nl" / "faq.toml",
        "Nee, in de huiskamers is <b>geen internet</b>.",
        "Nee, <b>geen internet.",
    )
    assert check_content(content_dir) == ["nl/faq.toml 'wifi': 'body': <b> is never closed"]


def test_unsupported_tag_is_reported(content_dir: Path) -> None:
    edit(content_dir / "nl" / "welcome.toml", "<b>Buren voor Buren</b>", "<u>Buren voor Buren</u>")
    problems = check_content(content_dir)
    assert problems == [
        "nl/welcome.toml 'wat-is-bvb': 'body': unsupported tag <u> (allowed: b, i, a href, code)"
    ]


def test_body_over_telegram_limit_is_reported(content_dir: Path) -> None:
    path = content_dir / "en" / "faq.toml"
    edit(path, body_of(path, "privacy"), "<b>word</b> " * 820)  # stripped: 4099 characters of text
    assert check_content(content_dir) == [
        "en/faq.toml 'privacy': 'body' is 4099 characters; Telegram allows 4096"
    ]


def test_tags_do_not_count_towards_the_limit(content_dir: Path) -> None:
    path = content_dir / "en" / "faq.toml"
    edit(path, body_of(path, "privacy"), "<b>word</b> " * 819)  # stripped: 4094 characters of text
    assert check_content(content_dir) == []


def test_invalid_toml_is_reported_with_the_file_not_raised(content_dir: Path) -> None:
    edit(content_dir / "nl" / "rooms.toml", 'name = "Huiskamer portiek 6"', 'name = "Huiskamer portiek 6')
    problems = check_content(content_dir)
    assert len(problems) == 1
    assert problems[0].startswith("nl/rooms.toml: invalid TOML:")


def test_unknown_and_missing_keys_are_reported(content_dir: Path) -> None:
    path = content_dir / "nl" / "faq.toml"
    edit(path, 'id = "wifi"\n', 'id = "wifi"\nkeyword = "wifi"\n')
    edit(path, 'title = "Is er wifi in de huiskamers?"\n', "")
    problems = check_content(content_dir)
    assert "nl/faq.toml 'wifi': unknown key 'keyword'" in problems
    assert "nl/faq.toml 'wifi': 'title' is missing" in problems


def test_empty_fields_and_long_titles_are_reported(content_dir: Path) -> None:
    path = content_dir / "en" / "welcome.toml"
    edit(path, 'title = "The coordinator"', 'title = "' + "x" * 65 + '"')
    edit(path, 'title = "Where do I start?"', 'title = "  "')
    problems = check_content(content_dir)
    assert "en/welcome.toml 'de-coordinator': 'title' is 65 characters; keep it under 64" in problems
    assert "en/welcome.toml 'waar-begin-ik': 'title' must be a non-empty text" in problems


def test_duplicate_ids_and_unknown_categories_are_reported(content_dir: Path) -> None:
    path = content_dir / "nl" / "faq.toml"
    edit(path, 'id = "bonnetje"\ncategory = "wijkbudget"', 'id = "wifi"\ncategory = "wijkbudget"')
    edit(path, 'id = "privacy"\ncategory = "de-bot"', 'id = "privacy"\ncategory = "geheimen"')
    problems = check_content(content_dir)
    assert "nl/faq.toml: id 'wifi' is used twice" in problems
    assert "nl/faq.toml 'privacy': category 'geheimen' does not exist" in problems


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Koffie & thee", "write & as &amp;"),
        ("5 > 3", "write > as &gt;"),
        ("<b><i>vet</b></i>", "</b> does not close the last opened tag"),
        ("<a>link</a>", "<a> needs an href"),
        ('<b class="x">vet</b>', "unsupported attribute on <b>: class"),
        ("regel<br/>regel", "unsupported tag <br/>"),
        ("&nbsp;", "unknown entity &nbsp; (use &lt; &gt; &amp; &quot; or a number)"),
        ("tekst <b", "write < as &lt;"),
        ("</u>", "unsupported tag <u> (allowed: b, i, a href, code)"),
        ("<!-- notitie -->", "HTML comments are not allowed"),
        ("&#99999999;", "invalid character reference &#99999999;"),
    ],
)
def test_telegram_html_checker_finds_mistakes(body: str, problem: str) -> None:
    assert problem in check_telegram_html(body)[0]


def test_telegram_html_checker_accepts_what_telegram_accepts() -> None:
    body = 'Typ <code>/uren 2,5</code> &amp; <a href="https://example.org">dit</a> &lt;3 &#128512; <i>ok</i>'
    problems, length = check_telegram_html(body)
    assert problems == []
    assert length == len("Typ /uren 2,5 & dit <3 xx ok")  # the emoji counts twice, as in Telegram
