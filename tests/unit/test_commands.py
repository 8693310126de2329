from bot.commands import ORDER, commands_for
from bot.members.service import Role
from burenbot.telegram_app import all_commands


def test_volunteers_see_their_everyday_commands_first_and_no_coordinator_ones() -> None:
    names = [c.name for c in commands_for(Role.VOLUNTEER, all_commands())]
    assert names[:3] == ["agenda", "mijn", "uren"]
    assert "omroep" not in names and "overzicht" not in names


def test_coordinator_commands_come_after_the_everyday_ones() -> None:
    commands = commands_for(Role.COORDINATOR, all_commands())
    roles = [c.min_role is Role.COORDINATOR for c in commands]
    assert roles == sorted(roles)


def test_every_command_has_a_place_in_the_order() -> None:
    assert {c.name for c in all_commands()} <= set(ORDER)
