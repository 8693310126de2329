"""Burenbot on WhatsApp: the unchanged PTB handlers, bridged to the WhatsApp Business Cloud API."""
