"""The calendar feeds over HTTP (aiohttp): GET /cal/<token>.ics answers the feed, or 404.

A transport like Telegram: it only asks the core for the calendar behind a token.
"""

from __future__ import annotations

import asyncio
import logging
import re

from aiohttp import web

from bot.calendar.feeds import feed_ics
from bot.core import Core

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{20,64}$")


def _app(core: Core) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        data = await feed_ics(core, token) if _TOKEN.match(token) else None
        if data is None:
            raise web.HTTPNotFound()
        return web.Response(
            body=data,
            content_type="text/calendar",
            charset="utf-8",
            headers={"Cache-Control": "private, max-age=900"},
        )

    app = web.Application()
    app.router.add_get("/cal/{token}.ics", feed)
    return app


async def start_calendar_server(core: Core, listen: str) -> tuple[web.AppRunner, int]:
    """Serve on ``host:port`` (port 0: any free one); returns the runner (``await runner.cleanup()``
    to stop) and the port."""
    host, _, port = listen.rpartition(":")
    runner = web.AppRunner(_app(core), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host or "127.0.0.1", int(port))
    await site.start()
    server = site._server  # aiohttp types it as AbstractServer; the loop's create_server gives a Server
    bound = (
        server.sockets[0].getsockname()[1]
        if isinstance(server, asyncio.Server) and server.sockets
        else int(port)
    )
    log.info("calendar feeds on %s:%s", host or "127.0.0.1", bound)
    return runner, int(bound)
