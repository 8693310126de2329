"""The core knows nothing of Telegram, of the handlers or of the program around it (burenbot/)."""

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_core_and_storage_never_import_telegram() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "storage")
        for path in python_files(folder)
        if "telegram" in imports_of(path)
    ]
    assert offenders == []


def test_core_does_not_import_handlers_and_storage_does_not_import_the_core() -> None:
    core_offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("bot")
        if {"handlers", "burenbot", "telesim"} & imports_of(p)
    ]
    storage_offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("storage")
        if {"bot", "handlers", "telegram"} & imports_of(p)
    ]
    assert core_offenders == []
    assert storage_offenders == []


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from telegram.ext import Application\nimport handlers.common\n")
    assert {"telegram", "handlers"} <= imports_of(sample)


def test_each_handler_group_below_zero_belongs_to_one_feature() -> None:
    """Within a PTB group only the first matching handler runs: two typed-input flows must never share one."""
    from burenbot.telegram_app import build_application
    from tests.harness_config import make_config

    class NoCore:
        tz = None

    app = build_application(NoCore(), token="1:x", schedule_jobs=False)  # type: ignore[arg-type]
    owners: dict[int, set[str]] = {}
    for group, handlers in app.handlers.items():
        for handler in handlers:
            # A conversation belongs to the feature of its first entry point.
            callback = (
                handler.entry_points[0].callback if hasattr(handler, "entry_points") else handler.callback
            )
            # Wrapped callbacks (closures) carry the module of their wrapper; look through them.
            inner = next(
                (c.cell_contents for c in callback.__closure__ or () if callable(c.cell_contents)), None
            )
            owners.setdefault(group, set()).add((inner or callback).__module__)
    shared = {group: mods for group, mods in owners.items() if group < 0 and len(mods) > 1}
    assert shared == {}
    assert make_config  # imported for symmetry with the other tests


def test_every_declared_button_action_is_served() -> None:
    """An action declared in a module the bootstrap does not list would be refused as an "old button"."""
    import importlib
    import pkgutil

    from bot.callbacks import actions_in
    from burenbot.telegram_app import all_actions

    declared = set()
    for package in ("bot", "handlers"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            declared.update(actions_in(importlib.import_module(info.name)))
    served = set(all_actions())
    assert declared - served == set(), "add the module to ACTION_MODULES in burenbot/telegram_app.py"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(command), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_import_contracts_hold() -> None:
    """Layers, no transport in the core, independent features, no cycles (pyproject.toml)."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_of_telegram_in_the_core_breaks_the_contracts(tmp_path: Path) -> None:
    for name in ("bot", "handlers", "storage", "burenbot", "telesim", "wasim"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "bot" / "probe.py").write_text("import telegram\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "bot.probe -> telegram" in result.stdout


def test_mypy_covers_every_layer_but_the_simulators() -> None:
    """The strict check below proves only what the config names: dropping a layer must fail here."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["strict"] is True
    assert {"bot", "storage", "handlers", "burenbot"} <= set(mypy["files"])
    assert not [key for key in mypy if key.startswith(("ignore", "disable"))], "no blanket ignores"


def test_the_code_type_checks_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    from mypy import api

    monkeypatch.chdir(ROOT)  # the config names the checked folders relative to the project
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    assert status == 0, stdout + stderr
