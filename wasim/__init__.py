"""A WhatsApp Business Cloud API simulator (not part of the bot): see ``wasim.simulator``."""

from wasim.chat import Template, WaMessage
from wasim.simulator import VERSION, WhatsAppSimulator

__all__ = ["VERSION", "Template", "WaMessage", "WhatsAppSimulator"]
