"""The web chat as the first screen: ``burenbot demo --web`` and ``burenbot run`` without a token.

The simulator serves the page; these routes add what only the demo has: the personas with their roles and
unread counts, the clock, the invite link, and actions that return once the bot has answered and the outbox
has delivered (so the page shows the reply, not an empty chat that fills a moment later).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from aiohttp import web

from bot.config import Config
from bot.i18n import day_label
from burenbot.demo_world import ClockNotUnderstood, DemoWorld, demo_world
from telesim.errors import ApiError

SECRET_HEADER = "X-Burenbot-Secret"
Action = Callable[[DemoWorld, dict[str, Any]], Awaitable[dict[str, Any]]]
Route = Callable[[web.Request], Awaitable[web.Response]]


class DemoRoutes:
    """The demo's routes; the world is attached once it runs (routes must exist before the server starts)."""

    def __init__(self) -> None:
        self.world: DemoWorld | None = None
        self._lock = asyncio.Lock()  # one action at a time, as one person at a keyboard

    def add_to(self, app: web.Application) -> None:
        app.router.add_get("/control/demo", self._route(_overview, action=False))
        app.router.add_post("/control/demo/send_text", self._route(_send_text))
        app.router.add_post("/control/demo/press_button", self._route(_press_button))
        app.router.add_post("/control/demo/clock", self._route(_clock))
        app.router.add_post("/control/demo/newcomer", self._route(_newcomer))

    def _route(
        self, handler: Action, *, action: bool = True
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def route(request: web.Request) -> web.Response:
            world = self.world
            if world is None:
                return web.json_response({"error": "the demo is still starting"}, status=503)
            if request.headers.get(SECRET_HEADER) != world.sim.secret:
                return web.json_response({"error": "missing or wrong secret"}, status=403)
            body: dict[str, Any] = {}
            if request.method == "POST":
                if request.content_type != "application/json":
                    return web.json_response({"error": "body must be JSON"}, status=415)
                try:
                    body = await request.json()
                except ValueError:
                    return web.json_response({"error": "body must be JSON"}, status=400)
            try:
                if not action:
                    return web.json_response(await handler(world, body))
                async with self._lock:
                    return web.json_response(await handler(world, body))
            except ClockNotUnderstood as exc:
                return web.json_response({"error": f"klok: {exc}"}, status=400)
            except (ValueError, KeyError, TypeError, ApiError) as exc:
                return web.json_response({"error": str(exc)}, status=400)

        return route


async def _overview(world: DemoWorld, body: dict[str, Any]) -> dict[str, Any]:
    await world.refresh_roles()
    language = world.core.config.community.language
    return {
        "intro": world.core.texts.get(language, "demo.intro"),
        "now": _now(world),
        "invite_link": world.invite_link,
        "personas": [
            asdict(p) | {"bot_messages": sum(m.from_bot for m in world.sim.chat_view(p.user_id))}
            for p in world.personas
        ],
    }


async def _send_text(world: DemoWorld, body: dict[str, Any]) -> dict[str, Any]:
    user_id = int(body["user_id"])
    persona = next((p for p in world.personas if p.user_id == user_id), None)
    text = str(body["text"])
    await world.says(user_id, text if persona is None else world.as_sent(persona, text))
    return {"ok": True}


async def _press_button(world: DemoWorld, body: dict[str, Any]) -> dict[str, Any]:
    await world.presses(int(body["user_id"]), int(body["message_id"]), str(body["callback_data"]))
    return {"ok": True}


async def _clock(world: DemoWorld, body: dict[str, Any]) -> dict[str, Any]:
    await world.move_clock(str(body["spec"]))
    return {"now": _now(world)}


def _now(world: DemoWorld) -> str:
    now = world.core.local_now()
    return f"{day_label(now, world.core.config.community.language)} {now:%H:%M}"


async def _newcomer(world: DemoWorld, body: dict[str, Any]) -> dict[str, Any]:
    """A new resident opens the invite link: Telegram sends ``/start CODE`` for them."""
    persona = world.add_newcomer(str(body["first_name"]).strip()[:40] or "Buur")
    await world.says(persona.user_id, f"/start {world.core.config.access.invite_code}")
    return asdict(persona)


async def run_web_demo(
    stop: asyncio.Event, *, config: Config | None = None, language: str = "nl", port: int = 8088
) -> None:
    """Serve the web chat with the example month until ``stop`` is set."""
    routes = DemoRoutes()
    async with demo_world(language, config=config, port=port, web_routes=routes.add_to) as world:
        routes.world = world
        print(
            "No Telegram token configured: running against the built-in Telegram simulator, with an example "
            "month in a temporary database.\n"
            f"Open {world.sim.url} to try the bot as a coordinator, a volunteer or a newcomer. "
            f"Invite link: {world.invite_link}. Press Ctrl+C to stop.",
            flush=True,
        )
        await stop.wait()
