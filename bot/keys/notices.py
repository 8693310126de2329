"""How the keys feature's holdings read (see bot/notices.py and bot/members/leaving.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.notices import Reader, Rendered, notice_kind


@notice_kind("holding.key")
def _holding_key(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """A key a leaving member holds: it goes to the key box."""
    return Rendered(r.t("leaving.holding_key", label=d["label"]))
