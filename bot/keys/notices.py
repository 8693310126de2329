"""What the keys feature tells members: a key handed to you (confirm or refuse), the giver hearing the
answer, the 24-hour reminders, and how a leaving member's key reads (see bot/notices.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.keys.actions import CONFIRM, GIVE_TO, REFUSE
from bot.notices import Reader, Rendered, notice_kind

OFFERED = "key_offered"
ANSWERED = "key_answered"
GIVER_REMINDER = "key_giver_reminder"
REQUESTED = "key_requested"


@notice_kind(OFFERED)
def _offered(r: Reader, d: Mapping[str, Any]) -> Rendered:
    text_key = "keys.offer_reminder" if d.get("reminder") else "keys.offer_received"
    rows = [
        [
            (r.t("keys.confirm_button"), CONFIRM.encode(d["key_id"], d["offer_id"])),
            (r.t("keys.refuse_button"), REFUSE.encode(d["key_id"], d["offer_id"])),
        ]
    ]
    return Rendered(r.t(text_key, name=d["name"], label=d["label"]), rows)


@notice_kind(ANSWERED)
def _answered(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the giver: the receiver confirmed or refused (``answer``)."""
    return Rendered(r.t(f"keys.giver_{d['answer']}", name=d["name"], label=d["label"]))


@notice_kind(GIVER_REMINDER)
def _giver_reminder(r: Reader, d: Mapping[str, Any]) -> Rendered:
    return Rendered(r.t("keys.giver_reminder", name=d["name"], label=d["label"]))


@notice_kind("holding.key")
def _holding_key(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """A key a leaving member holds: it goes to the key box."""
    return Rendered(r.t("leaving.holding_key", label=d["label"]))


@notice_kind(REQUESTED)
def _requested(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the holder and the coordinators: someone needs the key; one press hands it over."""
    text = r.t("keys.request_received", name=d["name"], label=d["label"], note=d["note"])
    button = r.t("keys.give_to_button", name=d["name"])
    return Rendered(text, [[(button, GIVE_TO.encode(d["key_id"], d["requester_id"]))]])
