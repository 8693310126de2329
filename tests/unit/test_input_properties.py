"""Property tests for member names and the config loader: only our own clear errors, never a crash."""

from __future__ import annotations

import json
import string
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Config, ConfigError, load_config
from bot.members.service import NAME_MAX, InvalidName, clean_name


@given(st.text(max_size=80))
def test_clean_name_returns_a_clean_name_or_invalid_name(text: str) -> None:
    try:
        name = clean_name(text)
    except InvalidName:
        return
    assert name == name.strip() and "  " not in name
    assert 0 < len(name) <= NAME_MAX and any(ch.isalpha() for ch in name)
    assert not any(unicodedata.category(ch)[0] == "C" for ch in name)
    assert not name.startswith("/")
    assert clean_name(name) == name  # cleaning twice changes nothing


@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=20), st.text(" \t\n\u200b", max_size=4))
def test_ordinary_names_survive_surrounding_space(name: str, space: str) -> None:
    assert clean_name(space + name + space) == name


SECTIONS = ["telegram", "community", "access", "storage", "other"]
KEYS = [
    "token",
    "api_base_url",
    "group_chat_id",
    "name",
    "timezone",
    "language",
    "monthly_hours_target",
    "coordinators",
    "invite_code",
    "newcomer_days",
    "path",
    "x",
]
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))
tables = st.dictionaries(
    st.sampled_from(SECTIONS), st.dictionaries(st.sampled_from(KEYS), values, max_size=4), max_size=4
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, int) or value != int(value) else f"{value:.1f}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def toml_document(data: dict[str, dict[str, Any]]) -> str:
    lines = []
    for section, entries in data.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in entries.items()]
    return "\n".join(lines) + "\n"


def load_text(content: bytes) -> Config | None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "config.toml"
        path.write_bytes(content)
        try:
            return load_config(path, environ={})
        except ConfigError as exc:
            message = str(exc)
            assert str(path) in message and "\n" not in message  # one line, naming the file
            return None


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_config_loader_on_random_values(data: dict[str, dict[str, Any]]) -> None:
    config = load_text(toml_document(data).encode())
    if config is not None:
        assert config.community.language in ("nl", "en")
        assert isinstance(config.access.coordinators, tuple)


@settings(max_examples=100)
@given(st.binary(max_size=200))
def test_config_loader_on_random_bytes(content: bytes) -> None:
    load_text(content)


def test_config_loader_on_invalid_utf8() -> None:
    assert load_text(b'[community]\nname = "\xff\xfe"\n') is None
