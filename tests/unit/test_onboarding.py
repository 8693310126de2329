"""Newcomers in the core: welcome progress, buddies, questions for the coordinator, check-content."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bot.content_loader import DEFAULT_DIR
from bot.core import Core
from bot.errors import NotAllowed
from bot.members.service import Member
from bot.onboarding.buddies import AlreadyAsked, AlreadyHasBuddy, CannotBeBuddy, RequestNotOpen
from bot.onboarding.faq import QuestionTooLong
from bot.onboarding.questions import AlreadyAnswered, AlreadyInFaq, NotAnsweredYet
from bot.onboarding.service import OldWelcomeButton, WelcomeAlreadyFinished
from burenbot.cli import main
from storage.db import utc_text
from tests.harness_config import INVITE


async def join(
    core: Core, telegram_id: int, name: str, *, days_ago: int = 0, coordinator: bool = False
) -> Member:
    member = await core.members.begin_join(telegram_id, INVITE)
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, "nl")
    if days_ago or coordinator:
        async with core.db.transaction() as conn:
            await conn.execute(
                "UPDATE members SET joined_at = ?, is_coordinator = ? WHERE id = ?",
                (utc_text(core.clock.now() - timedelta(days=days_ago)), int(coordinator), member.id),
            )
    return await core.members.get(member.id)


# --- check-content ----------------------------------------------------------------------------------


def test_check_content_cli_passes_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-content"]) == 0
    assert "content OK" in capsys.readouterr().out


def test_check_content_cli_fails_on_a_broken_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(shutil.copytree(DEFAULT_DIR, tmp_path / "content"))
    faq = broken / "en" / "faq.toml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("<b>", "<u>", 1), encoding="utf-8")
    assert main(["check-content", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "en/faq.toml" in err and "unsupported tag <u>" in err
    assert main(["check-content", str(DEFAULT_DIR)]) == 0


# --- welcome ----------------------------------------------------------------------------------------


async def test_welcome_resumes_where_the_member_stopped(core: Core) -> None:
    anna = await join(core, 1, "Anna")
    view = await core.onboarding.start_welcome(anna)
    assert (view.round, view.index, view.total) == (1, 0, 6)
    view = await core.onboarding.welcome_step(anna, 1, 3)
    assert view.step.id == "het-wijkbudget"
    await core.onboarding.welcome_later(anna, 1)
    assert await core.onboarding.pending(anna.id) is None
    view = await core.onboarding.start_welcome(anna)
    assert (view.round, view.index) == (1, 3)
    assert (await core.onboarding.welcome_step(anna, 1, 99)).is_last
    await core.onboarding.finish_welcome(anna, 1)
    assert await core.onboarding.has_finished_welcome(anna.id)
    with pytest.raises(WelcomeAlreadyFinished):
        await core.onboarding.welcome_step(anna, 1, 2)
    again = await core.onboarding.start_welcome(anna)
    assert (again.round, again.index) == (2, 0)
    with pytest.raises(OldWelcomeButton):
        await core.onboarding.welcome_step(anna, 1, 2)
    assert await core.onboarding.has_finished_welcome(anna.id)


# --- buddies ----------------------------------------------------------------------------------------


async def _first_claim_told(core: Core, newcomer_id: int) -> int:
    """Run the buddy's claim step as a claim would; how many first-claim notices are queued in all."""
    async with core.db.transaction() as conn:
        await core.buddies.first_claim_in(conn, newcomer_id, "Koffie zetten")
    return await core.db.fetch_value("SELECT count(*) FROM outbox WHERE kind = 'notice.buddy_first_claim'")


async def test_buddy_rules(core: Core) -> None:
    lotte = await join(core, 1, "Lotte", days_ago=100, coordinator=True)
    karim = await join(core, 2, "Karim", days_ago=100)
    sanne = await join(core, 3, "Sanne")
    yusuf = await join(core, 4, "Yusuf")
    request = await core.buddies.ask(sanne)
    with pytest.raises(AlreadyAsked):
        await core.buddies.ask(sanne)
    assert [m.name for m in await core.buddies.candidates(request.id)] == ["Karim", "Lotte"]
    with pytest.raises(NotAllowed):
        await core.buddies.pair(karim, request.id, karim.id)
    with pytest.raises(CannotBeBuddy):
        await core.buddies.pair(lotte, request.id, yusuf.id)  # a newcomer cannot be a buddy yet
    assert await _first_claim_told(core, sanne.id) == 0  # no buddy yet: nobody to tell
    pairing = await core.buddies.pair(lotte, request.id, karim.id)
    assert (pairing.newcomer.name, pairing.buddy.name) == ("Sanne", "Karim")
    with pytest.raises(RequestNotOpen):
        await core.buddies.volunteer(lotte, request.id)
    with pytest.raises(AlreadyHasBuddy):
        await core.buddies.ask(sanne)
    assert await _first_claim_told(core, sanne.id) == 1
    assert await _first_claim_told(core, sanne.id) == 1  # once per pairing
    told = await core.db.fetch_one(
        "SELECT member_id, text FROM outbox WHERE kind = 'notice.buddy_first_claim'"
    )
    assert told is not None and told["member_id"] == karim.id and "Sanne" in told["text"]
    assert [m.name for m in await core.buddies.buddy_of_whom(karim.id)] == ["Sanne"]
    overview = {n.name: n for n in await core.onboarding.recent_newcomers()}
    assert set(overview) == {"Sanne", "Yusuf"}
    assert (overview["Sanne"].buddy_status, overview["Sanne"].buddy_name) == ("paired", "Karim")
    assert overview["Yusuf"].buddy_status is None


# --- questions --------------------------------------------------------------------------------------


async def test_question_answer_and_add_to_faq(core: Core) -> None:
    lotte = await join(core, 1, "Lotte", days_ago=100, coordinator=True)
    anna = await join(core, 2, "Anna")
    with pytest.raises(QuestionTooLong):
        await core.wegwijs.ask(anna, "x" * 2000)
    assert await core.wegwijs.search("parkeervergunning voor de scooter", "nl") == []
    question, _ = await core.wegwijs.ask(anna, "  parkeervergunning voor de scooter ")
    assert question.text == "parkeervergunning voor de scooter"
    with pytest.raises(NotAnsweredYet):
        await core.wegwijs.add_to_faq(lotte, question.id)
    with pytest.raises(NotAllowed):
        await core.wegwijs.answer(anna, question.id, "zelf bedacht")
    answered, _ = await core.wegwijs.answer(lotte, question.id, "Vraag het bij de gemeente <Zeist>.")
    assert answered.answer == "Vraag het bij de gemeente <Zeist>."
    with pytest.raises(AlreadyAnswered):
        await core.wegwijs.answer(lotte, question.id, "nog eens")
    topic = await core.wegwijs.add_to_faq(lotte, question.id)
    assert topic.body == "Vraag het bij de gemeente &lt;Zeist&gt;."
    with pytest.raises(AlreadyInFaq):
        await core.wegwijs.add_to_faq(lotte, question.id)
    for lang in ("nl", "en"):
        hits = await core.wegwijs.search("parkeerverguning scooter", lang)
        assert hits and hits[0].topic.id == topic.id
        categories = await core.wegwijs.categories(lang)
        assert categories[-1][0].id == "gevraagd" and categories[-1][1] == [topic]
