"""The README's layout tree is the code's: every feature package is in it, and every name in it exists.

A tree that drifts from the folders misleads the next engineer more than no tree at all; issue 13 asked
for one that matches, and this keeps it so.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def layout_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Layout", 1)[1]
    return section.split("```", 2)[1].strip("\n").splitlines()


def packages(top: str) -> set[str]:
    return {p.parent.name for p in (ROOT / top).glob("*/__init__.py")}


def modules(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}


def described() -> tuple[dict[str, set[str]], dict[str, dict[str, list[str]]], dict[str, set[str]]]:
    """Per top folder: the packages named, each lone package's listed modules, the .py files named.

    An entry is a line indented by two: its leading words ending in "/" or ".py" are names, the rest
    describes them; under a lone package the description (and the lines continuing it) lists modules.
    """
    named: dict[str, set[str]] = {}
    listed: dict[str, dict[str, list[str]]] = {}
    files: dict[str, set[str]] = {}
    top, listing = "", None
    for line in layout_lines():
        if not line.startswith(" "):
            top, listing = line.split("/", 1)[0], None
        elif re.match(r"  \S", line):
            tokens = line.split()
            count = next((i for i, t in enumerate(tokens) if not t.endswith(("/", ".py"))), len(tokens))
            folders = [t.rstrip("/") for t in tokens[:count] if t.endswith("/")]
            named.setdefault(top, set()).update(folders)
            files.setdefault(top, set()).update(
                t.removesuffix(".py") for t in tokens[:count] if t.endswith(".py")
            )
            listing = folders[0] if count == 1 and folders else None
            if listing is not None:
                listed.setdefault(top, {})[listing] = _items(" ".join(tokens[count:]))
        elif listing is not None:
            listed[top][listing] += _items(line)
    return named, listed, files


def _items(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", "", text)
    return [item.strip() for item in re.split(r"[,+]", text) if item.strip()]


def test_every_feature_package_is_in_the_tree() -> None:
    named, _, _ = described()
    for top in ("bot", "handlers"):
        assert packages(top) <= named[top], f"{top}/: not in the README layout: {packages(top) - named[top]}"


def test_every_name_in_the_tree_exists() -> None:
    named, listed, files = described()
    for top in ("bot", "handlers"):
        assert named[top] <= packages(top) | {"content", "locales"}, named[top] - packages(top)
        for name in files.get(top, set()):
            assert (ROOT / top / f"{name}.py").exists(), f"{top}/{name}.py is in the README, not in the code"
    for package, items in listed["bot"].items():
        unknown = set(items) - modules(ROOT / "bot" / package)
        assert not unknown, f"bot/{package}/: in the README layout, not in the code: {unknown}"


def test_the_tree_lists_every_module_of_the_core_features() -> None:
    _, listed, _ = described()
    for package in packages("bot"):
        assert modules(ROOT / "bot" / package) <= set(listed["bot"].get(package, [])), (
            f"bot/{package}/: modules missing from the README layout: "
            f"{modules(ROOT / 'bot' / package) - set(listed['bot'].get(package, []))}"
        )
