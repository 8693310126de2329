"""A newcomer in each new language joins, reads the welcome, claims a task and logs two hours in own words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot import bidi
from tests.harness import Harness, Person
from tests.harness_config import INVITE
from tests.unit.activity_helpers import new_activity


@dataclass(frozen=True)
class Story:
    lang: str
    button: str  # the /taal button, in the language's own script
    joined: str
    step_6: str
    next: str
    claimed: str
    two_hours: str  # "2 uur" in the language's own words
    activity: str  # the kind-of-work button
    save: str
    saved: str
    faq_question: str
    faq_answer: str


STORIES = [
    Story("tr", "Türkçe", "Artık Buren voor Buren üyesisin", "Nereden başlarım?", "İleri",
          "görevindesin", "2 saat", "Etkinlik", "Kaydet", "Kaydedildi: ", "anahtarı nasıl alırım",
          "Anahtarı nasıl alırım?"),
    Story("pl", "Polski", "Jesteś teraz członkiem Buren voor Buren", "Od czego zacząć?", "Dalej",
          "Jesteś zapisany(-a) na", "2 godziny", "Wydarzenie", "Zapisz", "Zapisano: ", "jak dostać klucz",
          "Jak dostać klucz?"),
    Story("uk", "Українська", "Тепер ти учасник Buren voor Buren", "З чого почати?", "Далі",
          "Ти записаний(-а) на", "2 години", "Захід", "Зберегти", "Збережено: ", "як отримати ключ",
          "Як отримати ключ?"),
    Story("ar", "العربية", "أنت الآن عضو في", "من أين أبدأ؟", "التالي", "أنت مسجّل في", "ساعتان",
          "نشاط", "حفظ", "حُفظ: ", "كيف أحصل على مفتاح", "كيف أحصل على مفتاح؟"),
]  # fmt: skip


def shown(person: Person) -> str:
    """What the member reads, without the invisible direction marks."""
    return bidi.strip_marks("\n".join(message.text for message in person.last))


@pytest.mark.parametrize("story", STORIES, ids=[s.lang for s in STORIES])
async def test_a_newcomer_joins_reads_the_welcome_claims_and_logs_hours_in_their_language(
    bot: Harness, story: Story
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    await bot.core.activities.create(
        await bot.member_record(lotte),
        new_activity(
            bot.clock.now() + timedelta(days=2), title="Koffieochtend", tasks=(("koffie zetten", 2),)
        ),
    )
    amal = await bot.stranger("Amal")
    await amal.says(f"/start {INVITE}")
    await amal.says("Amal")
    await amal.presses(story.button)
    assert story.joined in shown(amal)
    for _ in range(5):
        await amal.presses(story.next)
    assert story.step_6 in shown(amal) and "Koffieochtend" in shown(amal)
    await amal.presses("koffie zetten")
    assert story.claimed in shown(amal)
    member = await bot.member_record(amal)
    assert member.language == story.lang
    assert len(await bot.core.activities.upcoming_claims(member.id)) == 1

    await amal.says(f"/uren {story.two_hours}")
    await amal.presses(story.activity)
    await amal.presses(story.save)
    assert story.saved in shown(amal)
    row = await bot.core.db.fetch_one("SELECT minutes FROM hours_entries WHERE member_id = ?", (member.id,))
    assert row is not None and row["minutes"] == 120

    # Dutch typed input is still understood, and the FAQ answers from this language's own content.
    await amal.says("/uren 1 uur")
    await amal.presses(story.activity)
    await amal.presses(story.save)
    assert story.saved in shown(amal)
    await amal.says("/wegwijs")
    await amal.says(story.faq_question)
    assert story.faq_answer in shown(amal)


async def test_help_in_arabic_reads_right_to_left_with_whole_tappable_commands(bot: Harness) -> None:
    samir = await bot.member("Samir", language="ar")
    await samir.says("/help")
    text = samir.last[-1].text
    lines = [line for line in text.split("\n") if line]
    assert all(line.startswith(bidi.RLM) for line in lines), text
    commands = re.findall(r"/[a-z]+", text)
    assert "/uren" in commands and "/agenda" in commands and "/welkom" in commands
    for command in commands:
        # Each command sits whole in a left-to-right isolate; no mark inside it, so Telegram links it.
        assert f"{bidi.LRI}{command}{bidi.PDI}" in text, command
    assert "سجّل ساعاتك وشاهد شهرك" in text


async def test_an_arabic_member_types_arabic_indic_digits_and_yesterday(bot: Harness) -> None:
    samir = await bot.member("Samir", language="ar")
    await samir.says("/uren ٢٫٥ ساعة أمس")
    await samir.presses("نشاط")
    assert "2.5 ساعة" in shown(samir) and "هل هذا صحيح؟" in shown(samir)
    day = (bot.clock.now() - timedelta(days=1)).date()
    await samir.presses("حفظ")
    member = await bot.member_record(samir)
    row = await bot.core.db.fetch_one(
        "SELECT day, minutes FROM hours_entries WHERE member_id = ?", (member.id,)
    )
    assert row is not None and (row["day"], row["minutes"]) == (day.isoformat(), 150)
