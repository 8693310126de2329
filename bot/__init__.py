"""Burenbot: the chatbot of Buren voor Buren, the volunteer group of the L-flat in Zeist."""

__version__ = "0.1.0"
