"""The one mapping from the bot's replies (text + rows of buttons) to WhatsApp messages, within Meta's
limits: <= 3 short unique choices -> reply buttons; <= 10 -> a list; more -> numbered text ("typ 1-14",
and the typed number counts as the press). Url buttons become lines of text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from burenbot.whatsapp.markup import to_plain, to_whatsapp

JSON = dict[str, Any]
Texts = Callable[..., str]  # (key, **params) -> text in the member's language

MAX_TEXT = 4096
MAX_BODY = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72


@dataclass
class Rendered:
    bodies: list[JSON] = field(default_factory=list)  # WhatsApp message bodies, without "to"
    menu: list[str] = field(default_factory=list)  # callback data of "typ 1-n", in order


def render(html: str, markup: JSON | None, t: Texts) -> Rendered:
    text = to_whatsapp(html).strip()
    choices: list[tuple[str, str]] = []
    links: list[str] = []
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if button.get("callback_data"):
                choices.append((to_plain(button["text"]).strip(), button["callback_data"]))
            elif button.get("url"):
                links.append(f"{button['text']}: {button['url']}")
    if links:
        text = "\n".join([text, "", *links]) if text else "\n".join(links)
    rendered = Rendered()
    if not choices:
        rendered.bodies = [_text(part) for part in split(text or "…", MAX_TEXT)]
        return rendered
    labels = [label for label, _ in choices]
    fits_buttons = len(choices) <= MAX_BUTTONS and all(0 < len(x) <= MAX_BUTTON_TITLE for x in labels)
    fits_list = len(choices) <= MAX_ROWS and all(0 < len(x) <= MAX_ROW_DESCRIPTION for x in labels)
    unique = len(set(labels)) == len(labels) and len({d for _, d in choices}) == len(choices)
    if unique and (fits_buttons or fits_list):
        if len(text) > MAX_BODY:  # the long text on its own, the choices after it
            rendered.bodies = [_text(part) for part in split(text, MAX_TEXT)]
            text = t("whatsapp.choose")
        text = text or t("whatsapp.choose")  # an interactive message needs a body
        rendered.bodies.append(_buttons(text, choices) if fits_buttons else _list(text, choices, t))
        return rendered
    numbered = "\n".join(f"{n}. {label}" for n, (label, _) in enumerate(choices, start=1))
    prompt = t("whatsapp.type_number", last=len(choices))
    full = "\n\n".join(part for part in (text, numbered, prompt) if part)
    rendered.bodies = [_text(part) for part in split(full, MAX_TEXT)]
    rendered.menu = [data for _, data in choices]
    return rendered


def split(text: str, limit: int) -> list[str]:
    """At most ``limit`` characters each, cut at a line break where there is one."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n")
    return [*parts, text]


def _text(body: str) -> JSON:
    return {"type": "text", "text": {"body": body, "preview_url": False}}


def _buttons(text: str, choices: list[tuple[str, str]]) -> JSON:
    buttons = [{"type": "reply", "reply": {"id": data, "title": label}} for label, data in choices]
    return {
        "type": "interactive",
        "interactive": {"type": "button", "body": {"text": text}, "action": {"buttons": buttons}},
    }


def _list(text: str, choices: list[tuple[str, str]], t: Texts) -> JSON:
    rows = []
    for label, data in choices:
        row: JSON = {
            "id": data,
            "title": label if len(label) <= MAX_ROW_TITLE else label[: MAX_ROW_TITLE - 1] + "…",
        }
        if len(label) > MAX_ROW_TITLE:
            row["description"] = label
        rows.append(row)
    action = {"button": t("whatsapp.list_button"), "sections": [{"rows": rows}]}
    return {"type": "interactive", "interactive": {"type": "list", "body": {"text": text}, "action": action}}
