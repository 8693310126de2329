"""A PNG bar chart of a member's last twelve months, made with matplotlib (Agg, no display needed).

matplotlib is imported on first use, not at start-up: it is slow to import and only this picture needs it.
Call ``month_chart_png`` in a worker thread (``asyncio.to_thread``); it does not touch the event loop.
"""

from __future__ import annotations

import io
import threading

from bot.hours.models import MonthStatus, parse_month
from bot.i18n import month_label

_LOCK = threading.Lock()  # pyplot keeps global state; one picture at a time
BAR = "#2f7d6d"
BAR_AWAY = "#c9c9c9"
TARGET = "#d9822b"


def month_chart_png(history: list[MonthStatus], language: str, labels: dict[str, str]) -> bytes:
    """``labels``: texts 'title', 'hours', 'target' and 'away' in the member's language."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    names = [month_label(parse_month(s.month), language, "LLL yy") for s in history]
    hours = [s.minutes / 60 for s in history]
    targets = [s.target_minutes / 60 for s in history]
    colours = [BAR_AWAY if s.away else BAR for s in history]
    with _LOCK:
        fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
        try:
            ax.bar(names, hours, color=colours, label=labels["hours"])
            ax.step(
                range(len(names)), targets, where="mid", color=TARGET, linewidth=2, label=labels["target"]
            )
            for i, status in enumerate(history):
                if status.away:
                    ax.annotate(labels["away"], (i, 0), ha="center", va="bottom", fontsize=7, rotation=90)
            ax.set_title(labels["title"])
            ax.set_ylabel(labels["hours"])
            ax.set_ylim(0, max([*hours, *targets, 1]) * 1.15)
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)
            ax.legend(loc="upper left", frameon=False, fontsize=8)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format="png")
        finally:
            plt.close(fig)
    return out.getvalue()
