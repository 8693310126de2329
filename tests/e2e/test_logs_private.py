"""Logs hold ids and events, never what members typed, and never the bot token."""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram.error import NetworkError

from bot.clock import ManualClock
from bot.logs import RedactSecrets, setup_logging
from tests.harness import start_harness, stop_harness
from tests.harness_config import make_config


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    buffer = io.StringIO()
    yield buffer
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


async def test_a_conversation_leaves_no_text_and_no_token_in_the_logs(
    tmp_path: Path, clock: ManualClock, log_output: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    token = f"{secrets.randbelow(10**9) + 10**9}:SECRET{secrets.token_hex(12)}"
    marker = f"Geheim{secrets.token_hex(6)}"
    pytest_handlers = logging.getLogger().handlers[:]
    setup_logging(logging.INFO, secrets=[token], stream=log_output)
    logging.getLogger().handlers += pytest_handlers  # keep caplog seeing the raw records too
    caplog.set_level(logging.INFO, logger="bot")
    harness = await start_harness(make_config(tmp_path), clock=clock, token=token)
    try:
        anna = await harness.member(marker)  # the name she types is the marker
        await anna.says(f"hallo {marker}")
        await anna.says(f"/help {marker}")
        await anna.says("/mijngegevens")
        await anna.says("/vergeetmij")
        await anna.presses("Nee")
        assert any(marker in m.text for m in anna.chat)  # the marker really went through the bot
        # A failure whose message carries the token (as httpx errors carry the URL) is redacted too.
        logging.getLogger("bot.test").error("boom", exc_info=NetworkError(f"POST /bot{token}/sendMessage"))
    finally:
        await stop_harness(harness)
    written = log_output.getvalue()
    assert "boom" in written and "<token>" in written  # the logs were written through our handler
    assert token not in written and marker not in written
    raw = "\n".join(r.getMessage() for r in caplog.records if r.name != "bot.test")
    assert token not in raw and marker not in raw


def test_the_filter_redacts_arguments_and_tracebacks() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", ("https://t/botSECRET/x",), None)
    assert RedactSecrets(["SECRET"]).filter(record)
    assert record.getMessage() == "url https://t/bot<token>/x"
