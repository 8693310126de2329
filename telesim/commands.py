"""Bot command lists per (scope, language) and Telegram's fallback order when showing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telesim.errors import bad_request

ScopeKey = tuple[str, int | None, int | None]  # (type, chat_id, user_id)

SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
DEFAULT_SCOPE: ScopeKey = ("default", None, None)


def scope_key(scope: dict[str, Any] | None, resolve_chat_id: Callable[[Any], int]) -> ScopeKey:
    """Validate a BotCommandScope object and normalise it to a hashable key."""
    if scope is None:
        return DEFAULT_SCOPE
    kind = scope.get("type")
    if kind not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope JSON object: unsupported scope type")
    if kind in ("chat", "chat_administrators", "chat_member"):
        if "chat_id" not in scope:
            raise bad_request("chat_id is empty")
        chat_id = resolve_chat_id(scope["chat_id"])
        user_id: int | None = None
        if kind == "chat_member":
            if not isinstance(scope.get("user_id"), int):
                raise bad_request("user_id is empty")
            user_id = scope["user_id"]
        return (kind, chat_id, user_id)
    return (kind, None, None)


def fallback_chain(
    key: ScopeKey, is_admin: Callable[[int, int], bool], is_private: Callable[[int], bool]
) -> list[ScopeKey]:
    """Scopes in the order Telegram consults them ("Determining list of commands" in the docs)."""
    kind, chat_id, user_id = key
    default = [DEFAULT_SCOPE]
    if kind in ("default",):
        return default
    if kind in ("all_private_chats", "all_group_chats"):
        return [key, *default]
    if kind == "all_chat_administrators":
        return [key, ("all_group_chats", None, None), *default]
    assert chat_id is not None
    if kind == "chat":
        broad = "all_private_chats" if is_private(chat_id) else "all_group_chats"
        return [key, (broad, None, None), *default]
    if kind == "chat_administrators":
        return [
            key,
            ("chat", chat_id, None),
            ("all_chat_administrators", None, None),
            ("all_group_chats", None, None),
            *default,
        ]
    # chat_member
    assert user_id is not None
    admin = is_admin(chat_id, user_id)
    chain: list[ScopeKey] = [key]
    if admin:
        chain.append(("chat_administrators", chat_id, None))
    chain.append(("chat", chat_id, None))
    if admin:
        chain.append(("all_chat_administrators", None, None))
    chain += [("all_group_chats", None, None), *default]
    return chain


class CommandStore:
    def __init__(self) -> None:
        self._sets: dict[tuple[ScopeKey, str], list[tuple[str, str]]] = {}

    def set(self, key: ScopeKey, language_code: str, commands: list[tuple[str, str]]) -> None:
        if commands:
            self._sets[(key, language_code)] = list(commands)
        else:
            self._sets.pop((key, language_code), None)

    def get(self, key: ScopeKey, language_code: str) -> list[tuple[str, str]]:
        return list(self._sets.get((key, language_code), []))

    def delete(self, key: ScopeKey, language_code: str) -> None:
        self._sets.pop((key, language_code), None)

    def resolve(self, chain: list[ScopeKey], language_code: str) -> list[tuple[str, str]]:
        for key in chain:
            languages = [language_code, ""] if language_code else [""]
            for language in languages:
                found = self._sets.get((key, language))
                if found:
                    return list(found)
        return []
