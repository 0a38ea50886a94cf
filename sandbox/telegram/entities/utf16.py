"""Telegram measures entity offsets and lengths in UTF-16 code units; these helpers do too."""

from __future__ import annotations

from typing import Any

Entity = dict[str, Any]


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units (characters outside the BMP count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def byte_offset(source: str, index: int) -> int:
    """UTF-8 byte offset of source[index], as Telegram reports positions in parse errors."""
    return len(source[:index].encode("utf-8", errors="surrogatepass"))


class TextBuilder:
    """Collects the plain text of a formatted message and knows its UTF-16 length so far."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.offset = 0
        self.last = ""

    def append(self, piece: str) -> None:
        """Add text at the end."""
        if piece:
            self._parts.append(piece)
            self.offset += utf16_len(piece)
            self.last = piece[-1]

    def text(self) -> str:
        """Everything appended so far."""
        return "".join(self._parts)

    def since(self, mark: int) -> str:
        """The text appended after a UTF-16 offset taken earlier from ``offset``."""
        return slice_utf16(self.text(), mark, self.offset - mark)


def slice_utf16(text: str, offset: int, length: int) -> str:
    """The part of text that an entity with this UTF-16 offset and length covers."""
    encoded = text.encode("utf-16-le", errors="surrogatepass")
    return encoded[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")
