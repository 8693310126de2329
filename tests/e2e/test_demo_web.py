"""The web demo's own routes over real HTTP: the secret, a new resident, the clock, downloads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from burenbot.demo_web import SECRET_HEADER, DemoRoutes
from burenbot.demo_world import DemoWorld, demo_world


@pytest.fixture
async def world() -> AsyncIterator[DemoWorld]:
    routes = DemoRoutes()
    async with demo_world("nl", web_routes=routes.add_to) as running:
        routes.world = running
        yield running


async def call(
    world: DemoWorld, path: str, body: dict[str, Any] | None = None, *, secret: str | None = None
) -> Any:
    headers = {"Content-Type": "application/json", SECRET_HEADER: secret or world.sim.secret}
    async with aiohttp.ClientSession() as http:
        method = http.post if body is not None else http.get
        async with method(f"{world.sim.url}control/{path}", json=body, headers=headers) as response:
            return response.status, await response.json(content_type=None)


async def test_demo_routes_need_the_secret_the_page_carries(world: DemoWorld) -> None:
    async with aiohttp.ClientSession() as http, http.get(world.sim.url) as response:
        page = await response.text()
    assert f'<meta name="burenbot-secret" content="{world.sim.secret}">' in page
    status, _ = await call(world, "demo", secret="guess")
    assert status == 403
    status, overview = await call(world, "demo")
    assert status == 200
    roles = {p["name"]: p["role"] for p in overview["personas"]}
    assert roles["Lotte"] == "coordinator" and roles["Sanne"] == "newcomer" and roles["Buur"] == "stranger"
    assert {p["channel"] for p in overview["personas"]} == {"telegram"}


async def test_a_new_resident_opens_the_invite_link_and_is_asked_for_a_name(world: DemoWorld) -> None:
    status, persona = await call(world, "demo/newcomer", {"first_name": "Noor"})
    assert status == 200
    chat = world.sim.chat_view(persona["user_id"])
    assert "Hoe mogen de anderen je noemen?" in chat[-1].text


async def test_the_hours_csv_can_be_downloaded_from_the_coordinators_chat(world: DemoWorld) -> None:
    lotte = world.persona("Lotte")
    assert lotte is not None
    await call(world, "demo/send_text", {"user_id": lotte.user_id, "text": "/overzicht"})
    overview = world.sim.last_bot_message(lotte.user_id)
    assert overview is not None
    csv = next(b for row in overview.buttons for b in row if "CSV" in b.text)
    await call(
        world,
        "demo/press_button",
        {"user_id": lotte.user_id, "message_id": overview.message_id, "callback_data": csv.callback_data},
    )
    document = next(m for m in reversed(world.sim.chat_view(lotte.user_id)) if m.document is not None)
    url = f"{world.sim.url}control/media/{lotte.user_id}/{document.message_id}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200
        assert "attachment" in response.headers["Content-Disposition"]
        body = await response.read()
    assert body == document.document and b"Karim" in body


async def test_the_clock_understands_the_buttons_and_refuses_nonsense(world: DemoWorld) -> None:
    status, moved = await call(world, "demo/clock", {"spec": "morgen 9:00"})
    assert status == 200 and moved["now"].endswith("09:00")
    status, refused = await call(world, "demo/clock", {"spec": "gisteren"})
    assert status == 400 and "gisteren" in refused["error"]
