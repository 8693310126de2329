"""Callback data: a small typed codec such as ``claim:42``, validated on the way in.

Every button's payload is ``<action>:<arg>:<arg>`` where each action is declared once, next to the feature
that serves it, with the types of its arguments and the role needed to press it. Declaring registers
nothing: the bootstrap hands every feature's actions to one ``Actions`` registry, which decodes presses.
Encoding refuses anything over Telegram's 64 bytes, so an over-long payload is a bug found in tests,
never a failed send.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

from bot.errors import DomainError
from bot.members.service import Role

MAX_BYTES = 64
_WORD = re.compile(r"^[A-Za-z0-9_\-]{1,24}$")
_INT = re.compile(r"^(0|[1-9][0-9]{0,15})$")


class BadCallback(DomainError):
    """A button payload we did not make (old, forged or garbled)."""

    text_key = "error.old_button"


@dataclass(frozen=True)
class Action:
    name: str
    arg_types: tuple[type, ...]
    min_role: Role

    def encode(self, *args: int | str) -> str:
        if len(args) != len(self.arg_types):
            raise ValueError(f"{self.name} takes {len(self.arg_types)} arguments, got {len(args)}")
        parts = [self.name]
        for value, kind in zip(args, self.arg_types, strict=True):
            if kind is int:
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValueError(f"{self.name}: {value!r} is not a non-negative int")
                parts.append(str(value))
            else:
                if not isinstance(value, str) or not _WORD.match(value):
                    raise ValueError(f"{self.name}: {value!r} is not a short word")
                parts.append(value)
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


def action(name: str, *arg_types: type, min_role: Role = Role.NEWCOMER) -> Action:
    """Declare a button action (a plain value: the bootstrap collects it with ``actions_in``)."""
    if not _WORD.match(name):
        raise ValueError(f"bad action name {name!r}")
    if any(kind not in (int, str) for kind in arg_types):
        raise ValueError("action arguments are int or str")
    return Action(name, tuple(arg_types), min_role)


def actions_in(*modules: ModuleType) -> list[Action]:
    """The actions a module declares at its top level, in the order of the module's names."""
    return [value for module in modules for value in vars(module).values() if isinstance(value, Action)]


class Actions:
    """Every button action the bot serves; a payload of any other action is refused as an old button."""

    def __init__(self, actions: Iterable[Action]) -> None:
        self._by_name: dict[str, Action] = {}
        for declared in actions:
            existing = self._by_name.get(declared.name)
            if existing is not None and existing != declared:
                raise ValueError(f"action {declared.name!r} declared twice")
            self._by_name[declared.name] = declared

    def decode(self, data: str | None) -> tuple[Action, tuple[int | str, ...]]:
        """The action and typed arguments of a payload; ``BadCallback`` for anything we did not make."""
        if not data or len(data.encode()) > MAX_BYTES:
            raise BadCallback()
        name, *raw = data.split(":")
        declared = self._by_name.get(name)
        if declared is None or len(raw) != len(declared.arg_types):
            raise BadCallback()
        args: list[int | str] = []
        for value, kind in zip(raw, declared.arg_types, strict=True):
            if kind is int:
                if not _INT.match(value):
                    raise BadCallback()
                args.append(int(value))
            else:
                if not _WORD.match(value):
                    raise BadCallback()
                args.append(value)
        return declared, tuple(args)

    def all(self) -> list[Action]:
        """Every action, by name: for the access and robustness tests."""
        return sorted(self._by_name.values(), key=lambda declared: declared.name)
