"""Telegram HTML -> WhatsApp's own formatting: <b> -> *bold*, <i> -> _italic_, <s> -> ~strike~,
<code>/<pre> -> ```monospace```, links -> "text (url)". WhatsApp needs the markers against the words, so
spaces at the edges move outside."""

from __future__ import annotations

from html.parser import HTMLParser

MARKERS = {
    "b": "*",
    "strong": "*",
    "i": "_",
    "em": "_",
    "s": "~",
    "strike": "~",
    "del": "~",
    "code": "```",
    "pre": "```",
    "u": "",
}


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, list[str]]] = [("", None, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data("\n")
            return
        self.stack.append((tag, dict(attrs).get("href"), []))

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) == 1 or self.stack[-1][0] != tag:
            return  # a stray closing tag: Telegram would have refused it, we just ignore it
        _, href, parts = self.stack.pop()
        inner = "".join(parts)
        self.handle_data(_wrap(tag, inner, href))

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)

    def result(self) -> str:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return "".join(self.stack[0][2])


def _wrap(tag: str, inner: str, href: str | None) -> str:
    if tag == "a":
        if not href or href.startswith("tg://") or href == inner:
            return inner
        return f"{inner} ({href})"
    marker = MARKERS.get(tag, "")
    core = inner.strip()
    if not marker or not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{marker}{core}{marker}{trail}"


def to_whatsapp(html: str) -> str:
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.result()


def to_plain(html: str) -> str:
    """Without any formatting (template parameters, list rows)."""
    text = to_whatsapp(html)
    for marker in ("```", "*", "_", "~"):
        text = text.replace(marker, "")
    return text
