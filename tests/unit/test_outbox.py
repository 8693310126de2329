"""Outbox rules: pacing, order per chat, dedupe, 429 pauses, back-off, give-up and crash recovery."""

from __future__ import annotations

from bot.core import Core
from bot.outbox import MAX_ATTEMPTS, NewMessage, Outbox, backoff_delay
from bot.pacing import Limits, Pacer


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def msg(chat_id: int, key: str) -> NewMessage:
    return NewMessage(chat_id=chat_id, text=f"hallo {key}", dedupe_key=key, kind="test")


def test_pacer_keeps_overall_per_chat_and_group_limits() -> None:
    mono = FakeMonotonic()
    pacer = Pacer(mono, Limits(overall_per_s=30, overall_burst=1))
    for chat in range(1, 301):  # 300 chats, 10 seconds at 30/s
        while pacer.wait_for(chat) > 0:
            mono.now += 0.001
        pacer.take(chat)
    assert 9.9 <= mono.now - 100.0 <= 10.3  # 1 ms steps add a little
    assert pacer.wait_for(300) >= 0.99  # the same chat again: one a second
    group = -5
    start = mono.now
    for _ in range(23):
        while pacer.wait_for(group) > 0:
            mono.now += 0.01
        pacer.take(group)
    assert mono.now - start >= 59.0  # 3 at once, then 20 a minute
    pacer.pause_all(7)
    assert pacer.global_wait() >= 7


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff_delay(n) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff_delay(30) == 60


async def test_dedupe_order_per_chat_and_retries(core: Core) -> None:
    mono = FakeMonotonic()
    outbox = Outbox(core.db, core.clock, monotonic=mono, limits=Limits(per_chat_burst=1))
    assert await outbox.enqueue([msg(1, "a"), msg(1, "b"), msg(2, "c"), msg(1, "a")]) == 3
    first, _ = await outbox.next_ready()
    second, _ = await outbox.next_ready()
    assert first is not None and second is not None
    assert (first.text, second.text) == ("hallo a", "hallo c")  # chat 1's second message waits its turn
    item, wait = await outbox.next_ready()
    assert item is None and 0 < wait <= 1.0
    await outbox.retry_later(first, "NetworkError")  # a network error: again after a back-off
    mono.now += 1.0
    again, _ = await outbox.next_ready()
    assert again is not None and again.text == "hallo a" and again.attempts == 2
    await outbox.delivered(again, 11)
    await outbox.unreachable(second, "Forbidden")
    mono.now += 1.0
    b, _ = await outbox.next_ready()
    assert b is not None and b.text == "hallo b"
    await outbox.retry_after(b, 5)  # 429: everything waits, and it does not count as an attempt
    mono.now += 4.0
    assert (await outbox.next_ready())[0] is None
    mono.now += 1.1
    b, _ = await outbox.next_ready()
    assert b is not None and b.attempts == 1
    for _ in range(MAX_ATTEMPTS):
        if not await outbox.retry_later(b, "TimedOut"):
            break
        mono.now += 61
        b, _ = await outbox.next_ready()
        assert b is not None
    rows = await core.db.fetch_all("SELECT dedupe_key, status, sent_message_id FROM outbox ORDER BY id")
    assert [(r["dedupe_key"], r["status"]) for r in rows] == [
        ("a", "sent"),
        ("b", "failed"),
        ("c", "unreachable"),
    ]
    assert await outbox.pending() == 0


async def test_a_crash_while_sending_sends_that_one_again(core: Core) -> None:
    outbox = Outbox(core.db, core.clock, monotonic=FakeMonotonic())
    await outbox.enqueue([msg(1, "a"), msg(2, "b")])
    taken, _ = await outbox.next_ready()
    assert taken is not None  # marked 'sending'; then the process dies
    restarted = Outbox(core.db, core.clock, monotonic=FakeMonotonic())
    assert await restarted.recover() == 1
    again, _ = await restarted.next_ready()
    assert again is not None and again.id == taken.id


async def test_a_crash_after_the_last_delivery_still_reports_the_announcement(core: Core) -> None:
    """The report is queued after the last row settles; a kill in between must not lose it."""
    from tests.unit.activity_helpers import make_member

    lotte = await make_member(core, "Lotte", coordinator=True)
    for name in ("Karim", "Sanne"):
        await make_member(core, name)
    draft = await core.announcements.start_draft(lotte, "Koffie in huiskamer 7")
    await core.announcements.set_audience(lotte, draft.id, "everyone")
    assert await core.announcements.confirm(lotte, draft.id) == 2
    async with core.db.transaction() as conn:  # delivered, then killed before any listener ran
        await conn.execute("UPDATE outbox SET status = 'sent' WHERE batch = ?", (draft.batch,))

    async def reports() -> int:
        row = await core.db.fetch_one(
            "SELECT count(*) AS n FROM outbox WHERE chat_id = ? AND kind = 'report'", (lotte.telegram_id,)
        )
        assert row is not None
        return int(row["n"])

    assert await reports() == 0
    await core.recover_delivery()
    assert await reports() == 1
    assert (await core.announcements.get(draft.id)).status == "done"
    await core.recover_delivery()  # a second start-up reports nothing twice
    assert await reports() == 1


async def test_a_language_change_queues_the_new_menu_with_it(core: Core) -> None:
    """Queued in the change's own transaction (a crash after the commit still brings the new menu),
    never held for the morning, and only when the language really changed."""
    from tests.unit.activity_helpers import make_member

    karim = await make_member(core, "Karim")

    async def menus() -> list[tuple[int, str | None]]:
        rows = await core.db.fetch_all("SELECT chat_id, not_before FROM outbox WHERE kind = 'menu'")
        return [(row["chat_id"], row["not_before"]) for row in rows]

    before = len(await menus())
    karim, _ = await core.members.choose_language(karim, "en")
    assert (await menus())[before:] == [(karim.telegram_id, None)]
    await core.members.choose_language(karim, "en")  # the same language again: nothing new to show
    assert len(await menus()) == before + 1


async def test_a_menu_row_does_not_use_the_chats_pace(core: Core) -> None:
    """Setting a chat's menu is no message: the welcome notice after joining must not wait a second."""
    from bot.outbox import menu_refresh

    outbox = Outbox(core.db, core.clock, monotonic=FakeMonotonic(), limits=Limits(per_chat_burst=1))
    await outbox.enqueue([menu_refresh(1, None, "menu:1"), msg(1, "a")])
    menu, _ = await outbox.next_ready()
    message, wait = await outbox.next_ready()
    assert menu is not None and menu.kind == "menu"
    assert message is not None and message.text == "hallo a" and wait == 0.0
    await outbox.delivered(menu, None)
    assert await core.db.fetch_value("SELECT count(*) FROM outbox WHERE kind = 'menu'") == 0  # no trace
