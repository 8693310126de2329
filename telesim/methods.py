"""Bot API methods other than message sending, and the table that maps names to implementations."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from telesim import messaging
from telesim.commands import fallback_chain, scope_key
from telesim.errors import ApiError, bad_request
from telesim.models import SimCallbackAnswer
from telesim.schema import (
    CALLBACK_ANSWER_TEXT_MAX_CHARS,
    COMMAND_DESCRIPTION_MAX_CHARS,
    COMMAND_MAX_CHARS,
    GET_UPDATES_MAX_LIMIT,
    MAX_COMMANDS,
)
from telesim.state import SimState

JSON = dict[str, Any]
Handler = Callable[[SimState, JSON], Any]
_COMMAND_RE = re.compile(rf"[a-z0-9_]{{1,{COMMAND_MAX_CHARS}}}")
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)


def get_me(state: SimState, params: JSON) -> JSON:
    return {
        **state.bot_user_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(state: SimState, params: JSON) -> list[JSON]:
    if state.webhook["url"]:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    queue = state.updates
    queue.set_allowed(params.get("allowed_updates"))
    if "offset" in params:
        queue.confirm(params["offset"])
    limit = min(max(params.get("limit", GET_UPDATES_MAX_LIMIT), 1), GET_UPDATES_MAX_LIMIT)
    timeout = max(params.get("timeout", 0), 0)
    return await queue.wait_for_updates(limit, float(timeout))


def set_webhook(state: SimState, params: JSON) -> bool:
    if params.get("drop_pending_updates"):
        state.updates.drop_all()
    state.webhook = {
        key: value for key, value in params.items() if key not in ("certificate", "drop_pending_updates")
    }
    return True


def delete_webhook(state: SimState, params: JSON) -> bool:
    if params.get("drop_pending_updates"):
        state.updates.drop_all()
    state.webhook = {"url": ""}
    return True


def get_webhook_info(state: SimState, params: JSON) -> JSON:
    info: JSON = {
        "url": state.webhook["url"],
        "has_custom_certificate": False,
        "pending_update_count": state.updates.pending(),
    }
    for key in ("max_connections", "allowed_updates", "ip_address"):
        if key in state.webhook:
            info[key] = state.webhook[key]
    return info


def _language(params: JSON) -> str:
    language = str(params.get("language_code", ""))
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return language


def _scope(state: SimState, params: JSON) -> Any:
    return scope_key(params.get("scope"), lambda ref: state.resolve_chat(ref).chat_id)


def set_my_commands(state: SimState, params: JSON) -> bool:
    commands = params["commands"]
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    parsed: list[tuple[str, str]] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX_CHARS:
            raise bad_request(
                "command description must be 1-256 characters long (BOT_COMMAND_DESCRIPTION_INVALID)"
            )
        parsed.append((command, description))
    state.commands.set(_scope(state, params), _language(params), parsed)
    return True


def get_my_commands(state: SimState, params: JSON) -> list[JSON]:
    found = state.commands.get(_scope(state, params), _language(params))
    return [{"command": command, "description": description} for command, description in found]


def delete_my_commands(state: SimState, params: JSON) -> bool:
    state.commands.delete(_scope(state, params), _language(params))
    return True


def resolve_commands(state: SimState, scope: JSON | None, language_code: str) -> list[tuple[str, str]]:
    key = scope_key(scope, lambda ref: state.resolve_chat(ref).chat_id)
    return state.commands.resolve(fallback_chain(key, state.is_admin, state.is_private), language_code)


def set_chat_menu_button(state: SimState, params: JSON) -> bool:
    chat_id = state.resolve_chat(params["chat_id"]).chat_id if "chat_id" in params else None
    button = params.get("menu_button", {"type": "default"})
    if button.get("type") not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button JSON object: unsupported menu button type")
    state.menu_buttons[chat_id] = button
    return True


def answer_callback_query(state: SimState, params: JSON) -> bool:
    query_id = params["callback_query_id"]
    text = params.get("text")
    if text is not None and len(text) > CALLBACK_ANSWER_TEXT_MAX_CHARS:
        raise bad_request("MESSAGE_TOO_LONG")
    user_id = state.open_queries.pop(query_id, None)
    if user_id is None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    state.callback_answers.append(SimCallbackAnswer(query_id, user_id, text, bool(params.get("show_alert"))))
    return True


def get_chat(state: SimState, params: JSON) -> JSON:
    chat = state.resolve_chat(params["chat_id"])
    data = {
        **chat.to_api(state.users),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
    pinned = [m for m in state.messages.get(chat.chat_id, {}).values() if m.pinned and not m.deleted]
    if pinned:
        data["pinned_message"] = state.message_to_api(pinned[-1])
    return data


def get_chat_member(state: SimState, params: JSON) -> JSON:
    chat = state.resolve_chat(params["chat_id"])
    user_id = params["user_id"]
    if user_id == state.bot_id:
        user = state.bot_user_api()
    elif user_id in state.users:
        user = state.users[user_id].to_api()
    else:
        raise bad_request("user not found")
    status = state.member_status(chat.chat_id, user_id)
    member: JSON = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(can_be_edited=False, is_anonymous=False, **dict.fromkeys(_ADMIN_RIGHTS, True))
    elif status == "restricted":
        member.update(is_member=True, until_date=0, **dict.fromkeys(_RESTRICTED_RIGHTS, False))
    elif status == "kicked":
        member["until_date"] = 0
    return member


def get_file(state: SimState, params: JSON) -> JSON:
    stored = state.files.get(params["file_id"])
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.data is None:
        raise bad_request("file is temporarily unavailable (simulator does not fetch URLs)")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


def send_chat_action(state: SimState, params: JSON) -> bool:
    messaging.sendable_chat(state, params["chat_id"])
    if params["action"] not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def _constant(value: Any) -> Handler:
    return lambda state, params: value


HANDLERS: dict[str, Handler | Callable[[SimState, JSON], Awaitable[Any]]] = {
    "getMe": get_me,
    "logOut": _constant(True),
    "close": _constant(True),
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "sendMessage": messaging.send_message,
    "sendPhoto": lambda state, params: messaging.send_media(state, params, "photo"),
    "sendDocument": lambda state, params: messaging.send_media(state, params, "document"),
    "editMessageText": messaging.edit_message_text,
    "editMessageCaption": messaging.edit_message_caption,
    "editMessageReplyMarkup": messaging.edit_message_reply_markup,
    "deleteMessage": messaging.delete_message,
    "answerCallbackQuery": answer_callback_query,
    "pinChatMessage": messaging.pin_chat_message,
    "unpinChatMessage": messaging.unpin_chat_message,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getFile": get_file,
    "sendChatAction": send_chat_action,
}
