"""A PTB ``BaseRequest`` that answers the Bot API calls the unchanged handlers make, over WhatsApp.

PTB's documented extension point for the HTTP layer: the handlers call ``bot.send_message`` as always;
this class turns the call into Cloud API messages and answers in the Bot API's own JSON, errors included
(403 for an unreachable member, 429 for a rate limit), so the outbox and ``with_retry`` work unchanged.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

from telegram.request import BaseRequest, RequestData

from burenbot.whatsapp.graph import GraphError
from burenbot.whatsapp.sender import Unreachable, WhatsAppSender, replying_to

log = logging.getLogger(__name__)

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Burenbot", "username": "burenbot_whatsapp"}
ACCEPTED_SILENTLY = {  # no WhatsApp counterpart, nothing the member would miss
    "deleteWebhook",
    "setMyCommands",
    "deleteMyCommands",
    "setChatMenuButton",
    "pinChatMessage",
    "unpinChatMessage",
    "sendChatAction",
    "editMessageReplyMarkup",
    "deleteMessage",
    "logOut",
    "close",
}
THROUGHPUT, PAIR_RATE, WINDOW_CLOSED, NOT_ON_WHATSAPP = 130429, 131056, 131047, 131026


class WhatsAppRequest(BaseRequest):
    def __init__(self, sender: WhatsAppSender) -> None:
        self.sender = sender

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        await self.sender.client.open()

    async def shutdown(self) -> None:
        await self.sender.client.close()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        try:
            if method == "GET":  # File.download_to_memory: the last part of the url is the media id
                return 200, await self.sender.client.download(name)
            params = request_data.parameters if request_data else {}
            files = request_data.multipart_data if request_data else {}
            result = await self.call(name, dict(params), files)
        except Unreachable as exc:
            return _error(403, f"Forbidden: {exc}")
        except GraphError as exc:
            return _graph_error(exc)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def call(self, name: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if name == "getMe":
            return {
                **BOT_USER,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if name in ACCEPTED_SILENTLY:
            return True
        if name in ("getMyCommands", "getUpdates"):
            return []
        if name == "answerCallbackQuery":
            return await self._answer(params)
        if name == "sendMessage":
            return await self._message(params)
        if name in ("editMessageText", "editMessageCaption"):
            return await self._edit(params)
        if name in ("sendPhoto", "sendDocument"):
            return await self._media(name, params, files)
        if name == "getFile":
            file_id = params["file_id"]
            return {"file_id": file_id, "file_unique_id": file_id, "file_path": file_id}
        raise Unreachable(f"{name} is not available on WhatsApp")

    async def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        sent = await self.sender.send(chat_id, params)
        return _message_json(chat_id, sent.message_id, params.get("text", ""))

    async def _edit(self, params: dict[str, Any]) -> dict[str, Any]:
        """No editing on WhatsApp: the result of a press the member just made is a new message; other edits
        (a live counter on an old message) are left out, so nobody gets a message per change."""
        chat_id = int(params["chat_id"])
        message_id = int(params["message_id"])
        if replying_to.get() == chat_id:
            message_id = (await self.sender.send(chat_id, params)).message_id
        return _message_json(chat_id, message_id, params.get("text") or params.get("caption") or "")

    async def _answer(self, params: dict[str, Any]) -> bool:
        """A button's toast becomes a short message, since WhatsApp has no toasts."""
        text = params.get("text")
        user_id = int(str(params["callback_query_id"]).split(":", 1)[0])
        if text:
            await self.sender.send(user_id, {"text": text})
        return True

    async def _media(self, name: str, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        field = "photo" if name == "sendPhoto" else "document"
        kind = "image" if field == "photo" else "document"
        if field in files:
            file_name, content, mime_type = files[field]
            data = content.read() if isinstance(content, io.IOBase) else content
            media_id = await self.sender.client.upload(
                data, mime_type or "application/octet-stream", file_name
            )
        else:
            media_id = str(params[field])  # a media id we got from WhatsApp before
        sent = await self.sender.send(chat_id, params, media={"type": kind, "id": media_id})
        return _message_json(chat_id, sent.message_id, params.get("caption", ""))


def _message_json(chat_id: int, message_id: int, text: str) -> dict[str, Any]:
    return {
        "message_id": message_id,
        "date": 0,
        "chat": {"id": chat_id, "type": "private"},
        "from": BOT_USER,
        "text": text,
    }


def _error(status: int, description: str, retry_after: int | None = None) -> tuple[int, bytes]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, json.dumps(body).encode()


def _graph_error(exc: GraphError) -> tuple[int, bytes]:
    """Meta's codes in Telegram's terms, so the outbox applies the rules it already has."""
    if exc.code in (PAIR_RATE, THROUGHPUT):
        return _error(429, f"Too Many Requests: {exc}", retry_after=6 if exc.code == PAIR_RATE else 1)
    if exc.code == NOT_ON_WHATSAPP:
        return _error(403, f"Forbidden: {exc}")
    if exc.status >= 500 or exc.status == 0:
        return _error(502, f"Bad Gateway: {exc}")
    log.warning("whatsapp refused a message: %s", exc)
    return _error(400, f"Bad Request: {exc}")
