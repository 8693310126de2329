"""The aiohttp application: Bot API endpoint, file downloads and the fault/rate-limit pipeline."""

from __future__ import annotations

import asyncio
import inspect
import json
import mimetypes
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from telesim import schema
from telesim.errors import ApiError, too_many_requests
from telesim.faults import FaultKind, decide
from telesim.methods import HANDLERS
from telesim.models import RecordedRequest
from telesim.params import coerce, read_raw, redact

if TYPE_CHECKING:
    from telesim.simulator import TelegramSimulator

SIM_KEY: web.AppKey[Any] = web.AppKey("telesim")
_SERVER_ERRORS = {
    FaultKind.ERROR_500: (500, "Internal Server Error"),
    FaultKind.ERROR_502: (502, "Bad Gateway"),
}


def _json(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )


def _error(exc: ApiError) -> web.Response:
    return _json(exc.to_json(), status=exc.error_code)


class _Dropped(Exception):
    """Raised after the transport was closed on purpose; the response is never written."""


def _drop_connection(request: web.Request) -> web.Response:
    transport = request.transport
    if transport is not None:
        transport.abort()
    raise _Dropped


def _rate_limit_chat(sim: TelegramSimulator, params: dict[str, Any]) -> int | None:
    try:
        return sim.state.resolve_chat(params.get("chat_id")).chat_id
    except ApiError:
        return None


async def handle_bot_api(request: web.Request) -> web.StreamResponse:
    sim: TelegramSimulator = request.app[SIM_KEY]
    if request.match_info["token"] != sim.token:
        return _error(ApiError(401, "Unauthorized"))
    spec = schema.lookup(request.match_info["method"])
    if spec is None:
        return _error(ApiError(404, "Not Found"))
    record: dict[str, Any] = {}
    try:
        raw = await read_raw(request)
        record = redact(raw)
        decision = decide(
            sim.faults,
            sim.rng,
            polling=spec.name == "getUpdates",
            method=spec.name,
            chat_id=raw.get("chat_id"),
        )
        if decision.delay_s > 0:
            await asyncio.sleep(decision.delay_s)
        if decision.kind in _SERVER_ERRORS:
            code, text = _SERVER_ERRORS[decision.kind]
            raise ApiError(code, text)
        if decision.kind is FaultKind.THROTTLED:
            raise too_many_requests(1)
        if decision.kind is FaultKind.DROP:
            sim.state.requests.append(RecordedRequest(spec.name, record, False, None, "dropped before apply"))
            return _drop_connection(request)
        params = coerce(spec, raw, strict=sim.strict)
        record = redact(params)
        if spec.rate_limited:
            sim.limiter.limits = sim.rate_limits
            sim.limiter.check(_rate_limit_chat(sim, params))
        result = HANDLERS[spec.name](sim.state, params)
        if inspect.isawaitable(result):
            result = await result
    except ApiError as exc:
        sim.state.requests.append(RecordedRequest(spec.name, record, False, exc.error_code, exc.description))
        return _error(exc)
    sim.state.requests.append(RecordedRequest(spec.name, record, True, None))
    if decision.kind is FaultKind.DROP_AFTER_APPLY:
        return _drop_connection(request)
    return _json({"ok": True, "result": result})


async def handle_file(request: web.Request) -> web.StreamResponse:
    sim: TelegramSimulator = request.app[SIM_KEY]
    if request.match_info["token"] != sim.token:
        return _error(ApiError(401, "Unauthorized"))
    stored = sim.state.files_by_path.get(request.match_info["path"])
    if stored is None or stored.data is None:
        return _error(ApiError(404, "Not Found"))
    mime = stored.mime_type or mimetypes.guess_type(stored.file_path)[0] or "application/octet-stream"
    return web.Response(body=stored.data, content_type=mime)


@web.middleware
async def _swallow_drops(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except _Dropped:
        # Nothing can be written any more; an empty response keeps aiohttp from logging a 500.
        return web.Response(status=499)


def build_app(sim: TelegramSimulator) -> web.Application:
    app = web.Application(middlewares=[_swallow_drops], client_max_size=60 * 1024 * 1024)
    app[SIM_KEY] = sim
    app.router.add_route("*", "/bot{token}/{method}", handle_bot_api)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    return app
