from __future__ import annotations

import pytest

from telesim.html_entities import HtmlParseError, parse_html


def test_entities_and_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>vet</b> &#65;&#x42; &quot;x&quot; &nbsp;")
    assert text == '😀 vet AB "x" &nbsp;'
    assert entities == [{"offset": 3, "length": 3, "type": "bold"}]


def test_pre_with_language_and_blockquote() -> None:
    source = '<pre><code class="language-python">x = 1</code></pre><blockquote expandable>q</blockquote>'
    text, entities = parse_html(source)
    assert text == "x = 1q"
    assert entities == [
        {"offset": 0, "length": 5, "type": "pre", "language": "python"},
        {"offset": 5, "length": 1, "type": "expandable_blockquote"},
    ]


def test_links_mentions_and_emoji() -> None:
    source = '<a href="tg://user?id=42">Anna</a> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    _, entities = parse_html(source)
    assert [e["type"] for e in entities] == ["text_mention", "custom_emoji"]
    assert entities[0]["user"]["id"] == 42


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("é<i>x</b>", 'Unmatched end tag at byte offset 6, expected "</i>", found "</b>"'),
        ("<tg-emoji>x</tg-emoji>", "Custom emoji entity must contain a valid custom emoji identifier"),
    ],
)
def test_errors(source: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert str(caught.value) == message
