"""The HTTP control API and the web chat page."""

from __future__ import annotations

import aiohttp
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from telesim import TelegramSimulator


async def test_http_control_round_trip(sim: TelegramSimulator, bot: Bot) -> None:
    jar = aiohttp.CookieJar(unsafe=True)  # the page's secret cookie, for 127.0.0.1
    async with aiohttp.ClientSession(base_url=sim.url, cookie_jar=jar) as http:
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


async def test_control_routes_refuse_other_sites_forged_hosts_and_plain_text(sim: TelegramSimulator) -> None:
    async with aiohttp.ClientSession(base_url=sim.url) as http:
        # A page on another site can send a "simple" text/plain POST without a preflight: refused.
        async with http.post(
            "/control/users", data='{"first_name": "Eve"}', headers={"Content-Type": "text/plain"}
        ) as response:
            assert response.status == 403
        secret = {"X-Telesim-Secret": sim.control_secret}
        async with http.post(
            "/control/users", data='{"first_name": "Eve"}', headers={**secret, "Content-Type": "text/plain"}
        ) as response:
            assert response.status == 415
        async with http.post(
            "/control/users", json={"first_name": "Eve"}, headers={**secret, "Host": "evil.example:8088"}
        ) as response:
            assert response.status == 421
        async with http.get("/", headers={"Host": "evil.example"}) as response:
            assert response.status == 421
        async with http.get("/control/state", headers={"X-Telesim-Secret": "guess"}) as response:
            assert response.status == 403
        async with http.post("/control/users", json=["x"], headers=secret) as response:
            assert response.status == 400
        assert sim.state.users == {}
        async with http.post("/control/users", json={"first_name": "Cor"}, headers=secret) as response:
            assert response.status == 200
