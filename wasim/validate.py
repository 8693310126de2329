"""What Meta's Cloud API refuses in a /messages body, with its error codes (checked like Meta, 2026)."""

from __future__ import annotations

import re
from typing import Any

JSON = dict[str, Any]

MAX_TEXT = 4096
MAX_INTERACTIVE_BODY = 1024
MAX_CAPTION = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_BUTTON_ID = 256
MAX_LIST_ROWS = 10
MAX_LIST_SECTIONS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_ROW_ID = 200
MAX_LIST_BUTTON = 20

INVALID_PARAMETER = 131009
TEMPLATE_PARAMS_MISMATCH = 132000
TEMPLATE_MISSING = 132001
MEDIA_MISSING = 131053


class GraphError(Exception):
    """An error answer: HTTP status, Meta's error code and message."""

    def __init__(self, code: int, message: str, status: int = 400) -> None:
        super().__init__(f"({code}) {message}")
        self.code = code
        self.message = message
        self.status = status

    def body(self) -> JSON:
        return {
            "error": {
                "message": self.message,
                "type": "OAuthException",
                "code": self.code,
                "error_data": {"messaging_product": "whatsapp", "details": self.message},
            }
        }


def _need(condition: bool, message: str, code: int = INVALID_PARAMETER) -> None:
    if not condition:
        raise GraphError(code, message)


def check_text(body: JSON) -> str:
    raw = (body.get("text") or {}).get("body")
    text = raw if isinstance(raw, str) else ""
    _need(text.strip() != "", "text.body is required")
    _need(len(text) <= MAX_TEXT, f"text.body is longer than {MAX_TEXT} characters")
    return text


def check_interactive(body: JSON) -> tuple[str, list[tuple[str, str]]]:
    """The body text and the (id, title) choices of a button or list message."""
    interactive = body.get("interactive") or {}
    raw = (interactive.get("body") or {}).get("text")
    text = raw if isinstance(raw, str) else ""
    _need(text.strip() != "", "interactive.body.text is required")
    _need(len(text) <= MAX_INTERACTIVE_BODY, f"interactive body is longer than {MAX_INTERACTIVE_BODY}")
    action = interactive.get("action") or {}
    kind = interactive.get("type")
    if kind == "button":
        buttons = action.get("buttons") or []
        _need(1 <= len(buttons) <= MAX_BUTTONS, f"a button message has 1 to {MAX_BUTTONS} buttons")
        choices = [(b["reply"]["id"], b["reply"]["title"]) for b in buttons]
        for choice_id, title in choices:
            _need(1 <= len(title) <= MAX_BUTTON_TITLE, f"button title {title!r} is over {MAX_BUTTON_TITLE}")
            _need(1 <= len(choice_id) <= MAX_BUTTON_ID, "button id is too long")
        _need(len({t for _, t in choices}) == len(choices), "button titles must be unique")
    elif kind == "list":
        label = action.get("button", "")
        _need(1 <= len(label) <= MAX_LIST_BUTTON, f"list button text is over {MAX_LIST_BUTTON}")
        sections = action.get("sections") or []
        _need(1 <= len(sections) <= MAX_LIST_SECTIONS, "a list has 1 to 10 sections")
        rows = [row for section in sections for row in section.get("rows", [])]
        _need(1 <= len(rows) <= MAX_LIST_ROWS, f"a list has at most {MAX_LIST_ROWS} rows in total")
        for row in rows:
            _need(1 <= len(row["title"]) <= MAX_ROW_TITLE, f"row title {row['title']!r} is over 24")
            _need(len(row.get("description", "")) <= MAX_ROW_DESCRIPTION, "row description is over 72")
            _need(1 <= len(row["id"]) <= MAX_ROW_ID, "row id is too long")
        _need(len({r["id"] for r in rows}) == len(rows), "row ids must be unique")
        # What the phone shows for a row: its title, and its description under it.
        choices = [
            (row["id"], " ".join(filter(None, (row["title"], row.get("description"))))) for row in rows
        ]
    else:
        raise GraphError(INVALID_PARAMETER, f"unsupported interactive type {kind!r}")
    return text, choices


def check_caption(media: JSON) -> str:
    caption = str(media.get("caption", ""))
    _need(len(caption) <= MAX_CAPTION, f"caption is longer than {MAX_CAPTION}")
    return caption


PLACEHOLDER = re.compile(r"\{\{\d+\}\}")


def check_template_parameters(declared_body: str, components: list[JSON]) -> list[str]:
    """The body parameters of a template message, checked against the approved body's placeholders."""
    values: list[str] = []
    for component in components:
        if component.get("type") == "body":
            for parameter in component.get("parameters", []):
                value = parameter.get("text", "")
                _need(
                    "\n" not in value and "\t" not in value and "    " not in value,
                    "template parameters may not hold new lines, tabs or 4 spaces in a row",
                )
                values.append(value)
    expected = len(PLACEHOLDER.findall(declared_body))
    _need(
        len(values) == expected,
        f"number of parameters ({len(values)}) does not match the expected ({expected})",
        TEMPLATE_PARAMS_MISMATCH,
    )
    return values


def fill(declared_body: str, values: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[int(m.group(0)[2:-2]) - 1], declared_body)
