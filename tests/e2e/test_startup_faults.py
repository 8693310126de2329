"""Start-up faults and files, as a person typing `burenbot ...` in a shell sees them: one line, exit 2."""

from __future__ import annotations

import asyncio
import hashlib
import http.server
import json
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.config import Config, StorageConfig
from bot.core import open_core
from tests.e2e.test_cli import burenbot
from tests.unit.activity_helpers import make_member

REJECTED = "987654:REJECTED-secret-token"


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_corrupt_database_exits_2_within_10_seconds_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.sqlite3").write_bytes(b"this is no database " * 1000)
    (tmp_path / "config.toml").write_text('[storage]\npath = "bad.sqlite3"\n[telegram]\ntoken = "1:x"\n')
    started = time.monotonic()
    result = burenbot("run", "--config", str(tmp_path / "config.toml"), timeout=10)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "[storage] path" in line and "damaged" in line


def test_a_database_that_cannot_be_created_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be")
    (tmp_path / "config.toml").write_text('[storage]\npath = "data/burenbot.sqlite3"\n')
    result = burenbot("export-ics", str(tmp_path / "x.ics"), "--config", str(tmp_path / "config.toml"))
    assert result.returncode in (1, 2)  # "no database" (1) or the fault itself (2), never a traceback
    one_line(result.stderr)
    # With a token (a token-less run is the web demo on a throwaway database and never opens this one).
    (tmp_path / "config.toml").write_text(
        '[telegram]\ntoken = "123:abc"\napi_base_url = "http://127.0.0.1:9/bot"\n'
        '[storage]\npath = "data/burenbot.sqlite3"\n'
    )
    result = burenbot("run", "--config", str(tmp_path / "config.toml"), timeout=20)
    assert result.returncode == 2
    assert "[storage] path" in one_line(result.stderr)


class _Rejecting(http.server.BaseHTTPRequestHandler):
    """Telegram's answer to a revoked token."""

    def do_POST(self) -> None:
        body = json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def rejecting_telegram() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Rejecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


def test_a_rejected_token_gives_one_line_and_never_the_token(tmp_path: Path, rejecting_telegram: str) -> None:
    (tmp_path / "config.toml").write_text(
        f'[telegram]\ntoken = "{REJECTED}"\napi_base_url = "{rejecting_telegram}"\n'
    )
    result = burenbot("run", "--config", str(tmp_path / "config.toml"), timeout=30)
    assert result.returncode == 2, result.stderr
    line = one_line(result.stderr)
    assert "rejected" in line and "BURENBOT_TOKEN" in line
    assert REJECTED not in result.stdout + result.stderr
    assert "REJECTED-secret" not in result.stdout + result.stderr


def _used_database(path: Path) -> None:
    async def fill() -> None:
        core = await open_core(Config(storage=StorageConfig(path=path)))
        try:
            await make_member(core, "Lotte", coordinator=True)
            async with core.db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO outbox (chat_id, kind, dedupe_key, text, created_at, updated_at)"
                    " VALUES (1001, 'status', 'k1', 'Hallo', '2026-12-01T10:00:00+00:00',"
                    " '2026-12-01T10:00:00+00:00')"
                )
        finally:
            await core.close()

    asyncio.run(fill())


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_tokenless_run_on_a_used_database_refuses_and_leaves_it_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _used_database(data / "burenbot.sqlite3")
    before = _digest(data)
    (tmp_path / "config.toml").write_text('[storage]\npath = "data/burenbot.sqlite3"\n')
    result = burenbot("run", "--config", str(tmp_path / "config.toml"), timeout=30)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "[telegram] token" in line and "burenbot demo" in line
    assert _digest(data) == before
    with sqlite3.connect(data / "burenbot.sqlite3") as conn:
        assert conn.execute("SELECT status FROM outbox").fetchall() == [("queued",)]


def test_exports_are_private_and_formula_safe(tmp_path: Path) -> None:
    database = tmp_path / "data" / "burenbot.sqlite3"
    database.parent.mkdir()

    async def fill() -> None:
        core = await open_core(Config(storage=StorageConfig(path=database)))
        try:
            evil = await make_member(core, '=HYPERLINK("http://evil.example","klik")')
            await make_member(core, "+cmd|' /C calc'!A0")
            await core.budget.request(evil, "@SUM(1+1)", 12_00, date(2026, 12, 20))
        finally:
            await core.close()

    asyncio.run(fill())
    (tmp_path / "config.toml").write_text('[storage]\npath = "data/burenbot.sqlite3"\n')
    config = str(tmp_path / "config.toml")
    outputs = {
        "hours": tmp_path / "out" / "uren.csv",
        "budget": tmp_path / "out" / "budget.csv",
        "ics": tmp_path / "out" / "agenda.ics",
    }
    outputs["ics"].parent.mkdir()
    outputs["ics"].write_text("an older, world-readable file")
    outputs["ics"].chmod(0o644)
    for args in (
        ("export-hours", "--month", "2026-12", str(outputs["hours"])),
        ("export-budget", "--year", "2026", str(outputs["budget"])),
        ("export-ics", str(outputs["ics"])),
    ):
        result = burenbot(*args, "--config", config)
        assert result.returncode == 0, result.stderr
    for path in outputs.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for name in ("hours", "budget"):
        cells = [
            cell.strip('"')
            for line in outputs[name].read_bytes().decode("utf-8-sig").splitlines()
            for cell in line.split(";")
        ]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")], (name, cells)
    assert "'=HYPERLINK(" in outputs["budget"].read_bytes().decode("utf-8-sig")
    assert "'@SUM" in outputs["budget"].read_bytes().decode("utf-8-sig")
