"""HTTP control API under ``/control/`` and the tiny web chat served at ``GET /``.

This mirrors the Python control API for people (the web chat) and for out-of-process tools.

Any web page the person has open could otherwise drive it: the routes answer only a local ``Host``
(no DNS rebinding), take only JSON bodies (a cross-site ``text/plain`` form cannot be sent without a CORS
preflight, which we never grant) and need the per-run secret, which the page gets as a SameSite=Strict
cookie and tools send as the ``X-Telesim-Secret`` header.
"""

from __future__ import annotations

import hmac
import html
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from aiohttp import web

from telesim.errors import ApiError
from telesim.models import SimMessage
from telesim.server import SIM_KEY
from telesim.webchat_page import PAGE

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _message_json(message: SimMessage) -> dict[str, Any]:
    data = asdict(message)
    for key in ("photo", "document"):
        data[key] = None if data[key] is None else len(data[key])  # byte counts; bytes are not JSON
    return data


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SECRET_COOKIE = "telesim_secret"
SECRET_HEADER = "X-Telesim-Secret"


def _local_host(request: web.Request) -> bool:
    host = request.headers.get("Host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in LOCAL_HOSTS


def _refusal(request: web.Request) -> web.StreamResponse | None:
    if not _local_host(request):
        return web.json_response({"error": "unknown Host"}, status=421)
    secret = request.app[SIM_KEY].control_secret
    offered = request.headers.get(SECRET_HEADER) or request.cookies.get(SECRET_COOKIE)
    if offered is None or not hmac.compare_digest(offered, secret):
        return web.json_response({"error": "missing or wrong control secret"}, status=403)
    if request.method == "POST" and request.content_type != "application/json":
        return web.json_response({"error": "body must be JSON (Content-Type: application/json)"}, status=415)
    return None


def _guarded(handler: Callable[[Any, dict[str, Any]], Any]) -> Route:
    async def route(request: web.Request) -> web.StreamResponse:
        refused = _refusal(request)
        if refused is not None:
            return refused
        body: dict[str, Any] = {}
        if request.method == "POST":
            try:
                body = await request.json()
            except ValueError:
                return web.json_response({"error": "body must be JSON"}, status=400)
            if not isinstance(body, dict):
                return web.json_response({"error": "body must be a JSON object"}, status=400)
        body.update(request.match_info)
        try:
            return web.json_response(handler(request.app[SIM_KEY], body))
        except (ValueError, KeyError, TypeError, ApiError) as exc:
            return web.json_response({"error": str(exc)}, status=400)

    return route


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _state(sim: Any, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "bot": {"id": sim.bot_id, "username": sim.bot_username},
        "users": [asdict(user) for user in sim.state.users.values()],
        "chats": [{"chat_id": c.chat_id, "type": c.type, "title": c.title} for c in sim.state.chats.values()],
    }


def _add_user(sim: Any, body: dict[str, Any]) -> dict[str, Any]:
    user = sim.add_user(
        str(body["first_name"]),
        last_name=body.get("last_name"),
        username=body.get("username"),
        language_code=body.get("language_code", "nl"),
    )
    return asdict(user)


def _send_text(sim: Any, body: dict[str, Any]) -> dict[str, Any]:
    update_id = sim.user_sends_text(
        int(body["user_id"]), str(body["text"]), chat_id=_opt_int(body.get("chat_id"))
    )
    return {"update_id": update_id}


def _press_button(sim: Any, body: dict[str, Any]) -> dict[str, Any]:
    update_id = sim.user_presses_button(
        int(body["user_id"]),
        int(body["message_id"]),
        str(body["callback_data"]),
        chat_id=_opt_int(body.get("chat_id")),
    )
    return {"update_id": update_id}


def _chat(sim: Any, body: dict[str, Any]) -> dict[str, Any]:
    chat_id = int(body["chat_id"])
    answers = [asdict(a) for a in sim.callback_answers if a.user_id == chat_id]
    return {"messages": [_message_json(m) for m in sim.chat_view(chat_id)], "callback_answers": answers}


async def _page(request: web.Request) -> web.StreamResponse:
    """The page, with this run's secret in it: its scripts send it back as ``X-Burenbot-Secret``; the
    simulator's own control routes take the cookie set here (or the ``X-Telesim-Secret`` header)."""
    if not _local_host(request):
        return web.Response(text="unknown Host", status=421)
    secret = html.escape(request.app[SIM_KEY].secret, quote=True)
    response = web.Response(text=PAGE.replace("{{SECRET}}", secret), content_type="text/html")
    control = request.app[SIM_KEY].control_secret
    response.set_cookie(SECRET_COOKIE, control, httponly=True, samesite="Strict", path="/control/")
    return response


async def _media(request: web.Request) -> web.StreamResponse:
    """A photo or document the bot sent, for the page to show or download (the hours chart, CSV, PDF)."""
    sim = request.app[SIM_KEY]
    chat_id, message_id = int(request.match_info["chat_id"]), int(request.match_info["message_id"])
    for message in sim.chat_view(chat_id):
        if message.message_id != message_id:
            continue
        if message.photo is not None:
            kind = "image/png" if message.photo.startswith(b"\x89PNG") else "image/jpeg"
            return web.Response(body=message.photo, content_type=kind)
        if message.document is not None:
            name = (message.file_name or "bestand").replace('"', "")
            return web.Response(
                body=message.document,
                content_type=message.mime_type or "application/octet-stream",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
    return web.json_response({"error": "no such photo or document"}, status=404)


def add_web_routes(app: web.Application) -> None:
    app.router.add_get("/", _page)
    app.router.add_get("/control/state", _guarded(_state))
    app.router.add_post("/control/users", _guarded(_add_user))
    app.router.add_post("/control/send_text", _guarded(_send_text))
    app.router.add_post("/control/press_button", _guarded(_press_button))
    app.router.add_get("/control/chat/{chat_id}", _guarded(_chat))
    app.router.add_get("/control/media/{chat_id}/{message_id}", _media)
