"""Formatted text as Telegram handles it: parse modes into MessageEntity lists, explicit entity
lists checked, surrounding whitespace trimmed, and the entities a person's text gets by itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .detect import detect_entities
from .html import parse_html
from .markdown import parse_markdown
from .markdown_v2 import parse_markdown_v2
from .parse_error import EntityParseError
from .utf16 import Entity, slice_utf16, utf16_len

__all__ = [
    "Entity",
    "EntityParseError",
    "detect_entities",
    "format_text",
    "with_detected",
    "slice_utf16",
    "utf16_len",
]

UserLookup = Callable[[int], "dict[str, Any] | None"]

_PARSERS = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown,
}
_ENTITY_TYPES = {
    "mention",
    "hashtag",
    "cashtag",
    "bot_command",
    "url",
    "email",
    "phone_number",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "blockquote",
    "expandable_blockquote",
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
}
# Telegram lists entities by offset, longer ones first, then in this order of types.
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_TRIMMED = " \t\n\r"


class UnsupportedParseMode(ValueError):
    """A parse_mode Telegram does not know."""


def _sorted(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))


def _trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip surrounding whitespace as Telegram does, moving and clipping entities along."""
    stripped_left = text.lstrip(_TRIMMED)
    stripped = stripped_left.rstrip(_TRIMMED)
    shift = utf16_len(text) - utf16_len(stripped_left)
    total = utf16_len(stripped)
    result: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


def _resolve_mentions(entities: list[Entity], lookup: UserLookup | None) -> list[Entity]:
    result: list[Entity] = []
    for entity in entities:
        if entity["type"] == "text_mention":
            user = lookup(int(entity["user"]["id"])) if lookup else None
            if user is None:
                continue
            entity = {**entity, "user": user}
        result.append(entity)
    return result


def _checked(text: str, raw: Any) -> list[Entity]:
    """An explicit entities list (sendMessage's ``entities``), checked like Telegram checks it."""
    if not isinstance(raw, list):
        raise EntityParseError("entities must be an Array")
    total = utf16_len(text)
    result: list[Entity] = []
    for item in raw:
        if not isinstance(item, dict) or item.get("type") not in _ENTITY_TYPES:
            continue
        try:
            offset, length = int(item["offset"]), int(item["length"])
        except (KeyError, TypeError, ValueError):
            continue
        end = min(offset + length, total)
        if offset < 0 or end <= offset:
            continue
        result.append({**item, "offset": offset, "length": end - offset})
    return result


_OPAQUE = {"code", "pre", "text_link", "text_mention", "custom_emoji"}


def with_detected(text: str, entities: list[Entity]) -> list[Entity]:
    """Add the links, mentions, hashtags and commands Telegram finds in any message's text,
    except inside code, links and mentions that are already there."""
    taken = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in _OPAQUE]
    found = [
        entity
        for entity in detect_entities(text)
        if not any(
            start < entity["offset"] + entity["length"] and entity["offset"] < end
            for start, end in taken
        )
    ]
    return _sorted(entities + found) if found else entities


def format_text(
    text: str,
    parse_mode: str | None,
    entities: Any = None,
    *,
    lookup_user: UserLookup | None = None,
) -> tuple[str, list[Entity]]:
    """The text and entities Telegram would store for a message (parse errors raise)."""
    if parse_mode:
        parser = _PARSERS.get(parse_mode.lower())
        if parser is None:
            raise UnsupportedParseMode(parse_mode)
        text, found = parser(text)
    elif entities is not None:
        found = _checked(text, entities)
    else:
        found = []
    text, found = _trim(text, found)
    return text, _sorted(_resolve_mentions(found, lookup_user))
