"""A member leaves (/vergeetmij, /verwijder): what others rely on is handed on, in one go, and told.

Also: accepting a waitlist offer is a claim like any other (the buddy hears of a newcomer's first task),
and a reply lost after the bot committed leaves exactly one request and one coordinator notice.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from bot.clock import ManualClock
from bot.config import Config
from tests.harness import Harness, Person, start_harness, stop_harness
from tests.unit.activity_helpers import new_activity


def last_text(person: Person) -> str:
    return person.chat[-1].text


async def _key_with(bot: Harness, coordinator: Person, holder: Person, label: str = "Sleutel 1") -> int:
    lotte = await bot.member_record(coordinator)
    key = await bot.core.keys.add_key(lotte, "huiskamer6", label)
    await bot.core.keys.correct(lotte, key.id, (await bot.member_record(holder)).id)
    return key.id


async def _full_task_with_waitlist(bot: Harness, organiser: Person, holder: Person, waiting: Person) -> int:
    """An activity in two days whose one place ``holder`` has, with ``waiting`` first in line."""
    start = bot.core.local_now().replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=2)
    (activity_id,) = await bot.core.activities.create(
        await bot.member_record(organiser), new_activity(start, tasks=(("koken", 1),))
    )
    task_id = (await bot.core.activities.detail(activity_id)).tasks[0].id
    await bot.core.claims.claim(await bot.member_record(holder), task_id)
    assert await bot.core.claims.join_waitlist(await bot.member_record(waiting), task_id) == 1
    return task_id


async def _pair(bot: Harness, coordinator: Person, *, newcomer: Person, buddy: Person) -> None:
    request = await bot.core.buddies.ask(await bot.member_record(newcomer))
    buddy_id = (await bot.member_record(buddy)).id
    await bot.core.buddies.pair(await bot.member_record(coordinator), request.id, buddy_id)


async def test_forget_me_hands_the_key_to_the_box_and_the_place_to_the_waitlist(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    key_id = await _key_with(bot, lotte, karim)
    task_id = await _full_task_with_waitlist(bot, anna, karim, sanne)

    await karim.says("/vergeetmij")
    karim.sees("Wil je dat ik je vergeet?", "Je hebt nu nog:", "🔑 sleutel Sleutel 1")
    karim.sees("📅 koken bij Spelletjesavond")
    karim.sees("de plekken naar de wachtlijst en de sleutels naar de sleutelkast")
    await karim.presses("Ja, wis mijn gegevens")
    karim.sees("Ik heb je gegevens gewist")

    # The place went to the next one waiting, who can take it with one press.
    assert "Er is een plek vrij bij koken" in last_text(sanne)
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("Gelukt", "koken: Sanne")
    assert [c.task_id for c in await bot.core.claims.all_claims_of((await bot.member_record(sanne)).id)] == [
        task_id
    ]
    # The organiser and the coordinator are told, without the erased member's name.
    assert "iemand met de taak koken bij Spelletjesavond" in last_text(anna)
    told = last_text(lotte)
    assert "Iemand wilde vergeten worden" in told and "🔑 sleutel Sleutel 1" in told
    assert "Karim" not in told

    # The register: in the key box, never "bij " with a blank name; the history keeps its lines.
    await anna.says("/sleutel")
    anna.sees("Sleutel 1: in de sleutelkast")
    anna.does_not_see("bij </b>", "bij \n", "Karim")
    await lotte.says("/sleutel")
    await lotte.presses("Geschiedenis")
    await lotte.presses("Sleutel 1")
    lotte.sees("aangepast door Lotte: nu bij oud-lid")
    lotte.sees("oud-lid is geen lid meer, sleutel naar de sleutelkast")
    kinds = await bot.core.db.fetch_all("SELECT kind FROM key_events WHERE key_id = ? ORDER BY id", (key_id,))
    assert [row[0] for row in kinds] == ["added", "corrected", "left"]


async def test_remove_lists_the_holdings_before_the_confirm_button(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne")
    yusuf = await bot.member("Yusuf", role="newcomer")
    await _key_with(bot, lotte, karim)
    await _full_task_with_waitlist(bot, anna, karim, sanne)
    await _pair(bot, lotte, newcomer=yusuf, buddy=karim)

    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    text = lotte.sees("Weet je het zeker?", "Karim heeft nu nog:", "🔑 sleutel Sleutel 1")
    lotte.sees("📅 koken bij Spelletjesavond", "🤝 buddy van Yusuf")
    assert text.index("Karim heeft nu nog:") < text.index("Yusuf")
    assert "Ja, uit de groep halen" in lotte.button_labels()
    await lotte.presses("Ja, uit de groep halen")
    lotte.sees("Karim is geen lid meer")

    assert "Er is een plek vrij bij koken" in last_text(sanne)
    assert "Karim is geen lid meer. De taak koken bij Spelletjesavond" in last_text(anna)
    assert "Je buddy Karim is geen lid meer" in last_text(yusuf)
    await yusuf.says("/buddy")
    yusuf.does_not_see("Je buddy is Karim")
    await anna.says("/sleutel")
    anna.sees("Sleutel 1: in de sleutelkast")
    await lotte.says("/sleutel")
    await lotte.presses("Geschiedenis")
    await lotte.presses("Sleutel 1")
    lotte.sees("Karim is geen lid meer, sleutel naar de sleutelkast")


async def test_accepting_a_waitlist_offer_tells_the_buddy_like_a_claim(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    sanne = await bot.member("Sanne", role="newcomer")
    await _pair(bot, lotte, newcomer=sanne, buddy=karim)
    await _full_task_with_waitlist(bot, lotte, anna, sanne)

    await anna.says("/mijn")
    await anna.presses("Ik kan toch niet")
    await anna.presses("Ja, geef terug")
    assert "Er is een plek vrij bij koken" in last_text(sanne)
    await sanne.presses("Ja, ik doe mee")
    sanne.sees("Gelukt")
    assert "Sanne heeft de eerste taak gekozen: koken" in last_text(karim)


async def test_a_lost_reply_after_a_budget_request_leaves_one_request_and_one_notice(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    await anna.says("/budget")
    await anna.presses("Geld aanvragen")
    await anna.says("Kerstdiner: boodschappen")
    await anna.says("85,50")
    await anna.says("12 december")
    anna.sees("Klopt dit?")

    # The request is committed, then the answer to the press cannot be delivered.
    bot.sim.faults.fail_methods[f"editMessageText:{anna.user_id}"] = 4
    await anna.presses("Versturen")
    anna.does_not_see("verstuurd naar de coördinatoren")
    await anna.presses("Versturen")  # silence: Anna tries again

    assert await bot.core.db.fetch_value("SELECT count(*) FROM budget_requests") == 1
    notices = [m for m in lotte.chat if "Anna vraagt" in m.text]
    assert len(notices) == 1 and "€\u00a085,50" in notices[0].text


async def test_a_lost_reply_after_a_forwarded_question_leaves_one_question_and_one_notice(
    bot: Harness,
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna", role="newcomer")
    await anna.says("/wegwijs mag mijn hond mee naar de kerstborrel")
    anna.sees("geen goed antwoord")

    bot.sim.faults.fail_methods[f"editMessageText:{anna.user_id}"] = 4
    await anna.presses("Vraag het de coördinator")
    anna.does_not_see("naar de coördinator gestuurd")
    await anna.presses("Vraag het de coördinator")  # silence: Anna tries again

    assert await bot.core.db.fetch_value("SELECT count(*) FROM questions") == 1
    assert len([m for m in lotte.chat if "Vraag van Anna" in m.text]) == 1


async def test_asking_the_same_again_while_it_waits_is_the_same_request(bot: Harness) -> None:
    """What a crash between the write and clearing the step would do on retry: the same use case twice."""
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member_record(await bot.member("Anna", role="newcomer"))
    budget, wegwijs = bot.core.budget, bot.core.wegwijs
    first = await budget.request(anna, "Kerstdiner", 85_50, bot.core.local_now().date())
    again = await budget.request(anna, "Kerstdiner", 85_50, bot.core.local_now().date())
    question, _ = await wegwijs.ask(anna, "Mag mijn hond mee naar de kerstborrel?")
    question_again, _ = await wegwijs.ask(anna, "Mag mijn hond mee naar de kerstborrel?")
    await bot.core.outbox.drain()
    assert first.id == again.id and question.id == question_again.id
    assert len([m for m in lotte.chat if "Anna vraagt" in m.text]) == 1
    assert len([m for m in lotte.chat if "Vraag van Anna" in m.text]) == 1


async def test_the_group_post_follows_a_claim_even_when_the_reply_is_lost(
    config: Config, clock: ManualClock
) -> None:
    group_id = -4242
    config = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, group_chat_id=group_id)
    )
    bot = await start_harness(config, clock=clock)
    try:
        anna = await bot.member("Anna")
        karim = await bot.member("Karim")
        bot.sim.add_group("Buren voor Buren", [anna.user_id, karim.user_id], chat_id=group_id)
        start = bot.core.local_now().replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=2)
        (activity_id,) = await bot.core.activities.create(
            await bot.member_record(anna), new_activity(start, tasks=(("koken", 3),))
        )
        await bot.core.group_posts.post(activity_id)
        await bot.core.outbox.drain()
        (post,) = [m for m in bot.sim.chat_view(group_id) if m.from_bot]
        assert "nog 3 plekken" in post.text

        await karim.says(f"/start act_{activity_id}")
        # Karim's answer is lost after the commit (the group post's edit is not).
        bot.sim.faults.fail_methods[f"editMessageText:{karim.user_id}"] = 4
        await karim.presses("Ik doe mee: koken")
        karim.does_not_see("Gelukt")
        await bot.core.outbox.drain()
        (post,) = [m for m in bot.sim.chat_view(group_id) if m.from_bot]
        assert "nog 2 plekken" in post.text and "Karim" in post.text
    finally:
        await stop_harness(bot)
