#!/usr/bin/env python3
"""Set-up and run in one step, on a machine with only Python 3.11+ and pip.

    python3 dev.py demo     # chat with Burenbot in this terminal (creates .venv on first use)
    python3 dev.py test     # the whole test suite and the linter
    python3 dev.py run      # the bot itself (any further arguments go to `burenbot run`)

The virtual environment in .venv is (re)installed from pyproject.toml whenever that file changes.
Only the standard library is used here, so this works before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def ensure_environment() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Setting up .venv (first run, takes a minute)...", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run([str(PYTHON), "-m", "pip", "install", *quiet, "-e", f"{ROOT}[test]"], check=True, cwd=ROOT)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "run", "lint"}:
        print(__doc__.strip())
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 the machine has
        print("Burenbot needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return subprocess.call([str(PYTHON), "-m", "burenbot", "demo", *rest], cwd=ROOT)
    if command == "run":
        return subprocess.call([str(PYTHON), "-m", "burenbot", "run", *rest], cwd=ROOT)
    if command == "lint":
        return subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT)
    tests = subprocess.call([str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", *rest], cwd=ROOT)
    lint = subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
