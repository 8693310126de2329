"""The conversation store: one row per member and flow (one current), read with the member, cleared
inside a use case, and the migrations that moved the old step tables into it."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.conversation import RESUMABLE_FOR, Whereabouts, clear_in
from bot.core import Core
from storage.db import MIGRATIONS_DIR, Database
from tests.unit.kb_helpers import make_member


async def test_one_current_conversation_per_member_read_with_the_member(core: Core) -> None:
    anna = await make_member(core, 3, "Anna")
    steps = core.conversations
    assert await steps.member_and_conversation(3) == Whereabouts(anna, None, {})

    await steps.put(anna.id, "budget", "amount", {"purpose": "verf"})
    await steps.put(anna.id, "nieuw", "when", {"title": "Breiclub"})  # the budget draft is paused, kept
    where = await steps.member_and_conversation(3)
    assert where.member == anna and where.current is not None
    assert (where.current.flow, where.current.step, where.current.draft) == (
        "nieuw",
        "when",
        {"title": "Breiclub"},
    )
    assert not where.current.paused
    assert list(where.paused) == ["budget"] and where.paused["budget"].draft == {"purpose": "verf"}
    assert where.paused["budget"].paused

    await steps.pause(anna.id)
    paused = await steps.of(anna.id, "nieuw")
    assert paused is not None and paused.paused
    await steps.put(anna.id, "budget", "amount", {"purpose": "verf", "amount": 20})  # resumed
    where = await steps.member_and_conversation(3)
    assert where.current is not None and where.current.flow == "budget" and not where.current.paused
    assert list(where.paused) == ["nieuw"]
    assert (
        await core.db.fetch_value(
            "SELECT count(*) FROM conversations WHERE member_id = ? AND paused = 0", (anna.id,)
        )
        == 1
    )


async def test_clear_in_rolls_back_with_the_use_case(core: Core) -> None:
    anna = await make_member(core, 3, "Anna")
    await core.conversations.put(anna.id, "budget", "confirm", {})
    try:
        async with core.db.transaction() as conn:
            assert await clear_in(conn, anna.id, "budget")
            raise RuntimeError("crash before the commit")
    except RuntimeError:
        pass
    assert await core.conversations.of(anna.id) is not None  # nothing half done
    async with core.db.transaction() as conn:
        assert not await clear_in(conn, anna.id, "keys")  # another flow's clear leaves it alone
        assert await clear_in(conn, anna.id, "budget")
    assert await core.conversations.of(anna.id) is None


async def test_age_is_known_to_the_reader(core: Core, clock: ManualClock) -> None:
    anna = await make_member(core, 3, "Anna")
    await core.conversations.put(anna.id, "hours", "draft", {"draft_id": 1})
    clock.advance(RESUMABLE_FOR + timedelta(minutes=1))
    old = await core.conversations.of(anna.id)
    assert old is not None and old.older_than(RESUMABLE_FOR, clock.now())
    assert not old.older_than(None, clock.now())


async def test_the_migration_moves_old_steps_into_conversations(tmp_path: Path) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for script in MIGRATIONS_DIR.glob("*.sql"):
        if int(script.name[:4]) < 100:
            shutil.copy(script, before / script.name)
    path = tmp_path / "db" / "bot.sqlite3"
    db = await Database.open(path, migrations_dir=before)
    async with db.transaction() as conn:
        for member_id in (1, 2, 3):
            await conn.execute(
                "INSERT INTO members (id, telegram_id, display_name, status, joined_at)"
                " VALUES (?, ?, 'X', 'active', '2026-01-01T00:00:00+00:00')",
                (member_id, 100 + member_id),
            )
        await conn.execute(
            "INSERT INTO keybudget_drafts (member_id, feature, step, data, updated_at)"
            " VALUES (1, 'budget', 'amount', '{\"purpose\": \"verf\"}', '2026-11-23T09:00:00+00:00')"
        )
        await conn.execute(
            "INSERT INTO hours_drafts (id, member_id, awaiting, created_at)"
            " VALUES (7, 2, 'amount', '2026-11-23T09:00:00+00:00')"
        )
        await conn.execute(
            "INSERT INTO pending_input (member_id, kind, ref, text, since)"
            " VALUES (3, 'faq_question', NULL, 'mag de hond mee?', '2026-11-23T09:00:00+00:00')"
        )
    await db.close()

    db = await Database.open(path)
    rows = await db.fetch_all("SELECT member_id, flow, step, draft FROM conversations ORDER BY member_id")
    assert [tuple(r) for r in rows] == [
        (1, "budget", "amount", '{"purpose": "verf"}'),
        (2, "hours", "amount", '{"draft_id":7}'),
        (3, "wegwijs", "faq_question", '{"ref":null,"text":"mag de hond mee?"}'),
    ]
    tables = {r[0] for r in await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"keybudget_drafts", "pending_input"}
    columns = {r[1] for r in await db.fetch_all("PRAGMA table_info(hours_drafts)")}
    assert "awaiting" not in columns
    await db.close()
