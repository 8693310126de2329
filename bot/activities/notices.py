"""What the activities feature tells members: a freed place offered, an offer that lapsed, a task given
back at short notice, a member who left with places on an activity (see bot/notices.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.activities.actions import OFFER_NO, OFFER_YES
from bot.activities.changes import PRESET
from bot.notices import Reader, Rendered, notice_kind

OFFER = "offer"
OFFER_EXPIRED = "offer_expired"
GIVEN_BACK_SHORT = "given_back_short"
PLACES_FREED = "places_freed"
CHANGED = "activity_changed"


@notice_kind(OFFER)
def _offer(r: Reader, d: Mapping[str, Any]) -> Rendered:
    text = r.t(
        "offer.text",
        task=d["task"],
        activity=d["activity"],
        when=r.when(d["starts_at"], d["ends_at"]),
        deadline=r.clock(d["expires_at"]),
    )
    rows = [
        [(r.t("offer.yes"), OFFER_YES.encode(d["task_id"])), (r.t("offer.no"), OFFER_NO.encode(d["task_id"]))]
    ]
    return Rendered(text, rows)


@notice_kind(OFFER_EXPIRED)
def _offer_expired(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """The truth about the place: it went to the next one waiting, or it is still free."""
    return Rendered(r.t("offer.expired" if d.get("passed_on", True) else "offer.expired_still_free"))


@notice_kind(GIVEN_BACK_SHORT)
def _given_back_short(r: Reader, d: Mapping[str, Any]) -> Rendered:
    text = r.t(
        "notify.given_back_short",
        name=d["name"],
        task=d["task"],
        activity=d["activity"],
        when=r.when(d["starts_at"], d["ends_at"]),
    )
    return Rendered(text)


@notice_kind(PLACES_FREED)
def _places_freed(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To an organiser: someone who is no longer a member had a task on their activity (no name after an
    erasure)."""
    key = "notify.member_left_task" if d["name"] else "notify.member_left_task_anonymous"
    if not d.get("offered", True):  # nobody was waiting: the place is simply open (older rows: as before)
        key += "_open"
    text = r.t(
        key,
        name=d["name"],
        task=d["task"],
        activity=d["activity"],
        when=r.when(d["starts_at"], d["ends_at"]),
    )
    return Rendered(text)


@notice_kind("holding.task")
def _holding_task(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """A place a leaving member has (listed before /verwijder or /vergeetmij is confirmed)."""
    when = r.when(d["starts_at"], d["ends_at"])
    return Rendered(r.t("leaving.holding_task", task=d["task"], activity=d["activity"], when=when))


@notice_kind(CHANGED)
def _changed(r: Reader, d: Mapping[str, Any]) -> Rendered:
    """To the people on an activity: it moved, changed place, was edited or was cancelled (``change``
    says which); an edit lists what changed, a cancel says why when a reason was given."""
    place = r.place(d["place"])
    when = r.when(d["starts_at"], d["ends_at"])
    lines = [r.t(f"notify.{d['change']}", title=d["title"], when=when, place=place)]
    lines.extend(_item_line(r, item) for item in d.get("items", ()))
    if d.get("reason"):
        lines.append(r.t("notify.cancel_reason", reason=reason_text(r.t, d["reason"])))
    return Rendered("\n".join(lines))


def _item_line(r: Reader, item: Mapping[str, Any]) -> str:
    if item["kind"] == "when":
        return r.t("notify.edit_when", when=r.when(item["starts_at"], item["ends_at"]))
    if item["kind"] == "place":
        return r.t("notify.edit_place", place=r.place(item["place"]))
    if item["kind"] == "title":
        return r.t("notify.edit_title", old=item["old"], new=item["new"])
    if item["kind"] == "description":
        if not item["new"]:
            return r.t("notify.edit_description_removed")
        return r.t("notify.edit_description", description=item["new"])
    if item["kind"] == "task_added":
        return r.t("notify.edit_task_added", task=item["task"], places=item["places"])
    if item["kind"] == "task_removed":
        return r.t("notify.edit_task_removed", task=item["task"])
    return r.t("notify.edit_places", task=item["task"], places=item["places"])


def reason_text(t: Callable[..., str], reason: str) -> str:
    """A stored cancel reason as the reader reads it: a preset in their language, typed text as typed."""
    if reason.startswith(PRESET):
        return t(f"cancel_reason.{reason[len(PRESET) :]}")
    return reason
