"""Entities Telegram finds by itself in what a person types: commands, mentions, links."""

from __future__ import annotations

import re

from .utf16 import Entity, utf16_len

_PATTERNS = (
    (
        "bot_command",
        re.compile(r"(?<![\w/<>])/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/<>])"),
    ),
    ("mention", re.compile(r"(?<!\w)@[a-zA-Z0-9_]{2,32}(?!\w)")),
    ("hashtag", re.compile(r"(?<!\w)#\w*[^\W\d_]\w*")),
    (
        "email",
        re.compile(r"(?<![\w.+-])[\w.+-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}(?!\w)"),
    ),
    (
        "url",
        re.compile(
            r"(?<![\w@/])(?:https?://(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+"
            r"|(?:[a-zA-Z0-9-]+\.)+(?:com|org|net|ru|io|me|app|dev|info|shop))"
            r"(?::\d+)?(?:/[^\s]*)?(?![\w])"
        ),
    ),
)
_TRAILING = ".,;:!?)'\""


def detect_entities(text: str) -> list[Entity]:
    """The automatic entities of a plain text, offsets in UTF-16 code units."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "url":
                while end > start and text[end - 1] in _TRAILING:
                    end -= 1
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]
