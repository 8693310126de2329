"""Everything the simulated Telegram knows: users, chats, messages, files, updates and commands."""

from __future__ import annotations

import hashlib
import struct
import time
from collections import Counter
from typing import Any

from telesim.commands import CommandStore
from telesim.errors import bad_request
from telesim.keyboards import buttons_of
from telesim.models import (
    RecordedRequest,
    SimCallbackAnswer,
    SimChat,
    SimMessage,
    SimUser,
    StoredFile,
    StoredMessage,
)
from telesim.updates import UpdateQueue


class SimState:
    def __init__(self, token: str, bot_username: str) -> None:
        bot_part = token.split(":", 1)[0]
        self.bot_id = int(bot_part) if bot_part.isdigit() else 123456
        self.bot_username = bot_username
        self.bot_first_name = "Burenbot (simulated)"
        self.users: dict[int, SimUser] = {}
        self.chats: dict[int, SimChat] = {}
        self.messages: dict[int, dict[int, StoredMessage]] = {}
        self._next_message_id: dict[int, int] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        #: Open callback queries: query id -> user id. Answered or unknown ids are "too old".
        self.open_queries: dict[str, int] = {}
        self.callback_answers: list[SimCallbackAnswer] = []
        self.commands = CommandStore()
        self.webhook: dict[str, Any] = {"url": ""}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.requests: list[RecordedRequest] = []
        self.updates = UpdateQueue()
        self.sent: Counter[int] = Counter()
        self.next_user_id = 1001
        self.next_group_id = -1001
        self._next_file = 1
        self._next_query = 1

    # --- identities -----------------------------------------------------------------------------
    def bot_user_api(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def resolve_chat(self, ref: Any) -> SimChat:
        """Find a chat by id or ``@username``; unknown chats are Telegram's "chat not found"."""
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            for user in self.users.values():
                if user.username and user.username.lower() == name and user.user_id in self.chats:
                    return self.chats[user.user_id]
            raise bad_request("chat not found")
        try:
            chat_id = int(ref)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def member_status(self, chat_id: int, user_id: int) -> str:
        chat = self.chats[chat_id]
        if chat.type == "private":
            return "member" if user_id in (chat_id, self.bot_id) else "left"
        return chat.members.get(user_id, "left")

    def is_admin(self, chat_id: int, user_id: int) -> bool:
        return chat_id in self.chats and self.member_status(chat_id, user_id) in ("creator", "administrator")

    def is_private(self, chat_id: int) -> bool:
        return chat_id > 0

    # --- messages -------------------------------------------------------------------------------
    def new_message(self, chat_id: int, sender_id: int | None, **fields: Any) -> StoredMessage:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        message = StoredMessage(message_id, chat_id, sender_id, int(time.time()), **fields)
        self.messages.setdefault(chat_id, {})[message_id] = message
        if sender_id is None:
            self.sent[chat_id] += 1
        return message

    def get_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        message = self.messages.get(chat_id, {}).get(message_id)
        return None if message is None or message.deleted else message

    def new_query_id(self, user_id: int) -> str:
        query_id = f"{self.bot_id}{self._next_query:08d}"
        self._next_query += 1
        self.open_queries[query_id] = user_id
        return query_id

    # --- files ----------------------------------------------------------------------------------
    def store_file(
        self, data: bytes | None, folder: str, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        number = self._next_file
        self._next_file += 1
        digest = hashlib.sha256((data or b"") + str(number).encode()).hexdigest()
        extension = {"photos": ".jpg", "stickers": ".webp"}.get(folder, "")
        path_name = file_name or f"file_{number}{extension}"
        stored = StoredFile(
            file_id=f"SIM{folder[:3].upper()}{number:06d}{digest[:24]}",
            file_unique_id=f"U{digest[:15]}",
            data=data,
            file_path=f"{folder}/{number}_{path_name}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    # --- serialisation --------------------------------------------------------------------------
    def message_to_api(self, message: StoredMessage) -> dict[str, Any]:
        chat = self.chats[message.chat_id]
        sender = self.bot_user_api() if message.sender_id is None else self.users[message.sender_id].to_api()
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": sender,
            "chat": chat.to_api(self.users),
            "date": message.date,
        }
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.reply_to is not None:
            replied = self.messages.get(message.chat_id, {}).get(message.reply_to)
            if replied is not None and not replied.deleted:
                data["reply_to_message"] = self.message_to_api(replied)
        if message.photo is not None:
            data["photo"] = [photo_size(message.photo)]
        if message.document is not None:
            data["document"] = file_api(message.document)
        if message.sticker is not None:
            data["sticker"] = {
                **file_api(message.sticker),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
            data["sticker"].pop("file_name", None)
            data["sticker"].pop("mime_type", None)
        if message.is_caption:
            if message.text:
                data["caption"] = message.text
                if message.entities:
                    data["caption_entities"] = message.entities
        elif message.sticker is None:
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        return data

    def view(self, message: StoredMessage) -> SimMessage:
        return SimMessage(
            message_id=message.message_id,
            chat_id=message.chat_id,
            from_bot=message.sender_id is None,
            text=message.text,
            html=message.html,
            buttons=buttons_of(message.reply_markup),
            photo=message.photo.data if message.photo else None,
            document=message.document.data if message.document else None,
            file_name=message.document.file_name if message.document else None,
            mime_type=message.document.mime_type if message.document else None,
            pinned=message.pinned,
            edit_count=message.edit_count,
            sender_id=message.sender_id,
            entities=list(message.entities),
        )


def file_api(stored: StoredFile) -> dict[str, Any]:
    data: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if stored.data is not None:
        data["file_size"] = len(stored.data)
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def photo_size(stored: StoredFile) -> dict[str, Any]:
    width, height = image_size(stored.data or b"")
    data = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "width": width,
        "height": height,
    }
    if stored.data is not None:
        data["file_size"] = len(stored.data)
    return data


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (read from its header); other formats report 0x0."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 0, 0
