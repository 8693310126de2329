"""telesim: a local Telegram Bot API simulator for end-to-end tests of Burenbot (see README.md)."""

from telesim.faults import Faults
from telesim.limits import RateLimits
from telesim.models import RecordedRequest, SimButton, SimCallbackAnswer, SimChat, SimMessage, SimUser
from telesim.simulator import TelegramSimulator

__all__ = [
    "Faults",
    "RateLimits",
    "RecordedRequest",
    "SimButton",
    "SimCallbackAnswer",
    "SimChat",
    "SimMessage",
    "SimUser",
    "TelegramSimulator",
]
