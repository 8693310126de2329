import asyncio
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from storage.db import Database, MigrationError, migration_checksum, split_statements


async def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    versions = [
        row[0] for row in await db.fetch_all("SELECT version FROM schema_migrations ORDER BY version")
    ]
    assert versions and versions[0] == 1
    assert await db.fetch_value("PRAGMA foreign_keys") == 1
    assert (await db.fetch_value("PRAGMA journal_mode")).lower() == "wal"
    await db.close()
    again = await Database.open(path)
    assert [
        r[0] for r in await again.fetch_all("SELECT version FROM schema_migrations ORDER BY version")
    ] == versions
    await again.close()


async def test_an_edited_landed_migration_stops_the_start_loudly(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    first = migrations / "0001_first.sql"
    first.write_text("CREATE TABLE a (x INTEGER);\n")
    db = await Database.open(tmp_path / "bot.sqlite3", migrations_dir=migrations)
    recorded = await db.fetch_value("SELECT checksum FROM schema_migrations WHERE version = 1")
    assert recorded == migration_checksum(first.read_text())
    await db.close()
    first.write_text("CREATE TABLE a (x INTEGER, y TEXT);\n")  # someone "fixed" a landed migration
    with pytest.raises(MigrationError, match="0001_first was changed after it was applied"):
        await Database.open(tmp_path / "bot.sqlite3", migrations_dir=migrations)


async def test_a_migration_numbered_before_the_newest_applied_one_is_refused(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (migrations / "0003_third.sql").write_text("CREATE TABLE c (x INTEGER);\n")
    await (await Database.open(tmp_path / "bot.sqlite3", migrations_dir=migrations)).close()
    (migrations / "0002_late.sql").write_text("CREATE TABLE b (x INTEGER);\n")
    with pytest.raises(MigrationError, match="0002_late comes before the newest applied one"):
        await Database.open(tmp_path / "bot.sqlite3", migrations_dir=migrations)


async def test_a_database_from_before_checksums_adopts_them(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL); CREATE TABLE a (x INTEGER);"
        " INSERT INTO schema_migrations VALUES (1, 'first', '2026-01-01T00:00:00+00:00');"
    )
    conn.close()
    db = await Database.open(path, migrations_dir=migrations)
    assert await db.fetch_value("SELECT checksum FROM schema_migrations") == migration_checksum(
        "CREATE TABLE a (x INTEGER);\n"
    )
    await db.close()


async def test_database_file_is_private(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    assert stat.S_IMODE((tmp_path / "bot.sqlite3").stat().st_mode) == 0o600
    await db.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_good.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (migrations / "0002_bad.sql").write_text("CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n")
    threads_before = set(threading.enumerate())
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(tmp_path / "bot.sqlite3", migrations_dir=migrations)
    # No connection left open: aiosqlite's worker threads end (shortly after close returns).
    for _ in range(100):
        if not set(threading.enumerate()) - threads_before:
            break
        await asyncio.sleep(0.02)
    assert set(threading.enumerate()) - threads_before == set()
    conn = sqlite3.connect(tmp_path / "bot.sqlite3")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "a" in tables and "b" not in tables
    assert [row[0] for row in conn.execute("SELECT version FROM schema_migrations")] == [1]
    conn.close()


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO members (telegram_id, joined_at) VALUES (1, '2026-01-01T00:00:00+00:00')"
            )
            raise RuntimeError("boom")
    assert await db.fetch_value("SELECT count(*) FROM members") == 0
    await db.close()


async def test_concurrent_transactions_are_serialised(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")

    async def bump(i: int) -> None:
        async with db.transaction() as conn:
            count = (await (await conn.execute("SELECT count(*) FROM members")).fetchone())[0]
            await asyncio.sleep(0)
            await conn.execute(
                "INSERT INTO members (telegram_id, display_name, joined_at) VALUES (?, ?, ?)",
                (i, str(count), "2026-01-01T00:00:00+00:00"),
            )

    await asyncio.gather(*(bump(i) for i in range(30)))
    names = sorted(int(r[0]) for r in await db.fetch_all("SELECT display_name FROM members"))
    assert names == list(range(30))
    await db.close()


async def test_backup_is_a_working_copy(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO members (telegram_id, joined_at) VALUES (7, '2026-01-01T00:00:00+00:00')"
        )
    await db.backup(tmp_path / "backup" / "copy.sqlite3")
    await db.close()
    copy = await Database.open(tmp_path / "backup" / "copy.sqlite3")
    assert await copy.fetch_value("SELECT telegram_id FROM members") == 7
    await copy.close()


def test_split_statements_handles_semicolons_in_strings_and_comments() -> None:
    script = (
        "-- a comment; still a comment\nCREATE TABLE t (x TEXT DEFAULT ';');\n\n"
        "INSERT INTO t VALUES ('a;b');\n"
    )
    assert list(split_statements(script)) == [
        "-- a comment; still a comment\nCREATE TABLE t (x TEXT DEFAULT ';');",
        "INSERT INTO t VALUES ('a;b');",
    ]
