"""Verantwoording: the organiser gives a visitor count after the activity, and the quarter's report shows it
as PDF (text readable back) and as CSV in the Dutch dialect, from /verslag and from the command line."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import shutil
import subprocess
import zlib
from datetime import datetime, timedelta
from pathlib import Path

from burenbot.cli import main
from tests.e2e.test_inbox import _budget_request
from tests.harness import Harness
from tests.harness_config import AMSTERDAM
from tests.unit.activity_helpers import new_activity

THURSDAY = datetime(2026, 11, 26, 19, 30, tzinfo=AMSTERDAM)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """What a reader finds in the PDF: pdftotext when installed, else the text operators of its streams."""
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(data)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        found += [m.decode("latin-1") for m in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", content)]
    return "\n".join(found)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


async def test_visitor_count_after_the_activity_shows_in_the_quarter_report(
    bot: Harness, tmp_path: Path
) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    anna = await bot.member("Anna")
    karim = await bot.member("Karim")
    coordinator = await bot.member_record(lotte)
    await bot.core.activities.create(await bot.member_record(anna), new_activity(THURSDAY, title="Breiclub"))
    await karim.says("/agenda")
    await karim.presses("Breiclub")
    await karim.presses("Ik doe mee: opbouwen")
    await karim.says("/uren 3 gisteren koffieochtend")
    await karim.presses("Opslaan")
    await bot.core.budget.set_year_budget(coordinator, 2026, 250_000)
    await _budget_request(karim, "Wol voor de breiclub", "20 november 2026")
    await lotte.presses("Goedkeuren")
    await lotte.presses("Goedkeuren")  # the preview: who pays back, how, by when

    # The activity ends at 21:30; at 22:30 it is night: the question waits for the morning.
    bot.clock.set(THURSDAY + timedelta(hours=3))
    await bot.run_jobs()
    anna.gets_no("Hoeveel buren kwamen er?")
    bot.clock.set(datetime(2026, 11, 27, 8, 30, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    anna.sees("Hoe ging Breiclub? Hoeveel buren kwamen er?")
    await anna.presses("11–20")
    anna.sees("Genoteerd: 11–20 bezoekers bij Breiclub")
    bot.clock.set(datetime(2026, 11, 27, 12, 0, tzinfo=AMSTERDAM))
    await bot.run_jobs()
    anna.gets_no("Hoeveel buren")  # asked once
    # Only the organiser (or a coordinator) answers; a forged press by Karim changes nothing.
    activity_id = await bot.core.db.fetch_value("SELECT id FROM activities")
    await karim.sends_callback(karim.chat[-1].message_id, f"vis:{activity_id}:41:41")
    assert tuple(await bot.core.db.fetch_one("SELECT low, high FROM activity_visitors")) == (11, 20)

    await lotte.says("/verslag")
    await lotte.presses("Dit kwartaal")
    lotte.sees(
        "Verslag 1 okt 2026 – 31 dec 2026", "1 activiteiten, 11–20 bezoekers, 1 vrijwilligers, 3,00 uur"
    )
    pdf_message, csv_message = lotte.chat[-2], lotte.chat[-1]
    assert pdf_message.file_name == "verslag-2026-10-01-2026-12-31.pdf" and pdf_message.document
    assert pdf_message.document.startswith(b"%PDF")
    text = pdf_text(pdf_message.document, tmp_path)
    for fragment in (
        "Activiteiten: 1",
        "Bezoekers: 11-20",
        "Vrijwilligersuren: 3,00",
        "Toegekend EUR 2500,00",
    ):
        assert fragment in text, f"{fragment!r} not in the PDF text:\n{text}"
    assert "Karim" not in text and "Anna" not in text  # no names
    assert csv_message.document is not None
    rows = csv_rows(csv_message.document)
    by_label = {row[0]: row[1:] for row in rows if row}
    assert by_label["Bezoekers totaal"] == ["11-20"]
    assert by_label["Uren totaal"] == ["3,00"]
    assert by_label["Goedgekeurd (EUR)"] == ["40,00"]
    assert ["2026-11", "Breiclub", "1", "11", "20", "0", "1", "0,00"] in rows

    # The same from the command line, for a given period.
    config = tmp_path / "report.toml"
    config.write_text(f'[storage]\npath = "{bot.core.db.path}"\n', encoding="utf-8")
    for name in ("q4.pdf", "q4.csv"):
        argv = [
            "report",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            str(tmp_path / name),
            "--config",
            str(config),
        ]
        assert await asyncio.to_thread(main, argv) == 0
    assert "Bezoekers: 11-20" in pdf_text((tmp_path / "q4.pdf").read_bytes(), tmp_path)
    assert ["Bezoekers totaal", "11-20"] in csv_rows((tmp_path / "q4.csv").read_bytes())
    argv = [
        "report",
        "--from",
        "2026-12-31",
        "--to",
        "2026-10-01",
        str(tmp_path / "x.pdf"),
        "--config",
        str(config),
    ]
    assert await asyncio.to_thread(main, argv) == 2
