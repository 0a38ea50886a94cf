"""The Bot API methods, one module per family; importing this package registers them all."""

from __future__ import annotations

from . import (
    callbacks,
    chats,
    commands,
    edits,
    forum,
    identity,
    media,
    messages,
    payments,
    updates,
    webapps,
)

__all__ = [
    "callbacks",
    "chats",
    "commands",
    "edits",
    "forum",
    "identity",
    "media",
    "messages",
    "payments",
    "updates",
    "webapps",
]
