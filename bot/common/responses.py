"""Keeps aiogram's models of the Bot API answers every update gets alive for the process.

aiogram reads each answer as ``Response[<the method's result type>]``, a pydantic generic model
built on first use that pydantic keeps only in a weak cache. A full garbage collection frees it
and the next answer builds it again: ~5 ms of schema building, on about every other callback
under load (benchmarks/bot_throughput.py), where the answer itself takes a tenth of that.
"""

from __future__ import annotations

from typing import Any

from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import Response

# What the bots call on nearly every update; their result types (bool, Message, Message | bool)
# cover the other edits and sends too.
_EVERY_UPDATE: tuple[type[TelegramMethod[Any]], ...] = (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageText,
    SendMessage,
)
_kept: dict[object, type[Response[Any]]] = {}


def keep_response_models() -> None:
    """Build the answer models once and hold them (idempotent)."""
    for method in _EVERY_UPDATE:
        returning = method.__returning__
        if returning not in _kept:
            _kept[returning] = Response[returning]  # type: ignore[valid-type]
