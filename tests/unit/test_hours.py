"""Hours core: rules checked in the core, claim prompts against a fake activities provider, CSV and CLI."""

from __future__ import annotations

import asyncio
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.core import Core, open_core
from bot.errors import NotAllowed
from bot.hours.export import hours_csv
from bot.hours.models import (
    ClaimAlreadyLogged,
    DraftUsed,
    HoursDayFull,
    MonthClosed,
    NotYourEntry,
    add_months,
    guess_category,
    progress_bar,
)
from bot.hours.prompts import amount_choices, due_hours_prompts, suggested_minutes
from bot.members.service import Member
from bot.text_errors import DateInFuture, DateTooOld, HoursTooMany
from burenbot.cli import main


async def make_member(core: Core, telegram_id: int, name: str, *, coordinator: bool = False) -> Member:
    member = await core.members.begin_join(telegram_id, "buren-test")
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, "nl")
    async with core.db.transaction() as conn:
        await conn.execute(
            "UPDATE members SET joined_at = ?, is_coordinator = ? WHERE id = ?",
            ((core.clock.now() - timedelta(days=90)).isoformat(), int(coordinator), member.id),
        )
    return await core.members.get(member.id)


async def log(core: Core, member: Member, text: str, category: str = "activity"):
    draft = await core.hours.draft_from_text(member, text)
    if draft.category is None:
        await core.hours.set_category(member, draft.id, category)
    return await core.hours.confirm(member, draft.id)


def test_small_helpers() -> None:
    assert progress_bar(360, 600) == "▓▓▓▓▓▓░░░░"
    assert progress_bar(900, 600) == "▓" * 10
    assert progress_bar(0, 0) == "░" * 10
    assert add_months("2026-11", 2) == "2027-01" and add_months("2026-01", -1) == "2025-12"
    assert guess_category("koffieochtend", ("activity", "meeting")) == "activity"
    assert guess_category("overleg met Lotte", ("activity", "meeting")) == "meeting"
    assert guess_category("koffieochtend", ("meeting",)) is None
    assert suggested_minutes(datetime(2026, 1, 1, 10), datetime(2026, 1, 1, 12, 10)) == 120
    assert amount_choices(30) == [30, 60]


async def test_confirm_is_single_use_and_rules_hold(core: Core) -> None:
    anna = await make_member(core, 1, "Anna")
    draft = await core.hours.draft_from_text(anna, "2,5 gisteren koffieochtend")
    assert (draft.minutes, draft.day, draft.category) == (150, date(2026, 11, 22), "activity")
    await core.hours.confirm(anna, draft.id)
    with pytest.raises(DraftUsed):
        await core.hours.confirm(anna, draft.id)
    await log(core, anna, "13 gisteren")
    with pytest.raises(HoursDayFull):
        await log(core, anna, "9 gisteren")
    with pytest.raises(DateInFuture):
        await core.hours.draft_from_text(anna, "2 morgen")
    with pytest.raises(DateTooOld):
        await core.hours.draft_from_text(anna, "2 1 september")
    with pytest.raises(HoursTooMany):
        await core.hours.start_draft(anna, 17 * 60)
    assert await core.db.fetch_value("SELECT SUM(minutes) FROM hours_entries") == 150 + 780


async def test_others_entries_are_refused_by_the_core(core: Core) -> None:
    anna = await make_member(core, 1, "Anna")
    karim = await make_member(core, 2, "Karim")
    lotte = await make_member(core, 3, "Lotte", coordinator=True)
    entry = await log(core, anna, "3 gisteren koffie")
    for attempt in (
        core.hours.entry(karim, entry.id),
        core.hours.delete_entry(karim, entry.id),
        core.hours.edit_draft(karim, entry.id),
        core.hours.entries(karim, anna.id, "2026-11"),
    ):
        with pytest.raises(NotYourEntry):
            await attempt
    draft = await core.hours.draft_from_text(anna, "1 vandaag koffie")
    with pytest.raises(DraftUsed):
        await core.hours.confirm(karim, draft.id)
    with pytest.raises(NotAllowed):
        await core.hours_overview.overview(karim)
    with pytest.raises(NotAllowed):
        await core.hours_overview.close_month(karim, "2026-11")
    assert [e.id for e in await core.hours.entries(lotte, anna.id, "2026-11")] == [entry.id]


