"""/open, the coordinator's inbox: every kind of open item is listed, opens with its action and leaves."""

from __future__ import annotations

from datetime import timedelta

from telegram.constants import InlineKeyboardMarkupLimit, MessageLimit

from bot.callbacks import MAX_BYTES
from storage.db import utc_text
from tests.harness import Harness, Person
from tests.unit.activity_helpers import make_member, new_activity


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def _budget_request(bram: Person, purpose: str, day: str) -> None:
    await bram.says("/budget")
    await bram.presses("Geld aanvragen")
    await bram.says(purpose)
    await bram.says("40")
    await bram.says(day)
    await bram.presses("Versturen")


async def test_each_kind_of_item_is_listed_opens_with_its_action_and_leaves(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    bram = await bot.member("Bram")
    anna = await bot.member("Anna", role="newcomer")
    coordinator = await bot.member_record(lotte)

    # Before anything happened: the new member and the two quiet volunteers.
    await lotte.says("/open")
    lotte.sees("3 dingen wachten op je", "Nieuw lid: Anna", "Karim: twee maanden geen uren", "Bram")
    await lotte.says("/help")
    lotte.sees("3 dingen wachten op je: /open")

    # A question, a buddy request, a key request, a key nobody brings, a budget request.
    await anna.says("/wegwijs mag mijn hond mee naar de kerstborrel")
    await anna.presses("Vraag het de coördinator")
    await anna.says("/buddy")
    await anna.presses("graag een buddy")
    key = await bot.core.keys.add_key(coordinator, "huiskamer6", "Huiskamer 6 – sleutel 1")
    await bot.core.keys.correct(coordinator, key.id, (await bot.member_record(karim)).id)
    await bram.says("/sleutel")
    await bram.presses("Sleutel vragen")
    await bram.presses("Huiskamer 6 – sleutel 1")
    await bram.says("Breiclub vrijdag")
    tomorrow = bot.clock.now() + timedelta(days=1)
    organiser = await bot.member_record(anna)
    await bot.core.activities.create(organiser, new_activity(tomorrow, title="Breiclub"))
    await _budget_request(bram, "Wol voor de breiclub", "30 november")

    await lotte.says("/open")
    lotte.sees(
        "8 dingen wachten op je",
        "Vraag van Anna: mag mijn hond mee",
        "Anna wil een buddy",
        "Bram vraagt Huiskamer 6 – sleutel 1: Breiclub vrijdag",
        "Niemand brengt de sleutel: Breiclub",
        "Bram vraagt €\u00a040,00: Wol voor de breiclub",
    )

    # The question opens with "Beantwoorden"; once answered it leaves.
    await lotte.presses("❓ Anna")
    lotte.sees("Vraag van Anna", "mag mijn hond mee naar de kerstborrel")
    await lotte.presses("Beantwoorden")
    await lotte.says("Ja, een rustige hond is welkom.")
    assert "rustige hond" in last_text(anna)
    await lotte.says("/open")
    lotte.does_not_see("Vraag van Anna")

    await lotte.presses("🤝 Anna")
    await lotte.presses("Buddy kiezen")
    await lotte.presses("Karim")
    lotte.sees("Karim is nu buddy van Anna")
    await lotte.says("/open")
    lotte.does_not_see("Anna wil een buddy")

    await lotte.presses("🔑 Bram")
    await lotte.presses("Sleutel geven aan Bram")
    lotte.sees("onderweg naar Bram")
    await lotte.says("/open")
    lotte.does_not_see("Bram vraagt Huiskamer 6")

    await lotte.presses("🚪 Breiclub")
    lotte.sees("Niemand brengt de sleutel", "Huiskamer portiek 6")
    await lotte.presses("Ik breng de sleutel")
    lotte.sees("jij brengt de sleutel voor Breiclub")
    lotte.does_not_see("Niemand brengt de sleutel")
    activity_id = await bot.core.db.fetch_value("SELECT id FROM activities WHERE title = 'Breiclub'")
    assert await bot.core.keys.key_bringer(activity_id) == coordinator.id

    await lotte.presses("💶 Bram")
    lotte.sees("Waarvoor: Wol voor de breiclub")
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")  # the preview: who pays back, how, by when
    assert "goedgekeurd" in last_text(bram)

    # An approved request whose date passed without a receipt: she asks for it with one press.
    await _budget_request(bram, "Koffie en koek", "22 november 2026")
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")  # the preview: who pays back, how, by when
    await lotte.says("/open")
    lotte.sees("Bon ontbreekt: Koffie en koek (Bram")
    lotte.does_not_see("Wol voor de breiclub")  # its date is still to come
    await lotte.presses("🧾 Bram")
    await lotte.presses("Vraag om de bon")
    lotte.sees("Ik heb Bram gevraagd om de bon")
    lotte.does_not_see("Bon ontbreekt")
    assert "Lotte vraagt om de bon van: Koffie en koek" in last_text(bram)

    # Bram logs hours: no longer quiet. Karim is called by phone and Anna welcomed: marked handled.
    await bram.says("/uren 2 gisteren koffieochtend")
    await bram.presses("Opslaan")
    await lotte.says("/open")
    lotte.does_not_see("Bram: twee maanden")
    await lotte.presses("💤 Karim")
    lotte.sees("Laatste keer: nog nooit")
    await lotte.presses("Afgehandeld")
    lotte.sees("Afgehandeld.", "1 ding wacht op je")
    await lotte.presses("👋 Anna")
    lotte.sees("Nieuw lid: Anna", "heeft een buddy")
    await lotte.presses("Afgehandeld")
    lotte.sees("Er wacht niets op je")

    await lotte.says("/help")
    lotte.does_not_see("wacht op je")
    # A handled quiet member shows again next month if still quiet.
    bot.clock.set(bot.clock.now() + timedelta(days=40))
    await lotte.says("/open")
    lotte.sees("Karim: twee maanden geen uren")


async def test_an_item_handled_meanwhile_says_so(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    yusuf = await bot.member("Yusuf", role="coordinator")
    await bot.member("Anna", role="newcomer")
    await lotte.says("/open")
    await yusuf.says("/open")
    await yusuf.presses("👋 Anna")
    await lotte.presses("👋 Anna")
    await lotte.presses("Afgehandeld")
    await yusuf.presses("Afgehandeld")
    yusuf.sees("al afgehandeld")
    assert await bot.core.db.fetch_value("SELECT COUNT(*) FROM inbox_handled") == 1


async def test_volunteers_have_no_inbox(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/open")
    karim.does_not_see("wacht op je")
    await karim.says("/help")
    karim.does_not_see("/open")


async def test_150_quiet_members_page_within_telegrams_limits(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    for n in range(150):
        await make_member(bot.core, f"Vrijwilliger {n:03d} met een heel lange achternaam van Oranje-Nassau")
    async with bot.core.db.transaction() as conn:  # long enough ago to be quiet
        await conn.execute(
            "UPDATE members SET joined_at = ?", (utc_text(bot.clock.now() - timedelta(days=90)),)
        )

    await lotte.says("/open")
    lotte.sees("150 dingen wachten op je", "Bladzijde 1 van 19", "Vrijwilliger 000")
    seen: set[str] = set()
    for page in range(1, 20):
        if page > 1:
            await lotte.presses("▶️")
            lotte.sees(f"Bladzijde {page} van 19")
        message = lotte.last[-1]
        assert len(message.text) <= MessageLimit.MAX_TEXT_LENGTH
        buttons = [b for row in message.buttons for b in row]
        assert len(buttons) <= InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER
        assert all(len((b.callback_data or "").encode()) <= MAX_BYTES for b in buttons)
        seen |= {line for line in message.text.splitlines() if "Vrijwilliger" in line}
    assert len(seen) == 150
    assert "▶️" not in lotte.button_labels()
    await lotte.presses("◀️")
    lotte.sees("Bladzijde 18 van 19")
