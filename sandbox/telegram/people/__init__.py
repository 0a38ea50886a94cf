"""What the people on the other side of the bots do: write, share contacts and locations, press
buttons, pay invoices, open Mini Apps, block bots. The sim API is a thin HTTP layer over these,
and Python callers (tests, tools) may use them directly."""

from __future__ import annotations

from .buttons import press
from .chats import chat_instance, person_conversation
from .membership import announce_group, block, unblock
from .messages import Document, edit, send
from .payments import pay
from .waiting import wait_for_bot
from .web_apps import open_web_app, send_web_app_data

__all__ = [
    "Document",
    "announce_group",
    "block",
    "chat_instance",
    "edit",
    "open_web_app",
    "pay",
    "person_conversation",
    "press",
    "send",
    "send_web_app_data",
    "unblock",
    "wait_for_bot",
]
