"""Domain errors raised by the core.

The core never returns user-facing text: it raises one of these, and the transport maps the error to a
text key (see ``handlers/errors.py``). Every subclass carries the key of the message that explains it.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the group was not met; the user gets the message named by ``text_key``."""

    text_key = "error.generic"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.__class__.__name__)
        self.params = params


class NotAllowed(DomainError):
    text_key = "error.not_allowed"


class NotAMember(DomainError):
    text_key = "error.not_a_member"


class NotFound(DomainError):
    text_key = "error.not_found"


class InvalidInput(DomainError):
    text_key = "error.invalid_input"
