"""Which channel a chat is on, and the WhatsApp 24-hour window rule: pure facts, no transport imports.

A WhatsApp contact is given a synthetic user id above every Telegram id (Telegram ids have at most 52
significant bits), so ``members.telegram_id`` and ``outbox.chat_id`` hold either kind unchanged.
"""

from __future__ import annotations

from datetime import datetime, timedelta

WHATSAPP_ID_BASE = 2**52
WINDOW = timedelta(hours=24)


def is_whatsapp_chat(chat_id: int) -> bool:
    return chat_id >= WHATSAPP_ID_BASE


def whatsapp_user_id(contact_id: int) -> int:
    return WHATSAPP_ID_BASE + contact_id


def window_open(last_inbound: datetime | None, now: datetime) -> bool:
    """Free-form messages are allowed only within 24 hours of the member's last message."""
    return last_inbound is not None and now - last_inbound < WINDOW
