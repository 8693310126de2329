"""The ``burenbot`` command (also ``python -m bot``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from bot import __version__
from bot.config import Config, ConfigError, load_config
from bot.exports import write_private
from bot.languages import LANGUAGES
from bot.logs import setup_logging
from burenbot.startup import StartupError

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
    except StartupError as exc:
        print(f"burenbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _config(args: argparse.Namespace) -> Config:
    path: Path | None = args.config
    if path is None and DEFAULT_CONFIG.exists():
        path = DEFAULT_CONFIG
    return load_config(path)


def _run(args: argparse.Namespace) -> int:
    from burenbot.runner import run_bot

    config = _config(args)
    whatsapp = config.whatsapp
    setup_logging(
        logging.INFO,
        secrets=[config.telegram.token or "", whatsapp.token or "", whatsapp.app_secret or ""],
    )
    asyncio.run(run_bot(config, simulator_port=args.simulator_port))
    return 0


def _whatsapp_templates(args: argparse.Namespace) -> int:
    from burenbot.whatsapp.templates import submission_text

    print(submission_text(), end="")
    return 0


def _opened(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Start-up faults of the database and of Telegram as one line each; never a traceback or the token."""

    def guarded(args: argparse.Namespace) -> int:
        from telegram.error import InvalidToken, NetworkError

        from storage.db import DatabaseUnusable

        try:
            return run(args)
        except DatabaseUnusable as exc:
            raise StartupError(f"database ([storage] path) {exc}") from None
        except InvalidToken:
            raise StartupError(
                "Telegram rejected the bot token: check [telegram] token or BURENBOT_TOKEN with @BotFather"
            ) from None
        except NetworkError as exc:
            raise StartupError(
                f"cannot reach Telegram ({type(exc).__name__}): check the network or [telegram] api_base_url"
            ) from None
        except OSError as exc:
            where = getattr(exc, "filename", None) or "start-up"
            raise StartupError(f"{exc.strerror or exc} ({where})") from None

    return guarded


def _check_content(args: argparse.Namespace) -> int:
    from bot.content_loader import check_content_cli

    code, text = check_content_cli(args.directory)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def _demo(args: argparse.Namespace) -> int:
    setup_logging(logging.WARNING)
    if args.web:
        from burenbot.demo_web import run_web_demo
        from burenbot.runner import stop_on_signals

        async def web_demo() -> None:
            await run_web_demo(stop_on_signals(), language=args.lang, port=args.port)

        asyncio.run(web_demo())
        return 0
    from burenbot.demo import run_demo

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


def _export_ics(args: argparse.Namespace) -> int:
    from bot.activities.ics import agenda_ics
    from bot.core import open_core

    config = _config(args)
    if not config.storage.path.exists():
        print(f"burenbot: no database at {config.storage.path}", file=sys.stderr)
        return 1

    async def export() -> int:
        core = await open_core(config)
        try:
            details = await core.activities.everything()
            lang = config.community.language
            data = agenda_ics(
                details,
                core.tz,
                core.clock.now(),
                config.community.name,
                lambda place: core.rooms.place_name(place, lang),
            )
        finally:
            await core.close()
        write_private(args.file, data)
        return len(details)

    count = asyncio.run(export())
    print(f"{count} activities written to {args.file}")
    return 0


