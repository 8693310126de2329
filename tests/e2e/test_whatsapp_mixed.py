"""Telegram and WhatsApp in one process, on one core: the coordinator sees one group."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.config import Config
from burenbot.whatsapp.app import build_whatsapp, route_outbox
from handlers.outbox_sender import start_worker, stop_worker
from tests.harness import start_harness, stop_harness
from tests.wa_harness import SlowPace, WaHarness, approve_all, whatsapp_config
from wasim import WhatsAppSimulator


async def test_a_telegram_coordinator_reaches_a_whatsapp_member_and_back(
    config: Config, clock: ManualClock
) -> None:
    sim = WhatsAppSimulator(now=clock.now, monotonic=SlowPace())
    await sim.start()
    approve_all(sim)
    bot = await start_harness(whatsapp_config(config, sim), clock=clock)
    runtime = build_whatsapp(bot.core, bot.core.config.whatsapp)
    await runtime.application.initialize()
    await runtime.application.start()
    await runtime.serve("127.0.0.1:0")
    sim.webhook_url = f"http://127.0.0.1:{runtime.port}/whatsapp/webhook"
    await stop_worker(bot.app)  # the one outbox worker now routes WhatsApp chats to the bridge
    route_outbox(bot.app, runtime.application)
    await start_worker(bot.app)
    wa = WaHarness(sim=sim, runtime=runtime, core=bot.core, clock=clock, pace=SlowPace())
    try:
        lotte = await bot.member("Lotte", role="coordinator")
        karim = await wa.member("Karim")
        await lotte.says("/leden")
        lotte.sees("Karim")
        await lotte.says("/omroep")
        await lotte.says("Zaterdag koffie om 10:00!")
        await lotte.presses("Iedereen")
        await lotte.presses("Voorbeeld bekijken")
        await lotte.presses("Versturen")
        await wa.settle()
        assert any("Zaterdag koffie" in m.text for m in karim.chat)
        assert sim.refusals == []
    finally:
        await runtime.close()
        await runtime.application.stop()
        await runtime.application.shutdown()
        await stop_harness(bot)
        await sim.stop()
