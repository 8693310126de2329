"""The report as CSV for Dutch Excel and as a PDF with charts (matplotlib's object-oriented API).

The PDF uses the 14 standard PDF fonts, so its text can be read back (``pdftotext``) and it stays small;
'EUR' rather than the euro sign, which those fonts do not all carry. Call ``report_pdf`` in a worker
thread: drawing takes a moment and does not touch the event loop.
"""

from __future__ import annotations

import csv
import html
import io

from babel.dates import format_date

from bot.exports import safe_cell
from bot.hours.export import decimal_comma
from bot.hours.models import parse_month
from bot.i18n import Texts
from bot.report.figures import Report

GREEN = "#2f7d6d"
LIGHT = "#a8d5c8"
ORANGE = "#d9822b"


def euros(cents: int) -> str:
    return f"{cents / 100:.2f}".replace(".", ",")


def _visitors(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def report_csv(report: Report, texts: Texts, lang: str) -> bytes:
    def t(key: str, **p: object) -> str:
        return texts.get(lang, f"report.{key}", **p)

    buffer = io.StringIO()
    w = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([t("csv.period"), report.first.isoformat(), report.last.isoformat()])
    w.writerow([])
    w.writerow(
        [
            t(f"csv.{c}")
            for c in (
                "month",
                "kind",
                "activities",
                "visitors_low",
                "visitors_high",
                "unreported",
                "volunteers",
                "hours",
            )
        ]
    )
    for k in report.kinds:
        w.writerow(
            [
                k.month,
                safe_cell(k.kind),
                k.activities,
                k.visitors_low,
                k.visitors_high,
                k.unreported,
                k.volunteers,
                decimal_comma(k.minutes),
            ]
        )
    w.writerow([])
    w.writerow(
        [
            t(f"csv.{c}")
            for c in (
                "month",
                "activities",
                "visitors_low",
                "visitors_high",
                "hours",
                "people_with_hours",
                "reached_target",
            )
        ]
    )
    for m in report.months:
        w.writerow(
            [
                m.month,
                m.activities,
                m.visitors_low,
                m.visitors_high,
                decimal_comma(m.minutes),
                m.people_with_hours,
                m.reached_target,
            ]
        )
    w.writerow([])
    for key, value in (
        ("total_activities", report.activities),
        ("total_visitors", _visitors(report.visitors_low, report.visitors_high)),
        ("total_volunteers", report.volunteers),
        ("total_hours", decimal_comma(report.minutes)),
        ("new_members", report.new_members),
        ("granted", euros(report.granted_cents)),
        ("requested", euros(report.requested_cents)),
        ("approved", euros(report.approved_cents)),
        ("spent", euros(report.spent_cents)),
        ("left", euros(report.left_cents)),
    ):
        w.writerow([t(f"csv.{key}"), value])
    w.writerow([])
    w.writerow([t(f"csv.{c}") for c in ("date", "purpose", "status", "amount", "spent", "receipts")])
    for b in report.budget_lines:
        spent = euros(b.spent_cents) if b.spent_cents is not None else ""
        w.writerow(
            [b.day, safe_cell(b.purpose), t(f"status.{b.status}"), euros(b.amount_cents), spent, b.receipts]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def report_pdf(report: Report, texts: Texts, lang: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    def t(key: str, **p: object) -> str:  # plain text
        return html.unescape(texts.get(lang, f"report.{key}", **p))

    names = [format_date(parse_month(m.month), "MMM yyyy", locale=lang) for m in report.months]
    out = io.BytesIO()
    title = {"Title": t("pdf.title")}
    with matplotlib.rc_context({"pdf.use14corefonts": True}), PdfPages(out, metadata=title) as pdf:
        page = Figure(figsize=(8.27, 11.69))  # A4
        lines = [
            (t("pdf.title"), 18, "bold"),
            (
                t(
                    "pdf.period",
                    first=format_date(report.first, "d MMMM yyyy", locale=lang),
                    last=format_date(report.last, "d MMMM yyyy", locale=lang),
                ),
                11,
                "normal",
            ),
            ("", 8, "normal"),
            (t("pdf.activities", count=report.activities), 12, "normal"),
            (t("pdf.visitors", visitors=_visitors(report.visitors_low, report.visitors_high)), 12, "normal"),
            (t("pdf.volunteers", count=report.volunteers), 12, "normal"),
            (t("pdf.hours", hours=decimal_comma(report.minutes)), 12, "normal"),
            (t("pdf.new_members", count=report.new_members), 12, "normal"),
            ("", 8, "normal"),
            (t("pdf.budget_title"), 13, "bold"),
            (
                t(
                    "pdf.budget",
                    granted=euros(report.granted_cents),
                    requested=euros(report.requested_cents),
                    approved=euros(report.approved_cents),
                ),
                11,
                "normal",
            ),
            (
                t("pdf.budget_spent", spent=euros(report.spent_cents), left=euros(report.left_cents)),
                11,
                "normal",
            ),
        ]
        for b in report.budget_lines[:12]:
            receipt = t("pdf.receipt_yes") if b.receipts else t("pdf.receipt_no")
            lines.append(
                (f"  {b.day}  {b.purpose[:40]}  EUR {euros(b.amount_cents)}  {receipt}", 9, "normal")
            )
        lines.append(("", 8, "normal"))
        lines.append((t("pdf.per_kind"), 13, "bold"))
        for k in report.kinds[:24]:
            lines.append(
                (
                    t(
                        "pdf.kind_line",
                        month=k.month,
                        kind=k.kind[:40],
                        activities=k.activities,
                        visitors=_visitors(k.visitors_low, k.visitors_high),
                        hours=decimal_comma(k.minutes),
                    ),
                    9,
                    "normal",
                )
            )
        y = 0.95
        for text, size, weight in lines:
            page.text(0.08, y, text, fontsize=size, fontweight=weight, va="top")
            y -= 0.012 + size / 11.69 / 72 * 1.5
        pdf.savefig(page)

        charts = Figure(figsize=(8.27, 11.69))
        top, bottom = charts.subplots(2, 1)
        x = range(len(names))
        top.bar(x, [m.visitors_low for m in report.months], color=GREEN, label=t("pdf.chart_visitors"))
        top.bar(
            x,
            [m.visitors_high - m.visitors_low for m in report.months],
            bottom=[m.visitors_low for m in report.months],
            color=LIGHT,
            label=t("pdf.chart_range"),
        )
        top.plot(
            x,
            [m.activities for m in report.months],
            color=ORANGE,
            marker="o",
            label=t("pdf.chart_activities"),
        )
        top.set_xticks(list(x), names)
        top.set_title(t("pdf.chart_visitors_title"))
        top.legend()
        bottom.bar(x, [m.minutes / 60 for m in report.months], color=GREEN, label=t("pdf.chart_hours"))
        bottom.plot(
            x,
            [m.reached_target for m in report.months],
            color=ORANGE,
            marker="o",
            label=t("pdf.chart_reached"),
        )
        bottom.set_xticks(list(x), names)
        bottom.set_title(t("pdf.chart_hours_title"))
        bottom.legend()
        charts.tight_layout()
        pdf.savefig(charts)
    return out.getvalue()
