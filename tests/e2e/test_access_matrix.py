"""Every command and every button kind, pressed by every role: allowed, or a polite refusal. Never a crash.

Generated from the registries (``all_commands()``, ``all_actions()`` in burenbot/telegram_app.py), so a
feature merged later is checked without editing this file.
"""

from __future__ import annotations

import html
import logging
import os
import re
import stat
from dataclasses import dataclass

import pytest

from bot.callbacks import Action
from bot.commands import Command
from bot.flood import StrangerReplies
from bot.members.service import Role
from burenbot.telegram_app import all_actions, all_commands
from storage.db import utc_text
from tests.harness import Harness, Person
from tests.harness_config import INVITE

ROLES = ["stranger", "joining", "removed", "newcomer", "volunteer", "coordinator"]
MEMBER_ROLE = {"newcomer": Role.NEWCOMER, "volunteer": Role.VOLUNTEER, "coordinator": Role.COORDINATOR}
# Arguments for forged presses: ids that don't exist, and words no button ever carries.
MISSING_ID, ODD_WORD = 987654, "zz"
STRANGER_WINDOW = StrangerReplies.window


@dataclass
class Cast:
    people: dict[str, Person]
    victim_id: int  # another member's id, for forged presses


async def make_cast(bot: Harness) -> Cast:
    people = {"stranger": await bot.stranger("Piet")}
    joining = await bot.stranger("Jet")
    await joining.says(f"/start {INVITE}")
    people["joining"] = joining
    for role in ("newcomer", "volunteer", "coordinator"):
        people[role] = await bot.member(role.capitalize(), role=role)
    removed = await bot.member("Ruud")
    member = await bot.member_record(removed)
    async with bot.core.db.transaction() as conn:
        await conn.execute(
            "UPDATE members SET status = 'removed', removed_at = ? WHERE id = ?",
            (utc_text(bot.clock.now()), member.id),
        )
    people["removed"] = removed
    victim = await bot.member("Anna")
    return Cast(people, (await bot.member_record(victim)).id)


def plain(bot: Harness, key: str) -> str:
    """A text as the chat shows it: without HTML tags and entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", bot.core.texts.get("nl", key)))


def refusals(bot: Harness) -> dict[str, str]:
    return {key: plain(bot, key) for key in ("error.not_allowed", "stranger.intro", "stranger.removed")}


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, "\n".join(f"{r.name}: {r.getMessage()}" for r in errors)


def expected_command_answer(role: str, command: Command) -> str | None:
    """The refusal key this role must get for the command, or None when it is allowed."""
    if role == "stranger":
        return "stranger.intro"
    if role == "removed":
        return None if command.name in ("start", "mijngegevens", "vergeetmij") else "stranger.removed"
    if role == "joining":
        return None if command.name in ("start", "help") else "join.finish_first"
    return None if MEMBER_ROLE[role] >= command.min_role else "error.not_allowed"


async def test_every_command_for_every_role(bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    cast = await make_cast(bot)
    for role in ROLES:
        person = cast.people[role]
        for command in all_commands():
            if role in ("stranger", "removed"):
                bot.clock.advance(STRANGER_WINDOW)  # a stranger is answered once per window
            await person.says(f"/{command.name}")
            shown = "\n".join(m.text for m in person.last)
            where = f"{role} /{command.name}"
            assert person.last, f"{where}: no answer"
            assert plain(bot, "error.unexpected") not in shown, f"{where}: unexpected error"
            refusal = expected_command_answer(role, command)
            if refusal is None:
                if role in MEMBER_ROLE:
                    for key, text in refusals(bot).items():
                        assert text not in shown, f"{where}: refused with {key}"
            else:
                assert plain(bot, refusal) in shown, f"{where}: expected {refusal}, got:\n{shown}"
            # Leave any flow the command started, so the next command starts clean.
            await person.says("/help")
    no_errors_logged(caplog)


def forged_payloads(declared: Action, victim_id: int) -> list[str]:
    """Data no honest button of this member carries: missing ids, another member's ids, odd words."""
    variants = []
    for int_value, str_value in ((MISSING_ID, ODD_WORD), (victim_id, ODD_WORD), (0, "nl")):
        args = [int_value if kind is int else str_value for kind in declared.arg_types]
        variants.append(declared.encode(*args))
    return sorted(set(variants))


async def test_every_button_forged_by_every_role(bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    cast = await make_cast(bot)
    actions = sorted(all_actions(), key=lambda declared: declared.name)
    assert {"lang", "rm_ok", "forget_ok"} <= {a.name for a in actions}
    for role in ROLES:  # the coordinator comes last: their allowed presses may change the victim
        person = cast.people[role]
        await person.says("/help")
        message_id = person.last[0].message_id
        for declared in actions:
            for data in forged_payloads(declared, cast.victim_id):
                alerts_before = len(person.alerts())
                await person.sends_callback(message_id, data)
                where = f"{role} presses {data!r}"
                answered = person.last or len(person.alerts()) > alerts_before
                assert answered, f"{where}: no answer at all"
                shown = "\n".join(m.text for m in person.last)
                assert plain(bot, "error.unexpected") not in shown, f"{where}: unexpected error"
                allowed = role in MEMBER_ROLE and MEMBER_ROLE[role] >= declared.min_role
                if declared.min_role is Role.COORDINATOR and not allowed:
                    refused = [plain(bot, k) for k in ("error.not_allowed", "stranger.intro")]
                    assert any(text in shown for text in refused), f"{where}: not refused:\n{shown}"
                if declared.min_role is Role.VOLUNTEER and role == "newcomer":
                    # The real reason: not yet, as a newcomer (not "only for the coordinator").
                    assert plain(bot, "error.newcomer_not_yet") in shown, f"{where}: wrong reason:\n{shown}"
        if role != "coordinator":
            victim = await bot.core.members.get(cast.victim_id)
            assert victim.is_active and not victim.coordinator_flag, f"{role} changed another member"
            assert victim.name == "Anna"
    no_errors_logged(caplog)


async def test_database_and_private_dirs_are_owner_only(bot: Harness) -> None:
    await bot.member("Karim")
    path = bot.core.db.path
    for file in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))]:
        if file.exists():
            assert stat.S_IMODE(os.stat(file).st_mode) == 0o600, file
    backup = path.with_name("backup") / "copy.sqlite3"
    await bot.core.db.backup(backup)
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    # The folder the bot creates for backups is owner-only too (receipts: tests/e2e/test_budget.py).
    assert stat.S_IMODE(os.stat(backup.parent).st_mode) == 0o700, backup.parent
