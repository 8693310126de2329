"""One line per figure: value, baseline, ratio or difference against the target, PASS/FAIL."""

from __future__ import annotations

RESULTS: list[bool] = []


def ratio(name: str, value: float, baseline: float, target: float, unit: str = "ms") -> bool:
    r = value / baseline if baseline > 0 else float("inf")
    ok = r <= target
    RESULTS.append(ok)
    print(
        f"{name:<44} {value:9.2f} {unit} vs {baseline:9.2f} {unit}  ratio {r:5.2f}  (target ≤{target}×)  "
        f"{'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return ok


def info(name: str, value: float, baseline: float, unit: str = "ms") -> None:
    """A figure shown for understanding, not judged (e.g. micro-timings of single queries)."""
    r = value / baseline if baseline > 0 else float("inf")
    print(f"{name:<44} {value:9.3f} {unit} vs {baseline:9.3f} {unit}  ratio {r:5.2f}  (info)", flush=True)


def shown(name: str, value: float, unit: str = "ms") -> None:
    """A figure with no baseline, shown to explain another one."""
    print(f"{name:<44} {value:9.3f} {unit}  (info)", flush=True)


def no_full_scan(name: str, plan: list[str]) -> bool:
    """PASS when SQLite reads every table of the query through an index (no 'SCAN t' without one)."""
    scans = [line for line in plan if line.startswith("SCAN ") and "INDEX" not in line]
    ok = not scans
    RESULTS.append(ok)
    print(
        f"{name:<44} {'; '.join(scans) or 'index searches only':<40}  {'PASS' if ok else 'FAIL'}", flush=True
    )
    return ok


def limit(name: str, value: float, target: float, unit: str) -> bool:
    ok = value <= target
    RESULTS.append(ok)
    print(
        f"{name:<44} {value:9.2f} {unit}  (target ≤{target} {unit})  {'PASS' if ok else 'FAIL'}", flush=True
    )
    return ok


def skipped(name: str, why: str) -> None:
    print(f"{name:<44} skipped: {why}", flush=True)


def exit_code() -> int:
    return 0 if all(RESULTS) else 1
