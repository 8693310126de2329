"""Telegram's HTML, checked before a coordinator's text ever reaches Telegram.

Only the tags the content may use are allowed, entities must be the four Telegram knows, and the length
is counted as Telegram counts it (UTF-16 code units, after parsing).
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_MESSAGE_CHARS = 4096  # Telegram's limit, counted after HTML parsing
ALLOWED_TAGS = {"b": set(), "i": set(), "code": set(), "a": {"href"}}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}  # the only ones Telegram knows


def _telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHtmlChecker(HTMLParser):
    """Checks that a body only uses what Telegram's HTML parse mode accepts, and measures its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.open_tags: list[str] = []
        self.text_length = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.unsupported(tag)
            return
        names = {name for name, _ in attrs}
        if names - ALLOWED_TAGS[tag]:
            self.problems.append(f"unsupported attribute on <{tag}>: {', '.join(sorted(names))}")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> needs an href")
        if tag in self.open_tags:
            self.problems.append(f"<{tag}> inside <{tag}>")
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"unsupported tag <{tag}/>")

    def unsupported(self, tag: str) -> None:
        self.problems.append(f"unsupported tag <{tag}> (allowed: b, i, a href, code)")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.unsupported(tag)
            return
        if not self.open_tags or self.open_tags[-1] != tag:
            self.problems.append(f"</{tag}> does not close the last opened tag")
            if tag in self.open_tags:
                self.open_tags.remove(tag)
            return
        self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        for char, entity in (("<", "&lt;"), (">", "&gt;"), ("&", "&amp;")):
            if char in data:
                self.problems.append(f"write {char} as {entity}")
        self.text_length += _telegram_length(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            self.problems.append(f"unknown entity &{name}; (use &lt; &gt; &amp; &quot; or a number)")
        self.text_length += 1

    def handle_charref(self, name: str) -> None:
        try:
            char = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            self.problems.append(f"invalid character reference &#{name};")
            return
        self.text_length += _telegram_length(char)

    def handle_comment(self, data: str) -> None:
        self.problems.append("HTML comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declarations are not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("declarations are not allowed")


def check_telegram_html(body: str) -> tuple[list[str], int]:
    """The problems of a Telegram HTML text and its length as Telegram counts it."""
    checker = _TelegramHtmlChecker()
    checker.feed(body)
    checker.close()  # an unfinished "<b" at the end arrives as text, and is reported as a bare "<"
    checker.problems.extend(f"<{tag}> is never closed" for tag in checker.open_tags)
    return list(dict.fromkeys(checker.problems)), checker.text_length
