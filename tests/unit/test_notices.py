"""Typed notices: queued inside the caller's transaction, in the recipient's language, kind kept."""

from __future__ import annotations

import json

import pytest

from bot.core import Core
from bot.notices import Notice
from tests.unit.activity_helpers import make_member


async def _english(core: Core, name: str) -> int:
    member = await make_member(core, name)
    async with core.db.transaction() as conn:
        await conn.execute("UPDATE members SET language = 'en' WHERE id = ?", (member.id,))
    return member.id


async def test_a_notice_is_rendered_for_its_reader_and_keeps_its_kind(core: Core) -> None:
    dutch = (await make_member(core, "Anna")).id
    english = await _english(core, "Sam")
    data = {"request_id": 7, "name": "Karim", "purpose": "Koffie", "cents": 1250, "for_date": "2026-12-12"}
    notice = Notice("budget_request", data)
    async with core.db.transaction() as conn:
        assert await core.notices.tell_all_in(conn, [dutch, english], notice, key="budget:7") == 2
    rows = await core.db.fetch_all("SELECT member_id, kind, text, buttons FROM outbox ORDER BY member_id")
    assert [r["kind"] for r in rows] == ["notice.budget_request"] * 2
    by_member = {r["member_id"]: r for r in rows}
    assert "Karim vraagt" in by_member[dutch]["text"] and "Karim asks" in by_member[english]["text"]
    assert json.loads(by_member[english]["buttons"])[0][0] == ["✅ Approve", "bud_ok:7"]


async def test_a_notice_commits_with_its_cause_or_not_at_all(core: Core) -> None:
    anna = (await make_member(core, "Anna")).id
    with pytest.raises(RuntimeError):
        async with core.db.transaction() as conn:
            await core.notices.tell_in(conn, anna, Notice("offer_expired"), key="x")
            raise RuntimeError("the use case failed after queueing")
    assert await core.db.fetch_value("SELECT count(*) FROM outbox") == 0
    for _ in range(2):  # a retried use case queues nothing twice
        async with core.db.transaction() as conn:
            await core.notices.tell_in(conn, anna, Notice("offer_expired"), key="x")
    assert await core.db.fetch_value("SELECT count(*) FROM outbox") == 1


async def test_nobody_without_a_chat_is_told(core: Core) -> None:
    lotte = await make_member(core, "Lotte", coordinator=True)
    karim = await make_member(core, "Karim")
    await core.leaving.remove_member(lotte, karim.id)
    async with core.db.transaction() as conn:
        assert not await core.notices.tell_in(conn, karim.id, Notice("offer_expired"), key="y")
        assert not await core.notices.tell_in(conn, 999, Notice("offer_expired"), key="z")


async def test_every_kind_the_features_use_is_declared(core: Core) -> None:
    kinds = set(core.notices.kinds.names())
    assert {
        "offer",
        "buddy_first_claim",
        "budget_request",
        "faq_question",
        "member_left",
        "key_offered",
    } <= kinds
    assert {f"holding.{k}" for k in ("task", "key", "budget", "buddy")} <= kinds
    with pytest.raises(KeyError):
        core.notices.text_for("nl", Notice("no_such_kind"))


def test_every_module_that_declares_notice_kinds_is_handed_to_the_bootstrap() -> None:
    """Declaring a kind registers nothing; a module the bootstrap doesn't list would fail at send time."""
    import importlib
    import pkgutil

    import bot
    from bot.core import NOTICE_MODULES
    from bot.notices import kinds_in

    declaring = set()
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        module = importlib.import_module(info.name)
        if kinds_in(module):
            declaring.add(module.__name__)
    assert declaring == {module.__name__ for module in NOTICE_MODULES}
