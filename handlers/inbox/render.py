"""How /open shows an item: a line in the list, its button, and the card with its actions."""

from __future__ import annotations

from datetime import date, datetime

from bot.budget.actions import APPROVE, DECLINE
from bot.budget.service import money
from bot.callbacks import Action
from bot.i18n import Markup, clock_time, day_label_short
from bot.inbox.actions import ANSWER as ANSWER_REPLY
from bot.inbox.replies import Replies
from bot.inbox.service import InboxItem
from bot.keys.actions import GIVE_TO
from bot.onboarding.actions import ANSWER, PAIR
from handlers.common import BotContext, Button, member_name

SNIPPET = 60
BUTTON_NAME = 24


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _params(context: BotContext, item: InboxItem) -> dict[str, object]:
    """Everything any text of this item may use, formatted in the reader's language."""
    p = item.params
    lang = context.lang
    values: dict[str, object] = {
        "name": _short(p.get("name") or "?", 40),
        "since": day_label_short(context.core.local(item.since), lang) if item.since else "",
    }
    if "text" in p:
        values["text"] = _short(p["text"], SNIPPET)
        values["full_text"] = p["text"]
    if "quote" in p:
        values["quote"] = p["quote"]
    if "note" in p:
        values["label"] = p["label"]
        values["note"] = _short(p["note"], SNIPPET)
    if "title" in p:
        starts: datetime = p["starts_at"]
        local = context.core.local(starts)
        values["title"] = _short(p["title"], SNIPPET)
        values["when"] = f"{day_label_short(local, lang)} {clock_time(local, lang)}"
        room = p["room"] or ""
        values["room"] = context.core.rooms.place_name(room, lang)
    if "purpose" in p:
        values["purpose"] = _short(p["purpose"], SNIPPET)
        values["amount"] = money(p["cents"], lang)
        values["day"] = day_label_short(date.fromisoformat(p["day"]), lang)
    if item.kind == "quiet":
        last = p.get("last_day")
        values["last"] = day_label_short(date.fromisoformat(last), lang) if last else context.t("inbox.never")
    if item.kind == "newcomer":
        values["buddy"] = context.t(f"inbox.buddy.{p.get('buddy') or 'none'}")
    return values


def item_line(context: BotContext, item: InboxItem) -> str:
    return context.t(f"inbox.line.{item.kind}", **_params(context, item))


def item_button(context: BotContext, item: InboxItem) -> str:
    params = _params(context, item)
    params["name"] = _short(str(item.params.get("name") or "?"), BUTTON_NAME)
    return context.t(f"inbox.button.{item.kind}", **params)


async def thread_text(context: BotContext, reply_id: int) -> Markup:
    """A member's replies to one announcement with the answers, oldest first, as one block."""
    replies = Replies(context.core)
    lines = []
    for r in await replies.thread(await replies.get(reply_id)):
        lines.append(context.t("replies.thread_reply", text=r.text))
        if r.answer:
            lines.append(
                context.t(
                    "replies.thread_answer", name=await member_name(context, r.answered_by), text=r.answer
                )
            )
    return Markup("\n".join(lines))


async def card(
    context: BotContext, item: InboxItem, page: int, receipt: Action, bring: Action
) -> tuple[str, list[list[Button]]]:
    """The item in full, with the buttons that handle it (most are the features' own actions)."""
    p = item.params
    t = context.t
    rows: list[list[Button]] = []
    params = _params(context, item)
    if item.kind == "question":
        rows.append([(t("inbox.action.answer"), ANSWER.encode(p["id"]))])
    elif item.kind == "reply":
        params["thread"] = await thread_text(context, p["id"])
        rows.append([(t("inbox.action.answer"), ANSWER_REPLY.encode(p["id"]))])
    elif item.kind == "buddy":
        rows.append([(t("inbox.action.pair"), PAIR.encode(p["id"]))])
    elif item.kind == "key_request":
        name = _short(p["name"], BUTTON_NAME)
        rows.append([(t("inbox.action.give_key", name=name), GIVE_TO.encode(p["key_id"], p["member_id"]))])
    elif item.kind == "key_nobody":
        rows.append([(t("inbox.action.bring"), bring.encode(p["activity_id"], page))])
    elif item.kind == "budget":
        rows.append(
            [
                (t("budget.approve_button"), APPROVE.encode(p["id"])),
                (t("budget.decline_button"), DECLINE.encode(p["id"])),
            ]
        )
    elif item.kind == "receipt":
        rows.append([(t("inbox.action.ask_receipt"), receipt.encode(item.ref, page))])
    return t(f"inbox.card.{item.kind}", **params), rows
