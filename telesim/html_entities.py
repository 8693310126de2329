"""Telegram's ``parse_mode=HTML``: turn the markup into plain text plus MessageEntity dicts.

Only the tags Telegram documents are accepted; everything else is rejected the way Telegram does it
("can't parse entities: ..."). Entity offsets and lengths are in UTF-16 code units, like the real API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_OTHER_TAGS = {"span", "a", "blockquote", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_NAME_RE = re.compile(r"[a-zA-Z0-9-]+")
_ATTR_NAME_RE = re.compile(r"[a-zA-Z0-9_-]+")


class HtmlParseError(ValueError):
    """The markup is not something Telegram accepts; ``str(exc)`` is Telegram-like detail text."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    offset: int
    #: A <code class="language-x"> directly inside <pre> only sets the pre's language.
    language_holder: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.offset = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.offset += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                self.entity()
            elif char == "<":
                if src.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                nxt = min(
                    (i for i in (src.find("<", self.pos), src.find("&", self.pos)) if i >= 0), default=-1
                )
                end = len(src) if nxt < 0 else nxt
                self.emit(src[self.pos : end])
                self.pos = end
        if self.stack:
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self) -> None:
        match = _ENTITY_RE.match(self.src, self.pos)
        if match is None:
            self.emit("&")
            self.pos += 1
            return
        dec, hexa, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                self.emit("&")  # Unknown named entities are kept literally, like Telegram does.
                self.pos += 1
                return
            self.emit(_NAMED_ENTITIES[name])
        else:
            code = int(dec) if dec is not None else int(hexa, 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
                raise HtmlParseError(f"Invalid HTML entity at byte offset {self.byte_offset(self.pos)}")
            self.emit(chr(code))
        self.pos = match.end()

    def start_tag(self) -> None:
        start = self.pos
        match = _NAME_RE.match(self.src, start + 1)
        name = match.group(0).lower() if match else ""
        if name not in _SIMPLE_TAGS and name not in _OTHER_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(start)}')
        self.pos = match.end() if match else start + 1
        attrs = self.attributes(name, start)
        opened = _Open(name, attrs, self.offset)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(start)}'
            )
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlParseError("Custom emoji entity must contain a valid custom emoji identifier")
        if name == "code" and self.stack and self.stack[-1].tag == "pre":
            language = attrs.get("class", "")
            if language.startswith("language-") and len(language) > len("language-"):
                self.stack[-1].extra["language"] = language[len("language-") :]
                opened.language_holder = True
        self.stack.append(opened)

    def attributes(self, tag: str, start: int) -> dict[str, str]:
        src = self.src
        attrs: dict[str, str] = {}
        while True:
            while self.pos < len(src) and src[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(src):
                raise HtmlParseError(f"Unclosed start tag at byte offset {self.byte_offset(start)}")
            if src[self.pos] == ">":
                self.pos += 1
                return attrs
            match = _ATTR_NAME_RE.match(src, self.pos)
            if match is None:
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {self.byte_offset(start)}"
                )
            attr = match.group(0).lower()
            self.pos = match.end()
            value = ""
            if src.startswith("=", self.pos):
                self.pos += 1
                value = self.attribute_value(start)
            attrs[attr] = value

    def attribute_value(self, start: int) -> str:
        src = self.src
        if self.pos < len(src) and src[self.pos] in "\"'":
            quote = src[self.pos]
            end = src.find(quote, self.pos + 1)
            if end < 0:
                raise HtmlParseError(f"Unclosed start tag at byte offset {self.byte_offset(start)}")
            raw = src[self.pos + 1 : end]
            self.pos = end + 1
        else:
            match = re.compile(r"[^\s>]*").match(src, self.pos)
            raw = match.group(0) if match else ""
            self.pos += len(raw)
        return _decode_attribute(raw)

    def end_tag(self) -> None:
        start = self.pos
        close = self.src.find(">", start)
        if close < 0:
            raise HtmlParseError(f"Unclosed end tag at byte offset {self.byte_offset(start)}")
        name = self.src[start + 2 : close].strip().lower()
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self.byte_offset(start)}")
        opened = self.stack.pop()
        if opened.tag != name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self.byte_offset(start)}, "
                f'expected "</{opened.tag}>", found "</{name}>"'
            )
        self.pos = close + 1
        self.close_entity(opened)

    def close_entity(self, opened: _Open) -> None:
        length = self.offset - opened.offset
        if length == 0 or opened.language_holder:
            return
        entity: dict[str, Any] = {"offset": opened.offset, "length": length}
        tag, attrs = opened.tag, opened.attrs
        if tag in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[tag]
            if tag == "pre" and "language" in opened.extra:
                entity["language"] = opened.extra["language"]
        elif tag == "span":
            entity["type"] = "spoiler"
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        elif tag == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=attrs["emoji-id"])
        else:  # a
            href = attrs.get("href", "")
            if not href:
                return
            user_match = re.fullmatch(r"tg://user\?id=(\d+)", href)
            if user_match:
                entity.update(
                    type="text_mention",
                    user={"id": int(user_match.group(1)), "is_bot": False, "first_name": ""},
                )
            else:
                entity.update(type="text_link", url=href)
        self.entities.append(entity)


def _decode_attribute(raw: str) -> str:
    def replace(match: re.Match[str]) -> str:
        dec, hexa, name = match.groups()
        if name is not None:
            return _NAMED_ENTITIES.get(name, match.group(0))
        return chr(int(dec) if dec is not None else int(hexa, 16))

    return _ENTITY_RE.sub(replace, raw)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return ``(plain_text, entities)`` or raise :class:`HtmlParseError`."""
    return _Parser(source).run()
