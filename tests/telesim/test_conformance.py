"""Conformance of ``telesim.schema`` with the official Bot API spec (machine-readable JSON).

The spec file lives outside the repository (``<checkout>/../shared/botapi/api.min.json``); the test is
skipped when it is absent (but fails under ``CI=true``), and ``TELESIM_BOTAPI_SPEC`` may point to it.

Every method and parameter the simulator accepts is checked here against the spec: the name exists, the
types agree and the required flag is the same, and the numeric limits the simulator enforces match the
spec's description text. Because the simulator runs in strict mode by default (an unknown method or a
parameter name that no Bot API method has is a 400, a known parameter is type-checked), every request the
bot's test suite manages to send through the simulator only uses methods and parameters that exist in the
real Bot API with these types. The one leniency is Telegram's own: a real parameter sent to a method that
does not take it (PTB adds a default ``parse_mode`` to ``editMessageReplyMarkup``) is ignored, as Telegram
ignores it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from telesim import schema
from telesim.keyboards import INLINE_ACTIONS

SPEC_PATH = Path(
    os.environ.get("TELESIM_BOTAPI_SPEC")
    or Path(__file__).resolve().parents[3] / "shared" / "botapi" / "api.min.json"
)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    if not SPEC_PATH.is_file():
        if os.environ.get("CI") == "true":  # CI has ../shared beside the checkout: a skip would hide a gap
            pytest.fail(f"Bot API spec not found at {SPEC_PATH} (CI must check conformance)")
        pytest.skip(f"Bot API spec not found at {SPEC_PATH}")
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


def _field(container: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in container.get("fields", []) if f["name"] == name)


def _range(description: str, unit: str) -> tuple[int, int]:
    match = re.search(rf"(\d+)-(\d+) {unit}", description)
    assert match, f"no '<min>-<max> {unit}' in {description!r}"
    return int(match.group(1)), int(match.group(2))


def test_every_method_and_parameter_exists_with_same_types(spec: dict[str, Any]) -> None:
    for method in schema.METHODS.values():
        assert method.name in spec["methods"], f"{method.name} is not a Bot API method"
        official = {f["name"]: f for f in spec["methods"][method.name].get("fields", [])}
        for param in method.params:
            assert param.name in official, f"{method.name}.{param.name} is not in the spec"
            field = official[param.name]
            assert set(param.types) <= set(field["types"]), (method.name, param.name, field["types"])
            assert param.required == field["required"], (method.name, param.name)


def test_object_parameter_types_exist(spec: dict[str, Any]) -> None:
    scalar = {"Integer", "String", "Boolean", "Float", "InputFile"}
    for method in schema.METHODS.values():
        for param in method.params:
            for kind in param.types:
                name = kind.removeprefix("Array of ")
                assert name in scalar or name in spec["types"], (method.name, param.name, kind)


def test_limits_agree_with_the_spec(spec: dict[str, Any]) -> None:
    methods, types = spec["methods"], spec["types"]
    assert (
        _range(_field(methods["sendMessage"], "text")["description"], "characters")[1]
        == schema.TEXT_MAX_CHARS
    )
    assert _range(_field(methods["editMessageText"], "text")["description"], "characters")[1] == (
        schema.TEXT_MAX_CHARS
    )
    for method in ("sendPhoto", "sendDocument", "editMessageCaption"):
        caption = _field(methods[method], "caption")["description"]
        assert _range(caption, "characters")[1] == schema.CAPTION_MAX_CHARS, method
    data = _field(types["InlineKeyboardButton"], "callback_data")["description"]
    assert _range(data, "bytes") == (1, schema.CALLBACK_DATA_MAX_BYTES)
    answer = _field(methods["answerCallbackQuery"], "text")["description"]
    assert _range(answer, "characters")[1] == schema.CALLBACK_ANSWER_TEXT_MAX_CHARS
    command = _field(types["BotCommand"], "command")["description"]
    assert _range(command, "characters") == (1, schema.COMMAND_MAX_CHARS)
    description = _field(types["BotCommand"], "description")["description"]
    assert _range(description, "characters") == (1, schema.COMMAND_DESCRIPTION_MAX_CHARS)
    commands = _field(methods["setMyCommands"], "commands")["description"]
    assert f"At most {schema.MAX_COMMANDS} commands" in commands
    limit = _field(methods["getUpdates"], "limit")["description"]
    assert f"1-{schema.GET_UPDATES_MAX_LIMIT}" in limit


def test_inline_button_actions_and_scopes_exist(spec: dict[str, Any]) -> None:
    button_fields = {f["name"] for f in spec["types"]["InlineKeyboardButton"]["fields"]}
    assert set(INLINE_ACTIONS) <= button_fields
    from telesim.commands import SCOPE_TYPES

    scope_names = {"BotCommandScope" + "".join(p.title() for p in s.split("_")) for s in SCOPE_TYPES}
    assert scope_names <= set(spec["types"])
