"""The in-process control API: simulated people doing things, and reading what chats show.

Every method is synchronous, mutates the state and wakes waiting long polls.
"""

from __future__ import annotations

import time
from typing import Any

from telesim.commands import fallback_chain, scope_key
from telesim.models import RecordedRequest, SimCallbackAnswer, SimChat, SimMessage, SimUser, StoredMessage
from telesim.state import SimState

_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})


class ControlApi:
    state: SimState

    # --- people and chats -----------------------------------------------------------------------
    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "nl",
        user_id: int | None = None,
    ) -> SimUser:
        state = self.state
        if user_id is None:
            while state.next_user_id in state.users:
                state.next_user_id += 1
            user_id = state.next_user_id
            state.next_user_id += 1
        if user_id <= 0 or user_id in state.users:
            raise ValueError(f"user id {user_id} is not positive or already taken")
        user = SimUser(user_id, first_name, last_name, username, language_code)
        state.users[user_id] = user
        state.chats[user_id] = SimChat(user_id, "private")
        return user

    def add_group(self, title: str, member_ids: list[int], *, chat_id: int | None = None) -> SimChat:
        state = self.state
        if chat_id is None:
            while state.next_group_id in state.chats:
                state.next_group_id -= 1
            chat_id = state.next_group_id
            state.next_group_id -= 1
        if chat_id >= 0 or chat_id in state.chats:
            raise ValueError(f"group id {chat_id} is not negative or already taken")
        for member in member_ids:
            self._user(member)
        members = dict.fromkeys(member_ids, "member")
        members[state.bot_id] = "member"
        chat = SimChat(chat_id, "group", title, members)
        state.chats[chat_id] = chat
        return chat

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        if status not in _STATUSES:
            raise ValueError(f"unknown member status {status!r}")
        chat = self.state.chats[chat_id]
        if chat.type != "group":
            raise ValueError("member status only exists in groups")
        chat.members[user_id] = status

    def block_user(self, user_id: int) -> None:
        self._user(user_id).blocked = True

    def unblock_user(self, user_id: int) -> None:
        self._user(user_id).blocked = False

    # --- things users do ------------------------------------------------------------------------
    def user_sends_text(self, user_id: int, text: str, *, chat_id: int | None = None) -> int:
        entities: list[dict[str, Any]] = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities.append(
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            )
        message = self._user_message(user_id, chat_id, text=text, entities=entities)
        return self.state.updates.add("message", self.state.message_to_api(message))

    def user_sends_photo(
        self, user_id: int, data: bytes, *, caption: str | None = None, chat_id: int | None = None
    ) -> int:
        stored = self.state.store_file(data, "photos", None, None)
        message = self._user_message(user_id, chat_id, photo=stored, text=caption or "", is_caption=True)
        return self.state.updates.add("message", self.state.message_to_api(message))

    def user_sends_document(
        self,
        user_id: int,
        data: bytes,
        file_name: str,
        mime_type: str,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        stored = self.state.store_file(data, "documents", file_name, mime_type)
        message = self._user_message(user_id, chat_id, document=stored, text=caption or "", is_caption=True)
        return self.state.updates.add("message", self.state.message_to_api(message))

    def user_sends_sticker(self, user_id: int, *, chat_id: int | None = None) -> int:
        stored = self.state.store_file(b"RIFF\x00\x00\x00\x00WEBP", "stickers", None, "image/webp")
        message = self._user_message(user_id, chat_id, sticker=stored)
        return self.state.updates.add("message", self.state.message_to_api(message))

    def user_edits_message(
        self, user_id: int, message_id: int, new_text: str, *, chat_id: int | None = None
    ) -> int:
        chat_id = user_id if chat_id is None else chat_id
        message = self.state.get_message(chat_id, message_id)
        if message is None or message.sender_id != user_id:
            raise ValueError(f"user {user_id} has no message {message_id} in chat {chat_id}")
        message.text = new_text
        message.edit_count += 1
        message.edit_date = int(time.time())
        return self.state.updates.add("edited_message", self.state.message_to_api(message))

    def user_presses_button(
        self, user_id: int, message_id: int, callback_data: str, *, chat_id: int | None = None
    ) -> int:
        """Press a callback button that the message really shows now; raises ValueError otherwise."""
        chat_id = user_id if chat_id is None else chat_id
        message = self.state.get_message(chat_id, message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        shown = [b.callback_data for row in self.state.view(message).buttons for b in row]
        if callback_data not in shown:
            raise ValueError(
                f"message {message_id} has no button with callback_data {callback_data!r}: {shown}"
            )
        return self._callback(user_id, message, callback_data)

    def user_sends_callback(
        self, user_id: int, message_id: int, data: str, *, chat_id: int | None = None
    ) -> int:
        """Forge a callback query with arbitrary data (for security tests)."""
        chat_id = user_id if chat_id is None else chat_id
        message = self.state.get_message(chat_id, message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        return self._callback(user_id, message, data)

    # --- reading --------------------------------------------------------------------------------
    def chat_view(self, chat_id: int) -> list[SimMessage]:
        messages = self.state.messages.get(chat_id, {}).values()
        return [self.state.view(m) for m in messages if not m.deleted]

    def last_bot_message(self, chat_id: int) -> SimMessage | None:
        from_bot = [m for m in self.chat_view(chat_id) if m.from_bot]
        return from_bot[-1] if from_bot else None

    def sent_count(self, chat_id: int) -> int:
        """Messages the bot sent to the chat (deleted ones included)."""
        return self.state.sent[chat_id]

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[tuple[str, str]]:
        """The commands a user would see for this scope, resolved with Telegram's fallbacks."""
        state = self.state
        key = scope_key(scope, lambda ref: state.resolve_chat(ref).chat_id)
        return state.commands.resolve(fallback_chain(key, state.is_admin, state.is_private), language_code)

    @property
    def callback_answers(self) -> list[SimCallbackAnswer]:
        return self.state.callback_answers

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.state.requests

    def pending_update_count(self) -> int:
        return self.state.updates.pending()

    # --- helpers --------------------------------------------------------------------------------
    def _user(self, user_id: int) -> SimUser:
        user = self.state.users.get(user_id)
        if user is None:
            raise ValueError(f"unknown user {user_id}; call add_user first")
        return user

    def _user_message(self, user_id: int, chat_id: int | None, **fields: Any) -> StoredMessage:
        user = self._user(user_id)
        chat_id = user_id if chat_id is None else chat_id
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise ValueError(f"unknown chat {chat_id}")
        if chat.type == "private":
            if chat_id != user_id:
                raise ValueError("a user can only write in their own private chat with the bot")
            user.started = True
        elif chat.members.get(user_id, "left") in ("left", "kicked"):
            raise ValueError(f"user {user_id} is not a member of chat {chat_id}")
        return self.state.new_message(chat_id, user_id, **fields)

    def _callback(self, user_id: int, message: StoredMessage, data: str) -> int:
        user = self._user(user_id)
        query = {
            "id": self.state.new_query_id(user_id),
            "from": user.to_api(),
            "message": self.state.message_to_api(message),
            "chat_instance": str(abs(message.chat_id) * 7919 % 10**12),
            "data": data,
        }
        return self.state.updates.add("callback_query", query)
