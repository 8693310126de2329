"""Both languages have every text, with the same placeholders, and they render."""

from datetime import date

import pytest

from bot.i18n import Markup, Texts, day_label, number, placeholders

TEXTS = Texts.load()


def test_both_languages_have_the_same_keys() -> None:
    assert TEXTS.keys("nl") == TEXTS.keys("en")


@pytest.mark.parametrize("key", sorted(TEXTS.keys("nl")))
def test_same_placeholders_and_plural_forms(key: str) -> None:
    nl, en = TEXTS.raw("nl", key), TEXTS.raw("en", key)
    assert nl.singular and en.singular, f"{key} is empty"
    assert placeholders(nl.singular) == placeholders(en.singular), key
    assert (nl.plural is None) == (en.plural is None), key
    if nl.plural is not None and en.plural is not None:
        assert placeholders(nl.plural) == placeholders(en.plural), key


def test_user_input_is_escaped_but_markup_is_not() -> None:
    text = TEXTS.get("nl", "start.welcome_back", name="<b>Anna</b> & co")
    assert "&lt;b&gt;Anna&lt;/b&gt; &amp; co" in text
    assert "<b>x</b>" in TEXTS.get("nl", "start.welcome_back", name=Markup("<b>x</b>"))


def test_plural() -> None:
    assert TEXTS.plural("nl", "members.list_title", 1) == "1 lid"
    assert TEXTS.plural("nl", "members.list_title", 3) == "3 leden"
    assert TEXTS.plural("en", "members.list_title", 3) == "3 members"


def test_dutch_dates_and_numbers() -> None:
    assert day_label(date(2026, 12, 3), "nl") == "donderdag 3 december"
    assert day_label(date(2026, 12, 3), "en") == "Thursday 3 December"
    assert number(2.5, "nl") == "2,5"
    assert number(2.5, "en") == "2.5"
    assert number(10, "nl") == "10"


def test_announcement_length_is_counted_as_the_chat_apps_count() -> None:
    """Markup does not count, an emoji counts twice (Telegram counts UTF-16 units after parsing)."""
    import pytest

    from bot.announcements.service import MAX_CAPTION, MAX_TEXT, AnnouncementTooLong, check_length

    link = '<a href="https://www.zeist.nl/wijkbudget-aanvragen">x</a>'
    check_length(link * 1000, with_photo=False)  # 57,000 characters of HTML, 1000 visible
    check_length("😀" * (MAX_TEXT // 2), with_photo=False)
    with pytest.raises(AnnouncementTooLong):
        check_length("😀" * (MAX_TEXT // 2 + 1), with_photo=False)  # fewer characters than MAX_TEXT
    check_length("x" * MAX_CAPTION, with_photo=True)
    with pytest.raises(AnnouncementTooLong):
        check_length("x" * (MAX_CAPTION + 1), with_photo=True)
