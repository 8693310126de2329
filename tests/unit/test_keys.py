"""The key register's rules, and the room week with the real activities service."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.activities.room_week import room_week
from bot.clock import ManualClock
from bot.core import Core
from bot.errors import NotAllowed, NotAMember
from bot.keys.service import (
    AlreadyHolder,
    InvalidKeyLabel,
    KeyUnderway,
    NotKeyBringerChooser,
    NotOfferedToYou,
    NotYourKey,
)
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity
from tests.unit.kb_helpers import make_member


async def test_two_step_hand_over_and_history(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    karim = await make_member(core, 2, "Karim")
    anna = await make_member(core, 3, "Anna")
    key = await core.keys.add_key(lotte, "huiskamer6", "  Huiskamer 6 –  sleutel 1 ")
    assert key.label == "Huiskamer 6 – sleutel 1" and key.holder_id is None
    key = await core.keys.correct(lotte, key.id, karim.id)
    key, offer = await core.keys.offer(karim, key.id, anna.id)
    assert key.underway and key.holder_id == karim.id and key.pending_to_id == anna.id
    with pytest.raises(KeyUnderway):
        await core.keys.offer(karim, key.id, lotte.id)
    with pytest.raises(NotOfferedToYou):
        await core.keys.confirm(lotte, key.id, offer)
    with pytest.raises(NotOfferedToYou):
        await core.keys.confirm(anna, key.id, offer + 1)
    key = await core.keys.confirm(anna, key.id, offer)
    assert key.holder_id == anna.id and not key.underway
    with pytest.raises(NotOfferedToYou):
        await core.keys.confirm(anna, key.id, offer)
    kinds = [e.kind for e in await core.keys.history(key.id)]
    assert kinds == ["confirmed", "offered", "corrected", "added"]


async def test_who_may_hand_over_and_to_whom(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    karim = await make_member(core, 2, "Karim")
    anna = await make_member(core, 3, "Anna")
    key = await core.keys.add_key(lotte, "huiskamer7", "Huiskamer 7 – sleutel 1")
    with pytest.raises(NotAllowed):
        await core.keys.add_key(karim, "huiskamer7", "Mijn sleutel")
    with pytest.raises(InvalidKeyLabel):
        await core.keys.add_key(lotte, "huiskamer7", "   ")
    with pytest.raises(NotAllowed):
        await core.keys.correct(karim, key.id, karim.id)
    await core.keys.correct(lotte, key.id, karim.id)
    with pytest.raises(NotYourKey):
        await core.keys.offer(anna, key.id, anna.id)
    with pytest.raises(NotAMember):
        await core.keys.offer(karim, key.id, 999)
    with pytest.raises(AlreadyHolder):
        await core.keys.offer(karim, key.id, karim.id)
    await core.leaving.remove_member(lotte, anna.id)
    with pytest.raises(NotAMember):
        await core.keys.offer(karim, key.id, anna.id)
    # A coordinator may record a hand-over for the holder.
    key, _ = await core.keys.offer(lotte, key.id, lotte.id)
    assert key.pending_to_id == lotte.id and key.pending_by_id == lotte.id


async def test_refusal_undoes_the_hand_over(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    karim = await make_member(core, 2, "Karim")
    key = await core.keys.add_key(lotte, "huiskamer6", "K1")
    key, offer = await core.keys.offer(lotte, key.id, karim.id)
    await core.keys.refuse(karim, key.id, offer)
    key = await core.keys.get(key.id)
    assert key.holder_id is None and not key.underway
    with pytest.raises(NotOfferedToYou):
        await core.keys.refuse(karim, key.id, offer)


async def test_reminder_after_24_hours_at_most_once(core: Core, clock: ManualClock) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    karim = await make_member(core, 2, "Karim")
    key = await core.keys.add_key(lotte, "huiskamer6", "K1")
    await core.keys.offer(lotte, key.id, karim.id)
    clock.advance(timedelta(hours=23, minutes=59))
    assert await core.keys.due_reminders(clock.now()) == []
    clock.advance(timedelta(minutes=1))
    assert [k.id for k in await core.keys.due_reminders(clock.now())] == [key.id]
    clock.advance(timedelta(days=3))
    assert await core.keys.due_reminders(clock.now()) == []


async def test_key_request_for_an_activity_makes_the_receiver_the_key_bringer(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    karim = await make_member(core, 2, "Karim")
    start = datetime(2026, 11, 26, 19, 0, tzinfo=AMSTERDAM)
    # The request points at a real, planned activity (the key bringer is only set for those).
    (games_id,) = await core.activities.create(lotte, new_activity(start, place="huiskamer6"))
    # A cancelled one in the other room and one outside stay out of the room week.
    knitting = new_activity(start, title="Breiclub", place="huiskamer7")
    (knitting_id,) = await core.activities.create(lotte, knitting)
    await core.activities.edits.cancel(lotte, knitting_id)
    await core.activities.create(lotte, new_activity(start, title="Prikken", place="Buiten"))

    key = await core.keys.add_key(lotte, "huiskamer6", "K1")
    await core.keys.request_key(karim, key.id, "Spelletjesavond", activity_id=games_id)
    assert await core.keys.key_bringer(games_id) is None
    _, offer = await core.keys.offer(lotte, key.id, karim.id)
    await core.keys.confirm(karim, key.id, offer)
    assert await core.keys.key_bringer(games_id) == karim.id

    week = await room_week(core.activities, core.keys, core.local_now().date(), core.tz)
    six, seven = week.rooms
    thursday = six.days[3]
    assert [i.title for i in thursday.items] == ["Spelletjesavond"]
    assert thursday.items[0].key_bringer_id == karim.id
    assert all(day.free for day in seven.days)
    assert sum(not day.free for day in six.days) == 1

    with pytest.raises(NotKeyBringerChooser):
        await core.keys.set_key_bringer(karim, games_id, lotte.id)
    await core.keys.set_key_bringer(lotte, games_id, None)
    assert await core.keys.key_bringer(games_id) is None


async def test_the_organiser_chooses_the_key_bringer_and_others_hear_the_real_rule(core: Core) -> None:
    lotte = await make_member(core, 1, "Lotte", coordinator=True)
    anna = await make_member(core, 2, "Anna")
    karim = await make_member(core, 3, "Karim")
    yusuf = await make_member(core, 4, "Yusuf")
    start = datetime(2026, 11, 26, 19, 0, tzinfo=AMSTERDAM)
    (games_id,) = await core.activities.create(anna, new_activity(start, place="huiskamer6"))
    await core.keys.set_key_bringer(anna, games_id, karim.id)  # Anna organises it: her choice
    assert await core.keys.key_bringer(games_id) == karim.id
    with pytest.raises(NotKeyBringerChooser) as refused:  # Yusuf is no organiser: he may only bring it
        await core.keys.set_key_bringer(yusuf, games_id, anna.id)
    assert refused.value.text_key == "keys.bringer_not_chooser"
    assert "organisator" in core.texts.get("nl", refused.value.text_key)
    assert "organiser" in core.texts.get("en", refused.value.text_key)
    assert await core.keys.key_bringer(games_id) == karim.id
    await core.keys.set_key_bringer(yusuf, games_id, yusuf.id)
    await core.keys.set_key_bringer(lotte, games_id, None)
    assert await core.keys.key_bringer(games_id) is None
