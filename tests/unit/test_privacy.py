"""Privacy sections: every table that points at a member is covered, export and erase work."""

from __future__ import annotations

import json

import pytest

from bot.core import Core
from bot.privacy import MEMBERS, Privacy
from storage.privacy import tables_referencing_members
from tests.harness_config import INVITE


async def test_every_table_with_member_data_has_a_privacy_section(core: Core) -> None:
    referencing = await tables_referencing_members(core.db)
    assert "members" in referencing and "member_events" in referencing
    covered = core.privacy.covered_tables()
    missing = {table: cols for table, cols in referencing.items() if table not in covered}
    assert not missing, (
        "These tables hold member ids but no privacy section covers them, so /mijngegevens would not "
        "show them and /vergeetmij would leave them behind:\n"
        + "\n".join(f"  {table} ({', '.join(cols)})" for table, cols in sorted(missing.items()))
        + "\nDeclare a bot.privacy.PrivacySection(name, export, erase, tables=(...)) in your feature's "
        "privacy module and add it to PRIVACY_SECTIONS in bot/core.py; see docs/privacy.md."
    )


def test_sections_are_unique_and_members_first(core: Core) -> None:
    names = [section.name for section in core.privacy.sections]
    assert names[0] == "members" and len(names) == len(set(names))
    with pytest.raises(ValueError, match="named twice"):
        Privacy(core.db, core.clock, core.members, [*core.privacy.sections[1:], core.privacy.sections[1]])
    assert MEMBERS in core.privacy.sections


async def test_export_is_json_and_erase_is_idempotent(core: Core) -> None:
    member = await core.members.begin_join(4242, INVITE)
    member = await core.members.set_name(member, "Lotte")
    member, _ = await core.members.choose_language(member, "nl")
    data = await core.privacy.export(member)
    assert json.loads(json.dumps(data))["members"]["name"] == "Lotte"
    erased = (await core.leaving.erase_member(member)).member
    assert (erased.telegram_id, erased.name, erased.status) == (None, "", "erased")
    again = (await core.leaving.erase_member(erased)).member
    assert again.status == "erased"
    kinds = await core.db.fetch_all("SELECT kind FROM member_events WHERE member_id = ?", (member.id,))
    assert [row[0] for row in kinds] == ["joined", "erased"]
    after = await core.privacy.export(erased)
    assert after["members"]["name"] is None and after["members"]["telegram_id"] is None