async def test_closed_month_only_coordinators_change_it_and_it_is_audited(core: Core) -> None:
    anna = await make_member(core, 1, "Anna")
    lotte = await make_member(core, 3, "Lotte", coordinator=True)
    entry = await log(core, anna, "2 gisteren koffie")
    assert await core.hours_overview.close_month(lotte, "2026-11")
    assert not await core.hours_overview.close_month(lotte, "2026-11")
    with pytest.raises(MonthClosed):
        await log(core, anna, "1 vandaag koffie")
    with pytest.raises(MonthClosed):
        await core.hours.delete_entry(anna, entry.id)
    draft = await core.hours.edit_draft(lotte, entry.id)
    await core.hours.set_minutes(lotte, draft.id, 90)
    changed = await core.hours.confirm(lotte, draft.id)
    assert changed.minutes == 90 and changed.member_id == anna.id
    audit = await core.hours_overview.audit(lotte, "2026-11")
    assert [a["action"] for a in audit] == ["close", "edit"]
    assert '"minutes": 120' in audit[1]["before"] and '"minutes": 90' in audit[1]["after"]


async def test_away_targets_and_overview(core: Core) -> None:
    anna = await make_member(core, 1, "Anna")
    karim = await make_member(core, 2, "Karim")
    lotte = await make_member(core, 3, "Lotte", coordinator=True)
    await log(core, anna, "2,5 gisteren koffie")
    await core.hours.set_away(karim, "2026-11", True)
    assert (await core.hours.month_status(karim.id, "2026-11")).target_minutes == 0
    assert await core.hours_overview.set_target(lotte, anna.id, 6) == 360
    report = await core.hours_overview.overview(lotte)
    by_name = {row.member.name: row.status for row in report.rows}
    assert (by_name["Anna"].minutes, by_name["Anna"].target_minutes) == (150, 360)
    assert by_name["Karim"].away
    assert [m.name for m in report.silent] == ["Lotte"]
    data = hours_csv(report, core.texts, "nl")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert ["Anna", "2026-11", "2,50", "6,00", "nee", "1"] in rows
    history = await core.hours.history(anna.id)
    assert len(history) == 12 and history[-1].month == "2026-11" and history[-1].minutes == 150


@dataclass(frozen=True)
class FakeClaim:
    claim_id: int
    task_id: int
    task_title: str
    activity_id: int
    activity_title: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    member_id: int


class FakeActivities:
    """A stand-in for the activities feature's ``claims_ending_between`` (another team's interface)."""

    def __init__(self, claims: list[FakeClaim]) -> None:
        self.claims = claims
        self.asked: list[tuple[datetime, datetime]] = []

    async def claims_ending_between(self, start: datetime, end: datetime) -> list[FakeClaim]:
        self.asked.append((start, end))
        return [c for c in self.claims if start <= c.ends_at <= end]


async def test_due_hours_prompts_asks_once_and_logs_once(core: Core, clock: ManualClock) -> None:
    anna = await make_member(core, 1, "Anna")
    now = clock.now()
    ended = FakeClaim(
        7,
        70,
        "Koffie zetten",
        5,
        "Koffieochtend",
        now - timedelta(hours=3),
        now - timedelta(hours=1),
        "Huiskamer portiek 6",
        anna.id,
    )
    later = FakeClaim(8, 80, "Opruimen", 5, "Koffieochtend", now, now + timedelta(hours=2), None, anna.id)
    fake = FakeActivities([ended, later])
    assert await due_hours_prompts(core.db, None, now, core.tz) == []
    prompts = await due_hours_prompts(core.db, fake, now, core.tz)
    assert [(p.claim_id, p.minutes, p.title, p.day) for p in prompts] == [
        (7, 120, "Koffieochtend: Koffie zetten", date(2026, 11, 23))
    ]
    assert await due_hours_prompts(core.db, fake, now, core.tz) == []
    entry = await core.hours.log_claim(anna, 7, 120)
    assert (entry.activity_id, entry.claim_id, entry.category) == (5, 7, "activity")
    with pytest.raises(ClaimAlreadyLogged):
        await core.hours.log_claim(anna, 7, 120)
    karim = await make_member(core, 2, "Karim")
    with pytest.raises(DraftUsed):
        await core.hours.log_claim(karim, 7, 60)
    clock.advance(timedelta(hours=3))
    assert [p.claim_id for p in await due_hours_prompts(core.db, fake, clock.now(), core.tz)] == [8]


def test_export_hours_cli(config: Config, clock: ManualClock, tmp_path: Path) -> None:
    async def seed() -> None:
        core = await open_core(config, clock)
        try:
            await log(core, await make_member(core, 1, "Anna"), "1u45 gisteren koffie")
        finally:
            await core.close()

    asyncio.run(seed())
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'[storage]\npath = "{config.storage.path}"\n', encoding="utf-8")
    out = tmp_path / "out" / "uren.csv"
    assert main(["export-hours", "--month", "2026-11", str(out), "--config", str(config_file)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Naam" and rows[1][:3] == ["Anna", "2026-11", "1,75"]
    assert main(["export-hours", "--month", "nov", str(out), "--config", str(config_file)]) == 2
