"""The SQLite database: one write connection, one read connection, migrations at start-up.

Writes go through ``Database.transaction()``: an asyncio lock guards the single write connection and
``BEGIN IMMEDIATE`` makes each block one atomic step that is committed before the caller goes on, so a
user is only told "done" after the data is on disk. Reads use a second connection; with WAL they see the
last committed state and never block the writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
Params = Sequence[Any] | dict[str, Any]


class DatabaseUnusable(Exception):
    """The database file cannot be opened or written: corrupt, read-only, or not a database at all."""


class Database:
    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, *, migrations_dir: Path = MIGRATIONS_DIR) -> Database:
        """Open (and migrate) the database; any fault of the file becomes one ``DatabaseUnusable``."""
        try:
            return await cls._open(path, migrations_dir)
        except (sqlite3.Error, OSError) as exc:
            reason = _fault_of_the_file(exc)
            if reason is None:
                raise  # our own mistake (a broken migration): the traceback is for us
            raise DatabaseUnusable(f"{path}: {reason}") from exc

    @classmethod
    async def _open(cls, path: Path, migrations_dir: Path) -> Database:
        make_private_dir(path.parent)
        _create_private(path)
        writer = await _connect(path)
        try:
            await writer.execute_fetchall("PRAGMA journal_mode = WAL")
            reader = await _connect(path)
        except BaseException:
            await writer.close()
            raise
        db = cls(path, writer, reader)
        try:
            await reader.execute_fetchall("PRAGMA query_only = ON")
            await db._migrate(migrations_dir)
        except BaseException:
            # aiosqlite's worker threads would keep the process alive: close before giving up.
            await db.close()
            raise
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                os.chmod(sidecar, 0o600)
        return db

    async def close(self) -> None:
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One atomic write: committed when the block ends, rolled back if it raises."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.rollback()
                raise
            else:
                await self._writer.commit()

    def within(self, conn: aiosqlite.Connection) -> Database:
        """The same reads, run on the write connection inside its open transaction: for a use case that
        must see its own uncommitted change (e.g. to render what it queues). Never call ``transaction()``
        on it."""
        return Database(self.path, conn, conn)

    async def checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it: after an erase the log must not keep the
        erased rows (``secure_delete`` zeroes them in the file itself)."""
        async with self._write_lock:
            await self._writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._reader.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._reader.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def fetch_int(self, sql: str, params: Params = ()) -> int:
        """The first column of the first row as an int (a count, an id); 0 when there is no row."""
        value = await self.fetch_value(sql, params)
        return 0 if value is None else int(value)

    async def fetch_optional_int(self, sql: str, params: Params = ()) -> int | None:
        """The first column of the first row as an int, or None when there is no row or it is NULL."""
        value = await self.fetch_value(sql, params)
        return None if value is None else int(value)

    async def backup(self, destination: Path) -> None:
        """A consistent copy while the bot keeps running (SQLite's online backup API)."""
        make_private_dir(destination.parent)
        _create_private(destination)
        target = sqlite3.connect(destination)
        try:
            async with self._write_lock:
                await self._writer.backup(target)
        finally:
            target.close()

    async def _migrate(self, migrations_dir: Path) -> None:
        """Apply new migrations in order; refuse to start when a landed one was edited or one arrives
        out of order (both mean two databases could have different schemas under the same numbers)."""
        await self._writer.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)"
        )
        info = await self._writer.execute_fetchall("PRAGMA table_info(schema_migrations)")
        columns = {row[1] for row in info}
        if "checksum" not in columns:  # a database from before checksums were kept
            await self._writer.execute("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT")
            await self._writer.commit()
        applied = {
            row[0]: row[1]
            for row in await self._writer.execute_fetchall("SELECT version, checksum FROM schema_migrations")
        }
        newest = max(applied, default=0)
        for version, name, script in read_migrations(migrations_dir):
            checksum = migration_checksum(script)
            if version in applied:
                recorded = applied[version]
                if recorded is None:  # applied before checksums: remember it as it is now
                    async with self.transaction() as conn:
                        await conn.execute(
                            "UPDATE schema_migrations SET checksum = ? WHERE version = ?", (checksum, version)
                        )
                elif recorded != checksum:
                    raise MigrationError(
                        f"migration {version:04d}_{name} was changed after it was applied; "
                        "add a new migration instead of editing a landed one"
                    )
                continue
            if version < newest:
                raise MigrationError(
                    f"migration {version:04d}_{name} comes before the newest applied one ({newest:04d}); "
                    "number new migrations after the last one"
                )
            # Each migration and its record land in one transaction: never half a schema.
            async with self.transaction() as conn:
                for statement in split_statements(script):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)",
                    (version, name, datetime.now(UTC).isoformat(), checksum),
                )
            newest = version


class MigrationError(Exception):
    """The migrations on disk do not match what this database has applied."""


def migration_checksum(script: str) -> str:
    """SHA-256 of the migration text, line endings folded (a checkout on Windows is the same file)."""
    return hashlib.sha256(script.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def read_migrations(directory: Path) -> list[tuple[int, str, str]]:
    migrations = []
    for file in sorted(directory.glob("*.sql")):
        number, _, rest = file.stem.partition("_")
        if not number.isdigit():
            raise ValueError(f"migration file name must start with a number: {file.name}")
        migrations.append((int(number), rest, file.read_text(encoding="utf-8")))
    versions = [m[0] for m in migrations]
    if len(versions) != len(set(versions)):
        raise ValueError(f"two migrations share a number in {directory}")
    return sorted(migrations)


def split_statements(script: str) -> Iterable[str]:
    """Split a SQL script into complete statements (``executescript`` would commit on its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement and not all(
                part.strip().startswith("--") or not part.strip() for part in statement.splitlines()
            ):
                yield statement
    if buffer.strip() and not all(p.strip().startswith("--") or not p.strip() for p in buffer.splitlines()):
        raise ValueError("migration ends with an incomplete statement")


def make_private_dir(directory: Path) -> None:
    """Create a directory for personal data readable by its owner only (an existing one is left alone)."""
    if directory.exists():
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    directory.mkdir(mode=0o700, exist_ok=True)
    os.chmod(directory, 0o700)


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only (it holds personal data)."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    pragmas = ("busy_timeout = 5000", "foreign_keys = ON", "synchronous = FULL", "secure_delete = ON")
    try:
        for pragma in pragmas:
            await conn.execute_fetchall(f"PRAGMA {pragma}")
    except BaseException:
        await conn.close()  # its worker thread would otherwise keep the process alive forever
        raise
    return conn


def _fault_of_the_file(exc: BaseException) -> str | None:
    """One line a person can act on, for the faults a database file really has; None for other errors."""
    text = str(exc).lower()
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only; the bot needs to write there"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "the file is damaged or not a Burenbot database; restore a backup (burenbot backup)"
    if isinstance(exc, OSError) or "unable to open" in text or "disk" in text:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


def utc_text(moment: datetime) -> str:
    """How a moment is stored: ISO 8601 in UTC, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("refusing to store a naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)
