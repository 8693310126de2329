"""The HTTP control API and the web chat page."""

from __future__ import annotations

import aiohttp
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from telesim import TelegramSimulator


async def test_http_control_round_trip(sim: TelegramSimulator, bot: Bot) -> None:
    async with aiohttp.ClientSession(base_url=sim.url) as http:
        async with http.get("/") as response:
            page = await response.text()
            assert (
                response.status == 200 and "<script>" in page and "http" not in page.split("<script>")[1][:50]
            )
        async with http.post("/control/users", json={"first_name": "Cor"}) as response:
            user = await response.json()
        async with http.post(
            "/control/send_text", json={"user_id": user["user_id"], "text": "/start"}
        ) as response:
            assert (await response.json())["update_id"] >= 1
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="yes")]])
        sent = await bot.send_message(user["user_id"], "Doe je mee?", reply_markup=keyboard)
        async with http.get(f"/control/chat/{user['user_id']}") as response:
            chat = await response.json()
        assert [m["text"] for m in chat["messages"]] == ["/start", "Doe je mee?"]
        assert chat["messages"][1]["buttons"] == [[{"text": "Ja", "callback_data": "yes", "url": None}]]
        press = {"user_id": user["user_id"], "message_id": sent.message_id, "callback_data": "yes"}
        async with http.post("/control/press_button", json=press) as response:
            assert response.status == 200
        async with http.post("/control/press_button", json={**press, "callback_data": "no"}) as response:
            assert response.status == 400 and "no button" in (await response.json())["error"]
        async with http.get("/control/state") as response:
            assert [u["first_name"] for u in (await response.json())["users"]] == ["Cor"]
    updates = await bot.get_updates(timeout=0)
    assert updates[-1].callback_query is not None and updates[-1].callback_query.data == "yes"
