"""HTTP control API and web chat (filled in later)."""

from __future__ import annotations

from aiohttp import web


def add_web_routes(app: web.Application) -> None:
    """Register ``/control/*`` and ``GET /``."""
