"""The ``burenbot`` command (also ``python -m bot``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot import __version__
from bot.config import Config, ConfigError, load_config
from bot.logs import setup_logging

DEFAULT_CONFIG = Path("config.toml")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"burenbot: config error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _config(args: argparse.Namespace) -> Config:
    path: Path | None = args.config
    if path is None and DEFAULT_CONFIG.exists():
        path = DEFAULT_CONFIG
    return load_config(path)


def _run(args: argparse.Namespace) -> int:
    from bot.runner import run_bot

    config = _config(args)
    setup_logging(logging.INFO, secrets=[config.telegram.token or ""])
    asyncio.run(run_bot(config))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    setup_logging(logging.WARNING)
    return asyncio.run(run_demo(sys.stdin, sys.stdout, language=args.lang))


def _backup(args: argparse.Namespace) -> int:
    from storage.db import Database

    config = _config(args)
    if not config.storage.path.exists():
        print(f"burenbot: no database at {config.storage.path}", file=sys.stderr)
        return 1

    async def backup() -> None:
        db = await Database.open(config.storage.path)
        try:
            await db.backup(args.dest)
        finally:
            await db.close()

    asyncio.run(backup())
    print(f"Backup written to {args.dest}")
    return 0


def _export_budget(args: argparse.Namespace) -> int:
    from bot.budget_export import export_budget
    from storage.db import Database

    config = _config(args)
    if not config.storage.path.exists():
        print(f"burenbot: no database at {config.storage.path}", file=sys.stderr)
        return 1

    async def export() -> None:
        db = await Database.open(config.storage.path)
        try:
            await export_budget(db, args.year, args.file)
        finally:
            await db.close()

    asyncio.run(export())
    print(f"Budget {args.year} written to {args.file}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burenbot", description="Burenbot: the Telegram bot of Buren voor Buren (L-flat, Zeist)."
    )
    parser.add_argument("--version", action="version", version=f"burenbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def config_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--config",
            type=Path,
            default=None,
            help="TOML configuration file (default: ./config.toml if present, else built-in defaults)",
        )

    run = sub.add_parser("run", help="run the bot (long polling; without a token: the built-in simulator)")
    config_option(run)
    run.set_defaults(func=_run)

    demo = sub.add_parser("demo", help="chat with the bot in this terminal, with an example month")
    demo.add_argument("--lang", choices=["nl", "en"], default="nl")
    demo.set_defaults(func=_demo)

    backup = sub.add_parser("backup", help="write a consistent copy of the database, also while the bot runs")
    backup.add_argument("dest", type=Path)
    config_option(backup)
    backup.set_defaults(func=_backup)

    export = sub.add_parser(
        "export-budget", help="write the year's wijkbudget as CSV for Excel (with receipt file names)"
    )
    export.add_argument("--year", type=int, required=True)
    export.add_argument("file", type=Path)
    config_option(export)
    export.set_defaults(func=_export_budget)
    return parser
