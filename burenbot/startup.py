"""What can stop the bot before it runs, each as one line a person can act on (the CLI exits 2)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StartupError(Exception):
    """The bot cannot start; the message is one line naming the problem and the config key."""


def refuse_simulator_on_used_database(path: Path) -> None:
    """Without a token the built-in simulator would 'deliver' the real group's queue into nowhere.

    The file is read with ``immutable=1``: no lock, no journal, no sidecar, so it stays byte-for-byte
    unchanged whether we refuse or not.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return  # Database.open names what is wrong with the file
    try:
        used = any(_has_rows(conn, table) for table in ("members", "outbox"))
    finally:
        conn.close()
    if used:
        raise StartupError(
            f"{path} holds members or queued messages, and no Telegram token is set: set [telegram] token "
            "(or BURENBOT_TOKEN) to run for real, or try the bot with `burenbot demo`."
        )


def _has_rows(conn: sqlite3.Connection, table: str) -> bool:
    try:
        return conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False  # no such table (an empty or older file)
