"""Plain data the simulator keeps, and the read-only views it hands to tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SimUser:
    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str = "nl"
    #: True once the user wrote to the bot in private (before that the bot may not message them).
    started: bool = False
    blocked: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class SimChat:
    chat_id: int
    type: str  # "private" or "group"
    title: str | None = None
    #: user_id -> status ("creator", "administrator", "member", "restricted", "left", "kicked").
    members: dict[int, str] = field(default_factory=dict)

    def to_api(self, users: dict[int, SimUser]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.chat_id, "type": self.type}
        if self.type == "private":
            user = users[self.chat_id]
            data["first_name"] = user.first_name
            if user.last_name:
                data["last_name"] = user.last_name
            if user.username:
                data["username"] = user.username
        else:
            data["title"] = self.title or ""
        return data


@dataclass(frozen=True)
class SimButton:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SimMessage:
    """A message as the chat shows it now (edits applied)."""

    message_id: int
    chat_id: int
    from_bot: bool
    text: str
    html: str | None
    buttons: list[list[SimButton]]
    photo: bytes | None
    document: bytes | None
    file_name: str | None
    mime_type: str | None
    pinned: bool
    edit_count: int
    sender_id: int | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class SimCallbackAnswer:
    query_id: str
    user_id: int
    text: str | None
    show_alert: bool


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    params: dict[str, Any]
    ok: bool
    error_code: int | None
    description: str | None = None


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes | None
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class StoredMessage:
    message_id: int
    chat_id: int
    sender_id: int | None  # None: sent by the bot
    date: int
    text: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    html: str | None = None
    #: True when ``text`` is a caption (the message carries a photo or a document).
    is_caption: bool = False
    reply_markup: dict[str, Any] | None = None
    photo: StoredFile | None = None
    document: StoredFile | None = None
    sticker: StoredFile | None = None
    pinned: bool = False
    edit_count: int = 0
    edit_date: int | None = None
    deleted: bool = False
    reply_to: int | None = None
