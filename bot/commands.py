"""What members can ask the bot, per role: the one list behind /help, the command menu and access checks."""

from __future__ import annotations

from dataclasses import dataclass

from bot.members.service import Role


@dataclass(frozen=True)
class Command:
    name: str
    min_role: Role
    help_key: str
    in_menu: bool = True


# How /help and the menu list them: what volunteers use most first, coordinators' own commands last.
ORDER = (
    "agenda",
    "mijn",
    "uren",
    "nieuw",
    "herinneringen",
    "welkom",
    "wegwijs",
    "buddy",
    "sleutel",
    "ruimtes",
    "budget",
    "bon",
    "taal",
    "naam",
    "mijngegevens",
    "vergeetmij",
    "help",
    "start",
    "open",
    "omroep",
    "uitnodiging",
    "overzicht",
    "maandsluiten",
    "verslag",
    "nieuwkomers",
    "leden",
    "groepsbericht",  # WhatsApp (issue 17): the week's agenda for the WhatsApp group
    "coordinator",
    "verwijder",
)


def commands_for(role: Role, commands: list[Command]) -> list[Command]:
    allowed = [command for command in commands if command.min_role <= role]
    return sorted(allowed, key=lambda c: (c.min_role is Role.COORDINATOR, _position(c.name)))


def _position(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)
