"""Right-to-left texts that Telegram shows the right way round, also around times, numbers and /commands.

Telegram picks a paragraph's direction from its first strong character, so an Arabic line that starts with
"/uren" or "19:30" would be laid out left to right. Each line therefore starts with a RIGHT-TO-LEFT MARK,
and left-to-right islands (commands, ``<code>`` spans, filled-in names and numbers) sit in Unicode isolates
so their neutral neighbours (":", "(", "–") stay where the reader expects them. Marks never go inside a
command, so Telegram still makes it tappable.
"""

from __future__ import annotations

import re

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: the line's direction
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE: a command or code span
FSI = "\u2068"  # FIRST STRONG ISOLATE: a value whose direction its own letters decide (a name may be Arabic)
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends either isolate
MARKS = frozenset({RLM, LRI, FSI, PDI, "\u200e", "\u202a", "\u202b", "\u202c", "\u2067"})

_LTR_ISLAND = re.compile(rf"{LRI}?(?:<code>.*?</code>|(?<![\w/<])/[A-Za-z][A-Za-z0-9_]*)", re.S)


def isolate(value: str) -> str:
    """A filled-in value that keeps its own direction inside a right-to-left sentence."""
    if not value or value.startswith(FSI):
        return value
    return f"{FSI}{value}{PDI}"


def right_to_left(text: str) -> str:
    """``text`` marked so that every line reads right to left; applying it twice changes nothing."""
    text = _LTR_ISLAND.sub(lambda m: m[0] if m[0].startswith(LRI) else f"{LRI}{m[0]}{PDI}", text)
    return "\n".join(line if not line or line.startswith(RLM) else RLM + line for line in text.split("\n"))


def strip_marks(text: str) -> str:
    """The text without direction marks (for comparing typed input with what the bot wrote)."""
    return "".join(ch for ch in text if ch not in MARKS)
