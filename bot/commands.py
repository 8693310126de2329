"""What members can ask the bot, per role: the one list behind /help, the command menu and access checks."""

from __future__ import annotations

from dataclasses import dataclass

from bot.members import Role


@dataclass(frozen=True)
class Command:
    name: str
    min_role: Role
    help_key: str
    in_menu: bool = True


def commands_for(role: Role, commands: list[Command]) -> list[Command]:
    return [command for command in commands if command.min_role <= role]
