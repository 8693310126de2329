"""The group chat: a new activity is posted there with a button that opens it privately; the core keeps
the post up to date through the outbox as places fill ("nog 2 plekken", see bot/activities/group_post.py).

The transport's part is the deep link, which needs the bot's username."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from handlers.common import AnyApp, core_of


def attach(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start-up (the username is known after ``initialize()``): how the post's button links back."""
    username = application.bot.username
    core_of(application).group_posts.open_link = lambda activity_id: (
        f"https://t.me/{username}?start=act_{activity_id}"
    )


async def post_new(application: Application[Any, Any, Any, Any, Any, Any], activity_id: int) -> None:
    await core_of(application).group_posts.post(activity_id)


def register(app: AnyApp) -> None:
    """Nothing to listen to: the group is where the bot posts, never where it listens."""
