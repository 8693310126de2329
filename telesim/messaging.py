"""Bot API methods that create or change messages: send, edit, delete, pin."""

from __future__ import annotations

import time
from typing import Any

from telesim.errors import bad_request, forbidden
from telesim.html_entities import HtmlParseError, parse_html
from telesim.keyboards import validate_reply_markup
from telesim.models import SimChat, StoredFile, StoredMessage
from telesim.params import Upload
from telesim.schema import CAPTION_MAX_CHARS, TEXT_MAX_CHARS
from telesim.state import SimState

JSON = dict[str, Any]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)


def render(
    source: str, parse_mode: str | None, entities: list[Any] | None
) -> tuple[str, list[JSON], str | None]:
    """Return ``(plain_text, entities, html_source)`` like Telegram's entity parsing."""
    if not parse_mode:
        return source, list(entities or []), None
    mode = parse_mode.lower()
    if mode == "html":
        try:
            plain, parsed = parse_html(source)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        return plain, parsed, source
    if mode in ("markdown", "markdownv2"):
        raise bad_request(
            f"can't parse entities: parse_mode {parse_mode} is not supported by the simulator; use HTML"
        )
    raise bad_request(f"unsupported parse_mode {parse_mode}")


def check_text(plain: str) -> None:
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > TEXT_MAX_CHARS:
        raise bad_request("message is too long")


def check_caption(plain: str) -> None:
    if len(plain) > CAPTION_MAX_CHARS:
        raise bad_request("message caption is too long")


def sendable_chat(state: SimState, ref: Any) -> SimChat:
    """The chat the bot writes to, with Telegram's 403s for users who blocked or never started it."""
    chat = state.resolve_chat(ref)
    if chat.type == "private":
        user = state.users[chat.chat_id]
        if user.blocked:
            raise forbidden("bot was blocked by the user")
        if not user.started:
            raise forbidden("bot can't initiate conversation with a user")
    elif chat.members.get(state.bot_id, "member") in ("left", "kicked"):
        raise forbidden("bot is not a member of the group chat")
    return chat


def _markup(params: JSON, *, inline_only: bool) -> JSON | None:
    markup = params.get("reply_markup")
    return None if markup is None else validate_reply_markup(markup, inline_only=inline_only)


def _reply_to(state: SimState, chat: SimChat, params: JSON) -> int | None:
    reply = params.get("reply_parameters")
    if not reply:
        return None
    message_id = reply.get("message_id")
    if state.get_message(chat.chat_id, message_id) is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return int(message_id)


def send_message(state: SimState, params: JSON) -> JSON:
    chat = sendable_chat(state, params["chat_id"])
    plain, entities, html = render(params["text"], params.get("parse_mode"), params.get("entities"))
    check_text(plain)
    markup = _markup(params, inline_only=False)
    message = state.new_message(
        chat.chat_id,
        None,
        text=plain,
        entities=entities,
        html=html,
        reply_markup=markup,
        reply_to=_reply_to(state, chat, params),
    )
    return state.message_to_api(message)


def _input_file(state: SimState, value: Upload | str, folder: str) -> StoredFile:
    if isinstance(value, Upload):
        if not value.data:
            raise bad_request("file must be non-empty")
        name = value.filename if folder == "documents" else None
        mime = value.content_type if folder == "documents" else None
        return state.store_file(value.data, folder, name, mime)
    if value in state.files:
        return state.files[value]
    if value.startswith(("http://", "https://")):
        return state.store_file(None, folder, value.rsplit("/", 1)[-1] or None, None)
    raise bad_request("wrong file identifier/HTTP URL specified")


def send_media(state: SimState, params: JSON, kind: str) -> JSON:
    chat = sendable_chat(state, params["chat_id"])
    stored = _input_file(state, params[kind], "photos" if kind == "photo" else "documents")
    plain, entities, html = render(
        params.get("caption", ""), params.get("parse_mode"), params.get("caption_entities")
    )
    check_caption(plain)
    markup = _markup(params, inline_only=False)
    message = state.new_message(
        chat.chat_id,
        None,
        text=plain,
        entities=entities,
        html=html,
        is_caption=True,
        reply_markup=markup,
        reply_to=_reply_to(state, chat, params),
        **{kind: stored},
    )
    return state.message_to_api(message)


def _editable(state: SimState, params: JSON) -> StoredMessage:
    if "inline_message_id" in params:
        raise bad_request("inline messages are not supported by the simulator")
    if "chat_id" not in params:
        raise bad_request("chat_id is empty")
    if "message_id" not in params:
        raise bad_request("message identifier is not specified")
    chat = state.resolve_chat(params["chat_id"])
    message = state.get_message(chat.chat_id, params["message_id"])
    if message is None:
        raise bad_request("message to edit not found")
    if message.sender_id is not None:
        raise bad_request("message can't be edited")
    return message


def _inline(markup: JSON | None) -> JSON | None:
    return markup if markup and "inline_keyboard" in markup else None


def _apply_edit(state: SimState, message: StoredMessage, changes: JSON) -> JSON:
    current = {name: getattr(message, name) for name in changes}
    current["reply_markup"] = _inline(message.reply_markup)
    if current == changes:
        raise bad_request(NOT_MODIFIED)
    for name, value in changes.items():
        setattr(message, name, value)
    message.edit_count += 1
    message.edit_date = int(time.time())
    return state.message_to_api(message)


def edit_message_text(state: SimState, params: JSON) -> JSON:
    message = _editable(state, params)
    if "text" not in params:
        raise bad_request("message text is empty")
    if message.is_caption or message.sticker is not None:
        raise bad_request("there is no text in the message to edit")
    plain, entities, html = render(params["text"], params.get("parse_mode"), params.get("entities"))
    check_text(plain)
    markup = _markup(params, inline_only=True)
    result = _apply_edit(state, message, {"text": plain, "entities": entities, "reply_markup": markup})
    message.html = html
    return result


def edit_message_caption(state: SimState, params: JSON) -> JSON:
    message = _editable(state, params)
    if not message.is_caption:
        raise bad_request("there is no caption in the message to edit")
    plain, entities, html = render(
        params.get("caption", ""), params.get("parse_mode"), params.get("caption_entities")
    )
    check_caption(plain)
    markup = _markup(params, inline_only=True)
    result = _apply_edit(state, message, {"text": plain, "entities": entities, "reply_markup": markup})
    message.html = html
    return result


def edit_message_reply_markup(state: SimState, params: JSON) -> JSON:
    message = _editable(state, params)
    return _apply_edit(state, message, {"reply_markup": _markup(params, inline_only=True)})


def delete_message(state: SimState, params: JSON) -> bool:
    chat = state.resolve_chat(params["chat_id"])
    message = state.get_message(chat.chat_id, params["message_id"])
    if message is None:
        raise bad_request("message to delete not found")
    message.deleted = True
    return True


def pin_chat_message(state: SimState, params: JSON) -> bool:
    chat = state.resolve_chat(params["chat_id"])
    message = state.get_message(chat.chat_id, params["message_id"])
    if message is None:
        raise bad_request("message to pin not found")
    message.pinned = True
    return True


def unpin_chat_message(state: SimState, params: JSON) -> bool:
    chat = state.resolve_chat(params["chat_id"])
    if "message_id" in params:
        message = state.get_message(chat.chat_id, params["message_id"])
        if message is None:
            raise bad_request("message to unpin not found")
        message.pinned = False
        return True
    pinned = [m for m in state.messages.get(chat.chat_id, {}).values() if m.pinned and not m.deleted]
    if pinned:
        pinned[-1].pinned = False
    return True
