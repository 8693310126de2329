"""A backup taken while the bot keeps writing is consistent, restores, and the bot starts on it."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

from bot.clock import ManualClock
from bot.core import open_core
from storage.db import utc_text
from tests.harness import start_harness, stop_harness
from tests.harness_config import make_config


def restore(backup: Path, target: Path) -> Path:
    target.parent.mkdir()
    target.with_name(target.name + "-wal").write_bytes(b"stale")  # left over from a broken database
    shutil.copyfile(backup, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return target


async def test_backup_while_writing_then_restore_and_start(tmp_path: Path, clock: ManualClock) -> None:
    live = tmp_path / "live"
    config = make_config(live)
    core = await open_core(config, clock)
    committed: list[int] = []
    stop = asyncio.Event()
    wrote_200, wrote_300 = asyncio.Event(), asyncio.Event()

    async def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            async with core.db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO members (telegram_id, display_name, language, status, joined_at)"
                    " VALUES (?, ?, 'nl', 'active', ?)",
                    (500_000 + n, f"Buur {n}", utc_text(clock.now())),
                )
            committed.append(500_000 + n)
            if n == 200:
                wrote_200.set()
            if before_backup and n >= len(before_backup) + 100:
                wrote_300.set()
            await asyncio.sleep(0)

    before_backup: list[int] = []
    writer = asyncio.create_task(keep_writing())
    await wrote_200.wait()
    before_backup = list(committed)
    backup = tmp_path / "backups" / "burenbot-copy.sqlite3"
    await core.db.backup(backup)  # the writer keeps going while the copy is made
    await wrote_300.wait()
    stop.set()
    await writer
    await core.close()

    # Restore as docs/backup.md says: bot stopped, copy over the database path, remove -wal/-shm, start.
    restored = tmp_path / "restored"
    target = restore(backup, restored / "burenbot.sqlite3")
    harness = await start_harness(make_config(restored), clock=clock)
    try:
        rows = await harness.core.db.fetch_all("SELECT telegram_id FROM members")
        stored = {row[0] for row in rows}
        assert set(before_backup) <= stored  # everything committed before the backup is there
        assert len(stored) == len(rows)  # and once
        assert os.stat(target).st_mode & 0o077 == 0
        # The bot works on the restored copy: a member from the backup is recognised by role.
        user_id = before_backup[0]
        person = await harness.stranger("Karim")  # the simulator numbers users itself: link one to the row
        async with harness.core.db.transaction() as conn:
            await conn.execute(
                "UPDATE members SET telegram_id = ? WHERE telegram_id = ?", (person.user_id, user_id)
            )
        await person.says("/help")
        person.sees("/taal")
    finally:
        await stop_harness(harness)
