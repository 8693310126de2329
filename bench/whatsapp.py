"""Benchmark: WhatsApp webhook handling and a 200-member announcement, against the WhatsApp simulator.

1. Per update: a member's message from the simulator's signed webhook POST until the bot answered it (its
   reply accepted by the simulator), median of 120, Burenbot ("help") vs a bare aiohttp webhook that checks
   the signature, parses the JSON and sends one text back through the same simulator. The ratio is shown;
   the target is absolute (≤100 ms: far inside Meta's webhook time-out), since the bare handler has no
   PTB, no database and no access gate at all.
2. Webhook events per second: 400 status callbacks (the bulk of WhatsApp traffic) posted 8 at a time,
   Burenbot vs the bare handler (info).
3. A 200-member announcement, all windows open: time until every member has it, against the ideal at the
   simulator's limits (80 messages/s) and at the outbox's own pace (Telegram's 30/s). Target ≤2× the
   outbox's ideal.

Run from the repo root: ``python bench/whatsapp.py``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from aiohttp import web

from bench._report import exit_code, info, limit
from bot.clock import SystemClock
from bot.pacing import Limits
from tests.harness_config import make_config
from tests.wa_harness import WaHarness, start_wa_harness, stop_wa_harness
from wasim import VERSION, WhatsAppSimulator
from wasim.chat import PAIR_BURST, THROUGHPUT_PER_S

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

SAMPLES = int(__import__("os").environ.get("WA_BENCH_SAMPLES", "120"))
STATUS_EVENTS = 400
MEMBERS = 200


class BareBot:
    """The least a WhatsApp bot can do per message: verify, parse, answer once."""

    def __init__(self, sim: WhatsAppSimulator) -> None:
        self.sim = sim
        self.session: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        self.session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_post("/hook", self.receive)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{port}/hook"

    async def receive(self, request: web.Request) -> web.Response:
        raw = await request.read()
        expected = "sha256=" + hmac.new(self.sim.app_secret.encode(), raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.headers.get("X-Hub-Signature-256", "")):
            return web.Response(status=403)
        value = json.loads(raw)["entry"][0]["changes"][0]["value"]
        assert self.session is not None
        for message in value.get("messages", []):
            body = {
                "messaging_product": "whatsapp",
                "to": message["from"],
                "type": "text",
                "text": {"body": "Hallo!"},
            }
            url = f"{self.sim.base_url}/{VERSION}/{self.sim.phone_number_id}/messages"
            headers = {"Authorization": f"Bearer {self.sim.token}"}
            async with self.session.post(url, json=body, headers=headers) as response:
                await response.read()
        return web.Response(text="ok")

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()
        if self.runner is not None:
            await self.runner.cleanup()


async def per_update(sim: WhatsAppSimulator, wa_id: str, text: str) -> float:
    """Median ms from the webhook POST to its answer (the bot handles before it acknowledges)."""
    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        status = await sim.member_sends_text(wa_id, text)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200
        await sim.settle()
    return statistics.median(times)


async def status_rate(sim: WhatsAppSimulator, wa_id: str) -> float:
    message = next(m for m in reversed(sim.chat_view(wa_id)) if m.from_bot)
    payloads = []
    for i in range(STATUS_EVENTS):
        status = {
            "id": message.wamid,
            "status": ("sent", "delivered", "read")[i % 3],
            "timestamp": "0",
            "recipient_id": wa_id,
        }
        payloads.append(sim.envelope({"messaging_product": "whatsapp", "statuses": [status]}))
    queue = asyncio.Queue[dict[str, object]]()
    for payload in payloads:
        queue.put_nowait(payload)

    async def worker() -> None:
        while not queue.empty():
            await sim.deliver_webhook(queue.get_nowait())

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(8)))
    return STATUS_EVENTS / (time.perf_counter() - started)


async def bare_figures() -> tuple[float, float]:
    sim = WhatsAppSimulator()
    sim.limits.pair_burst = 10**9  # the bench measures handling, not the pair rate
    sim.limits.throughput = 10**9  # nor the number's 80/s: one member's 120 back-to-back questions pass it
    await sim.start()
    bare = BareBot(sim)
    sim.webhook_url = await bare.start()
    sim.add_member("31600000001", "Anna")
    try:
        median = await per_update(sim, "31600000001", "help")
        rate = await status_rate(sim, "31600000001")
    finally:
        await bare.stop()
        await sim.stop()
    return median, rate


def _daytime(now: datetime) -> datetime:
    """Now, or the next 10:00 in Amsterdam when now is night: the outbox rightly holds an announcement
    for the morning, and the benchmark would measure nothing."""
    local = now.astimezone(AMSTERDAM)
    if 8 <= local.hour < 22:
        return now
    morning = local.replace(hour=10, minute=0, second=0, microsecond=0)
    return morning if morning > local else morning + timedelta(days=1)


async def burenbot_figures(tmp: Path) -> tuple[float, float, float]:
    config = make_config(tmp)  # the harness joins with the test invite code
    harness: WaHarness = await start_wa_harness(config, clock=None)
    harness.clock.set(_daytime(SystemClock().now()))
    # Handling is measured without Meta's limits: one member sending 120 questions back to back gets
    # ~170 answers a second, past the number's 80/s, which no person typing reaches. The announcement
    # below runs with the real limits.
    harness.sim.limits.pair_burst = 10**9
    harness.sim.limits.throughput = 10**9
    try:
        anna = await harness.member("Anna", role="coordinator")
        median = await per_update(harness.sim, anna.wa_id, "help")
        rate = await status_rate(harness.sim, anna.wa_id)
        people = await harness.quick_members(MEMBERS)
        harness.sim.limits.pair_burst, harness.sim.limits.throughput = PAIR_BURST, THROUGHPUT_PER_S
        author = await harness.member_record(anna)
        draft = await harness.core.announcements.start_draft(author, "Benchmark: koffie om 10:00!")
        started = time.monotonic()
        await harness.core.announcements.confirm(author, draft.id)
        await harness.settle()
        elapsed = time.monotonic() - started
        assert all(any("Benchmark" in m.text for m in p.chat) for p in people)
        assert harness.sim.refusals == [], harness.sim.refusals[:5]
    finally:
        await stop_wa_harness(harness)
    return median, rate, elapsed


async def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    bare_ms, bare_rate = await bare_figures()
    with tempfile.TemporaryDirectory() as tmp:
        bot_ms, bot_rate, elapsed = await burenbot_figures(Path(tmp))
    info("whatsapp: a message, webhook to answer", bot_ms, bare_ms)
    limit("whatsapp: a message, webhook to answer", bot_ms, 100.0, unit="ms")
    info("whatsapp: status events per second", bot_rate, bare_rate, unit="/s")
    info("whatsapp: status event cost", 1000 / bot_rate, 1000 / bare_rate)
    info("whatsapp: 200 members vs ideal at 80/s", elapsed, MEMBERS / 80, unit="s")
    outbox_ideal = MEMBERS / Limits().overall_per_s
    limit("whatsapp: 200 members / ideal at outbox 30/s", elapsed / outbox_ideal, 2.0, unit="×")
    return exit_code()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
