"""/mijngegevens and /vergeetmij through the real bot."""

from __future__ import annotations

import json

from tests.harness import Harness
from tests.harness_config import INVITE


async def test_my_data_arrives_as_a_json_file(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/taal")
    await karim.presses("English")
    await karim.says("/mijngegevens")
    (message,) = karim.last
    assert message.file_name == "mijn-gegevens.json" and message.document is not None
    karim.sees("everything Burenbot keeps about you")
    data = json.loads(message.document)
    member = await bot.member_record(karim)
    assert data["member_id"] == member.id
    mine = data["members"]
    assert mine["name"] == "Karim" and mine["language"] == "en" and mine["role"] == "volunteer"
    assert mine["telegram_id"] == karim.user_id
    assert [event["kind"] for event in mine["events"]] == ["joined"]


async def test_forget_me_asks_first_and_cancel_keeps_everything(bot: Harness) -> None:
    sanne = await bot.member("Sanne")
    await sanne.says("/vergeetmij")
    sanne.sees("Wil je dat ik je vergeet?", "niet terugdraaien")
    assert sanne.button_labels() == ["🗑 Ja, wis mijn gegevens", "Nee, niets wissen"]
    await sanne.presses("Nee")
    sanne.sees("niets gewist")
    assert (await bot.member_record(sanne)).name == "Sanne"


async def test_forget_me_erases_and_keeps_only_anonymous_history(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    yusuf = await bot.member("Yusuf")
    member = await bot.member_record(yusuf)
    await yusuf.says("/vergeetmij")
    await yusuf.presses("Ja, wis")
    yusuf.sees("Ik heb je gegevens gewist")
    row = await bot.core.db.fetch_one("SELECT * FROM members WHERE id = ?", (member.id,))
    assert row is not None
    assert (row["telegram_id"], row["display_name"], row["status"]) == (None, None, "erased")
    kinds = [
        r[0]
        for r in await bot.core.db.fetch_all(
            "SELECT kind FROM member_events WHERE member_id = ? ORDER BY id", (member.id,)
        )
    ]
    assert kinds == ["joined", "erased"]
    assert await bot.core.members.find(yusuf.user_id) is None
    # Forgotten means a stranger to the bot, and gone from the coordinator's list.
    await yusuf.says("/help")
    yusuf.sees("uitnodigingslink")
    await lotte.says("/leden")
    lotte.does_not_see("Yusuf")
    menu = dict(bot.sim.commands({"type": "chat", "chat_id": yusuf.user_id}))
    assert "vergeetmij" not in menu
    # They may come back later, as a new member.
    await yusuf.says(f"/start {INVITE}")
    yusuf.sees("Hoe mogen de anderen je noemen?")


async def test_nobody_can_erase_someone_else(bot: Harness) -> None:
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    await karim.says("/vergeetmij")
    anna_id = (await bot.member_record(anna)).id
    message_id = karim.last[0].message_id
    await karim.sends_callback(message_id, f"forget_ok:{anna_id}")
    assert any("werkt niet meer" in text for text in karim.alerts()) or karim.sees("werkt niet meer")
    assert (await bot.member_record(anna)).is_active
    assert (await bot.member_record(karim)).is_active
