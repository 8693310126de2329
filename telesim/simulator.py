"""``TelegramSimulator``: a local, Bot-API-compatible Telegram for end-to-end tests and demos."""

from __future__ import annotations

import asyncio
import random
import secrets
import time
from collections.abc import Callable

from aiohttp import web

from telesim.control import ControlApi
from telesim.faults import Faults
from telesim.limits import RateLimiter, RateLimits
from telesim.server import build_app
from telesim.state import SimState


class TelegramSimulator(ControlApi):
    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "burenbot_test_bot",
        *,
        monotonic: Callable[[], float] = time.monotonic,
        seed: int = 0,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.state = SimState(token, bot_username)
        self.monotonic = monotonic
        self.rng = random.Random(seed)
        self.rate_limits = RateLimits()
        self.limiter = RateLimiter(monotonic)
        self.faults = Faults()
        #: Reject parameters the simulator's schema does not know (catches typos in tests).
        self.strict = True
        self.host = "127.0.0.1"
        self.port = 0
        #: Per-run secret of the web control routes (page cookie, or the X-Telesim-Secret header).
        self.control_secret = secrets.token_urlsafe(24)
        self._runner: web.AppRunner | None = None
        #: Per-run secret the web chat page is given and sends back as ``X-Burenbot-Secret``.
        self.secret = secrets.token_urlsafe(16)
        #: More routes on the same server (the demo's persona panel and clock), added before it starts.
        self.extra_routes: list[Callable[[web.Application], None]] = []

    @property
    def bot_id(self) -> int:
        return self.state.bot_id

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def url(self) -> str:
        """Root URL; the web chat page lives here."""
        return f"http://{self.host}:{self.port}/"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if self._runner is not None:
            raise RuntimeError("simulator already started")
        self.state.updates.bind(asyncio.get_running_loop())
        app = build_app(self)
        from telesim.web_control import add_web_routes

        add_web_routes(app)
        for add_routes in self.extra_routes:
            add_routes(app)
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self.host = host
        sockets = [s for s in (runner.addresses or [])]
        self.port = int(sockets[0][1]) if sockets else port

    async def stop(self) -> None:
        """Stop serving; waiting long polls are answered at once so this returns promptly."""
        runner, self._runner = self._runner, None
        self.state.updates.close()
        if runner is not None:
            await runner.cleanup()

    def start_429_storm(self, duration_s: float, retry_after: int = 3) -> None:
        """Answer every rate-limited method with 429 for ``duration_s`` (on the injected clock)."""
        self.limiter.start_storm(duration_s, retry_after)

    def reset_rate_limits(self) -> None:
        self.limiter.reset()
