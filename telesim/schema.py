"""Hand-encoded subset of the Telegram Bot API that the simulator supports.

Parameter names, types (spelled like the official docs) and required flags are written here by hand so
that the project never depends on the spec file at runtime. ``tests/telesim/test_conformance.py`` checks
this module against the official machine-readable spec when that file is available.
"""

from __future__ import annotations

from dataclasses import dataclass

# Limits (facts from the Bot API docs; verified by the conformance test).
TEXT_MAX_CHARS = 4096
CAPTION_MAX_CHARS = 1024
CALLBACK_DATA_MAX_BYTES = 64
CALLBACK_ANSWER_TEXT_MAX_CHARS = 200
COMMAND_MAX_CHARS = 32
COMMAND_DESCRIPTION_MAX_CHARS = 256
MAX_COMMANDS = 100
GET_UPDATES_MAX_LIMIT = 100

REPLY_MARKUP_TYPES = ("InlineKeyboardMarkup", "ReplyKeyboardMarkup", "ReplyKeyboardRemove", "ForceReply")


@dataclass(frozen=True)
class Param:
    name: str
    types: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class MethodSpec:
    name: str
    params: tuple[Param, ...]
    #: Counted by the flood-control token buckets (message sending and editing).
    rate_limited: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _p(name: str, *types: str, required: bool = False) -> Param:
    return Param(name, types, required)


_CHAT_ID = _p("chat_id", "Integer", "String", required=True)
_CHAT_ID_OPT = _p("chat_id", "Integer", "String")
_THREAD = _p("message_thread_id", "Integer")
_PARSE_MODE = _p("parse_mode", "String")
_SILENT = _p("disable_notification", "Boolean")
_PROTECT = _p("protect_content", "Boolean")
_REPLY_PARAMS = _p("reply_parameters", "ReplyParameters")
_REPLY_MARKUP = _p("reply_markup", *REPLY_MARKUP_TYPES)
_INLINE_MARKUP = _p("reply_markup", "InlineKeyboardMarkup")
_MESSAGE_ID_OPT = _p("message_id", "Integer")
_INLINE_MESSAGE_ID = _p("inline_message_id", "String")
_SCOPE = _p("scope", "BotCommandScope")
_LANGUAGE = _p("language_code", "String")
_ALLOWED_UPDATES = _p("allowed_updates", "Array of String")
_SEND_COMMON = (_THREAD, _SILENT, _PROTECT, _p("message_effect_id", "String"), _REPLY_PARAMS, _REPLY_MARKUP)

_ALL = (
    MethodSpec("getMe", ()),
    MethodSpec("logOut", ()),
    MethodSpec("close", ()),
    MethodSpec(
        "getUpdates",
        (_p("offset", "Integer"), _p("limit", "Integer"), _p("timeout", "Integer"), _ALLOWED_UPDATES),
    ),
    MethodSpec(
        "setWebhook",
        (
            _p("url", "String", required=True),
            _p("certificate", "InputFile"),
            _p("ip_address", "String"),
            _p("max_connections", "Integer"),
            _ALLOWED_UPDATES,
            _p("drop_pending_updates", "Boolean"),
            _p("secret_token", "String"),
        ),
    ),
    MethodSpec("deleteWebhook", (_p("drop_pending_updates", "Boolean"),)),
    MethodSpec("getWebhookInfo", ()),
    MethodSpec("setMyCommands", (_p("commands", "Array of BotCommand", required=True), _SCOPE, _LANGUAGE)),
    MethodSpec("getMyCommands", (_SCOPE, _LANGUAGE)),
    MethodSpec("deleteMyCommands", (_SCOPE, _LANGUAGE)),
    MethodSpec("setChatMenuButton", (_p("chat_id", "Integer"), _p("menu_button", "MenuButton"))),
    MethodSpec(
        "sendMessage",
        (
            _CHAT_ID,
            _p("text", "String", required=True),
            _PARSE_MODE,
            _p("entities", "Array of MessageEntity"),
            _p("link_preview_options", "LinkPreviewOptions"),
            *_SEND_COMMON,
        ),
        rate_limited=True,
    ),
    MethodSpec(
        "sendPhoto",
        (
            _CHAT_ID,
            _p("photo", "InputFile", "String", required=True),
            _p("caption", "String"),
            _PARSE_MODE,
            _p("caption_entities", "Array of MessageEntity"),
            _p("has_spoiler", "Boolean"),
            *_SEND_COMMON,
        ),
        rate_limited=True,
    ),
    MethodSpec(
        "sendDocument",
        (
            _CHAT_ID,
            _p("document", "InputFile", "String", required=True),
            _p("thumbnail", "InputFile", "String"),
            _p("caption", "String"),
            _PARSE_MODE,
            _p("caption_entities", "Array of MessageEntity"),
            _p("disable_content_type_detection", "Boolean"),
            *_SEND_COMMON,
        ),
        rate_limited=True,
    ),
    MethodSpec(
        "editMessageText",
        (
            _CHAT_ID_OPT,
            _MESSAGE_ID_OPT,
            _INLINE_MESSAGE_ID,
            # Optional in the spec since rich messages exist; the simulator still demands it.
            _p("text", "String"),
            _PARSE_MODE,
            _p("entities", "Array of MessageEntity"),
            _p("link_preview_options", "LinkPreviewOptions"),
            _INLINE_MARKUP,
        ),
        rate_limited=True,
    ),
    MethodSpec(
        "editMessageCaption",
        (
            _CHAT_ID_OPT,
            _MESSAGE_ID_OPT,
            _INLINE_MESSAGE_ID,
            _p("caption", "String"),
            _PARSE_MODE,
            _p("caption_entities", "Array of MessageEntity"),
            _INLINE_MARKUP,
        ),
        rate_limited=True,
    ),
    MethodSpec(
        "editMessageReplyMarkup",
        (_CHAT_ID_OPT, _MESSAGE_ID_OPT, _INLINE_MESSAGE_ID, _INLINE_MARKUP),
        rate_limited=True,
    ),
    MethodSpec("deleteMessage", (_CHAT_ID, _p("message_id", "Integer", required=True))),
    MethodSpec(
        "answerCallbackQuery",
        (
            _p("callback_query_id", "String", required=True),
            _p("text", "String"),
            _p("show_alert", "Boolean"),
            _p("url", "String"),
            _p("cache_time", "Integer"),
        ),
    ),
    MethodSpec("pinChatMessage", (_CHAT_ID, _p("message_id", "Integer", required=True), _SILENT)),
    MethodSpec("unpinChatMessage", (_CHAT_ID, _MESSAGE_ID_OPT)),
    MethodSpec("getChat", (_CHAT_ID,)),
    MethodSpec("getChatMember", (_CHAT_ID, _p("user_id", "Integer", required=True))),
    MethodSpec("getFile", (_p("file_id", "String", required=True),)),
    MethodSpec("sendChatAction", (_CHAT_ID, _THREAD, _p("action", "String", required=True))),
)

METHODS: dict[str, MethodSpec] = {m.name: m for m in _ALL}
_BY_LOWER: dict[str, MethodSpec] = {m.name.lower(): m for m in _ALL}


def lookup(method: str) -> MethodSpec | None:
    """Telegram treats method names case-insensitively."""
    return _BY_LOWER.get(method.lower())
