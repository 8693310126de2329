"""Inbound WhatsApp messages as Telegram-shaped updates, so the unchanged handlers can answer them.

A typed word that is a command ("agenda", "uren 2,5", "Start buren") becomes that command; a typed number
after a numbered menu is that choice's button press; a reply button, a list row, an image and a document
map to their Telegram twins.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Collection
from typing import Any

JSON = dict[str, Any]

_update_ids = itertools.count(int(time.time()) * 1000)
# Inbound messages get ids far above the bot's own (wa_sent rows), increasing across restarts.
_inbound_ids = itertools.count(int(time.time() * 10))


def inbound_message_id() -> int:
    return next(_inbound_ids)


def user_json(user_id: int, name: str, language_code: str | None) -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": name or "WhatsApp"}
    if language_code:
        user["language_code"] = language_code
    return user


def as_command(text: str, commands: Collection[str]) -> str:
    """'uren 2,5' -> '/uren 2,5' when the first word is a command; anything else stays as typed."""
    stripped = text.strip()
    word, _, rest = stripped.lstrip("/").partition(" ")
    if word.lower() in commands:
        return f"/{word.lower()} {rest.strip()}".rstrip()
    return stripped


def message_update(user: JSON, date: int, content: JSON, message_id: int) -> JSON:
    message = {
        "message_id": message_id,
        "date": date,
        "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
        "from": user,
        **content,
    }
    text = content.get("text", "")
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split(" ", 1)[0])}]
    return {"update_id": next(_update_ids), "message": message}


def press_update(user: JSON, date: int, data: str, message_id: int, wamid: str) -> JSON:
    message = {
        "message_id": message_id,
        "date": date,
        "chat": {"id": user["id"], "type": "private"},
        "text": "",
    }
    query = {
        "id": f"{user['id']}:{wamid}",
        "from": user,
        "chat_instance": str(user["id"]),
        "data": data,
        "message": message,
    }
    return {"update_id": next(_update_ids), "callback_query": query}


def content_of(inbound: JSON, commands: Collection[str]) -> JSON:
    """The Telegram message fields for a text, image, document or anything else (a sticker stands in)."""
    kind = inbound.get("type")
    if kind == "text":
        return {"text": as_command(inbound["text"]["body"], commands)}
    if kind == "image":
        image = inbound["image"]
        photo = {"file_id": image["id"], "file_unique_id": image["id"], "width": 1280, "height": 960}
        return {"photo": [photo], **({"caption": image["caption"]} if image.get("caption") else {})}
    if kind == "document":
        doc = inbound["document"]
        document = {
            "file_id": doc["id"],
            "file_unique_id": doc["id"],
            "mime_type": doc.get("mime_type"),
            "file_name": doc.get("filename", "document"),
        }
        return {"document": document, **({"caption": doc["caption"]} if doc.get("caption") else {})}
    sticker = {
        "file_id": "none",
        "file_unique_id": "none",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    return {"sticker": sticker}


def pressed(inbound: JSON) -> str | None:
    """The id of the reply button or list row that was chosen, if this is such a press."""
    if inbound.get("type") != "interactive":
        return None
    interactive = inbound["interactive"]
    reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
    return reply.get("id")
