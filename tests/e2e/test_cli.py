"""The commands a person types in a shell: the demo, running without a token, backup, check-content."""

from __future__ import annotations

import concurrent.futures
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def burenbot(
    *args: str, stdin: str = "", cwd: Path = ROOT, timeout: int = 90
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "burenbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, "BURENBOT_TOKEN": ""},
    )


def test_piped_demo_shows_joining_roles_and_help_in_dutch() -> None:
    script = "/start\n/help\nSamira\n#1\n/help\n/as coordinator\n/help\n/as volunteer\n/taal\n/druk 2\n"
    result = burenbot("demo", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Hoe mogen de anderen je noemen?" in out
    assert "Je bent nog bezig met aanmelden" in out
    assert "Je bent nu lid van Buren voor Buren, Samira!" in out
    assert "Je bent nieuw: begin met /welkom" in out
    assert "Als coördinator kun je dit doen" in out and "/verwijder" in out
    assert "[#1] Nederlands   [#2] English" in out
    assert "I'll talk to you in English" in out
    assert out.rstrip().endswith("(end of input)")
    assert "Traceback" not in result.stderr


def test_demo_moves_the_clock_and_explains_bad_input() -> None:
    result = burenbot("demo", stdin="/clock +2h\n/clock morgen\n/as bestuur\n/as newcomer\n9\n")
    assert result.returncode == 0, result.stderr
    assert "(it is now" in result.stdout
    assert "(use /clock +2h" in result.stdout
    assert "(personas: coordinator, volunteer, newcomer, stranger, or a name: Lotte, Karim" in result.stdout


def read_line(process: subprocess.Popen[str], seconds: float) -> str:
    """One line of the child's output, or fail after ``seconds`` instead of hanging the suite."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert process.stdout is not None
        return pool.submit(process.stdout.readline).result(timeout=seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_without_token_opens_the_web_chat_with_an_example_month(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[access]\ninvite_code = "lflat"\n')
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "burenbot",
            "run",
            "--config",
            str(tmp_path / "config.toml"),
            "--simulator-port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BURENBOT_TOKEN": ""},
    )
    try:
        assert process.stdout is not None
        first_line = read_line(process, 60)
        assert "built-in Telegram simulator" in first_line and "example month" in first_line
        assert "Invite link: https://t.me/burenbot_test_bot?start=lflat" in read_line(process, 10)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            page = response.read().decode()
            cookie = response.headers["Set-Cookie"].split(";")[0]  # the control routes' per-run secret
        assert 'id="personas"' in page and "{{SECRET}}" not in page
        body = json.dumps({"first_name": "Anna"}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/control/users",
            data=body,
            headers={"Content-Type": "application/json", "Cookie": cookie},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        # The invented neighbours live in a temporary database, never in the configured one.
        assert not (tmp_path / "data" / "burenbot.sqlite3").exists()
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


def test_backup_command_copies_the_database(tmp_path: Path) -> None:
    database = tmp_path / "data" / "burenbot.sqlite3"
    database.parent.mkdir()
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    conn.close()
    (tmp_path / "config.toml").write_text("")
    result = burenbot("backup", str(tmp_path / "copy.sqlite3"), "--config", str(tmp_path / "config.toml"))
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(tmp_path / "copy.sqlite3").execute("SELECT x FROM t").fetchone() == (42,)


def test_check_content_passes_on_the_shipped_content() -> None:
    result = burenbot("check-content")
    assert result.returncode == 0, result.stderr
    assert "content OK" in result.stdout


def test_version_and_help() -> None:
    assert burenbot("--version").stdout.startswith("burenbot ")
    assert "demo" in burenbot("--help").stdout