def _when(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from bot.timeparse.parse import when_cli

    code, line = when_cli(args.text, args.now, args.lang, ZoneInfo(args.tz))
    print(line)
    return code


def _export_hours(args: argparse.Namespace) -> int:
    from bot.core import open_core
    from bot.hours.export import hours_csv
    from bot.hours.models import parse_month

    config = _config(args)
    try:
        parse_month(args.month)
    except ValueError:
        print(f"burenbot: --month must look like 2026-11, not {args.month!r}", file=sys.stderr)
        return 2
    if not config.storage.path.exists():
        print(f"burenbot: no database at {config.storage.path}", file=sys.stderr)
        return 1

    async def export() -> bytes:
        core = await open_core(config)
        try:
            report = await core.hours_overview.report(args.month)
            return hours_csv(report, core.texts, config.community.language)
        finally:
            await core.close()

    data = asyncio.run(export())
    write_private(args.dest, data)
    print(f"Hours of {args.month} written to {args.dest}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from datetime import date

    from bot.core import open_core
    from bot.report.figures import build_report
    from bot.report.output import report_csv, report_pdf

    config = _config(args)
    try:
        first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
    except ValueError:
        print("burenbot: --from and --to are days like 2026-10-01", file=sys.stderr)
        return 2
    if last < first or args.file.suffix.lower() not in (".pdf", ".csv"):
        print("burenbot: --to must not be before --from, and FILE must end in .pdf or .csv", file=sys.stderr)
        return 2
    if not config.storage.path.exists():
        print(f"burenbot: no database at {config.storage.path}", file=sys.stderr)
        return 1

    async def make() -> bytes:
        core = await open_core(config)
        try:
            report = await build_report(core, first, last)
        finally:
            await core.close()
        lang = config.community.language
        if args.file.suffix.lower() == ".pdf":
            return report_pdf(report, core.texts, lang)
        return report_csv(report, core.texts, lang)

    data = asyncio.run(make())
    args.file.parent.mkdir(parents=True, exist_ok=True)
    args.file.write_bytes(data)
    print(f"Report {first} to {last} written to {args.file}")
    return 0


def _export_budget(args: argparse.Namespace) -> int:
    from bot.budget.export import export_budget
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
    run.add_argument(
        "--simulator-port",
        type=int,
        default=8088,
        help="port of the built-in simulator when no token is configured (default 8088)",
    )
    run.set_defaults(func=_opened(_run))

    demo = sub.add_parser("demo", help="chat with the bot in this terminal, with an example month")
    demo.add_argument("--lang", choices=LANGUAGES, default="nl")
    demo.add_argument(
        "--web", action="store_true", help="the web chat in your browser instead of the terminal"
    )
    demo.add_argument("--port", type=int, default=8088, help="port of the web chat (default 8088)")
    demo.set_defaults(func=_demo)

    backup = sub.add_parser("backup", help="write a consistent copy of the database, also while the bot runs")
    backup.add_argument("dest", type=Path)
    config_option(backup)
    backup.set_defaults(func=_opened(_backup))

    templates = sub.add_parser(
        "whatsapp-templates", help="print the WhatsApp message templates to submit to Meta for approval"
    )
    templates.set_defaults(func=_whatsapp_templates)

    check = sub.add_parser("check-content", help="validate the onboarding and FAQ content files")
    check.add_argument("directory", type=Path, nargs="?", default=None)
    check.set_defaults(func=_check_content)

    export = sub.add_parser("export-ics", help="write the whole agenda as an iCalendar (.ics) file")
    export.add_argument("file", type=Path)
    config_option(export)
    export.set_defaults(func=_opened(_export_ics))

    when = sub.add_parser("when", help="show how the bot understands a typed time (ISO 8601, or ERROR:)")
    when.add_argument("text")
    when.add_argument("--now", default=None, help="local wall time to plan from, e.g. 2026-11-23T10:00")
    when.add_argument("--lang", choices=LANGUAGES, default="nl")
    when.add_argument("--tz", default="Europe/Amsterdam", help=argparse.SUPPRESS)
    when.set_defaults(func=_when)
    hours = sub.add_parser(
        "export-hours", help="write one month of volunteer hours as CSV for Excel (UTF-8 with BOM, ';')"
    )
    hours.add_argument("--month", required=True, help="the month, e.g. 2026-11")
    hours.add_argument("dest", type=Path)
    config_option(hours)
    hours.set_defaults(func=_opened(_export_hours))
    report = sub.add_parser("report", help="write the report for the funders: PDF or CSV by FILE's ending")
    report.add_argument("--from", dest="first", required=True, help="first day, e.g. 2026-10-01")
    report.add_argument("--to", dest="last", required=True, help="last day, e.g. 2026-12-31")
    report.add_argument("file", type=Path)
    config_option(report)
    report.set_defaults(func=_opened(_report))

    budget = sub.add_parser(
        "export-budget", help="write the year's wijkbudget as CSV for Excel (with receipt file names)"
    )
    budget.add_argument("--year", type=int, required=True)
    budget.add_argument("file", type=Path)
    config_option(budget)
    budget.set_defaults(func=_opened(_export_budget))
    return parser
