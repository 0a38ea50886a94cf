"""parse_mode=MarkdownV2, following Telegram's parser and its error messages.

Every character of ``_*[]()~`>#+-=|{}.!`` outside code must be escaped with a backslash;
entities nest; ``>`` at a line start opens a block quote, a trailing ``||`` on its last line
makes it expandable; positions in errors are UTF-8 byte offsets."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from .links import link_user_id, normalize_url
from .parse_error import EntityParseError
from .utf16 import Entity, TextBuilder, byte_offset

_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_CODE_KINDS = frozenset({"Code", "Pre", "PreCode"})
_API_TYPES = {
    "Bold": "bold",
    "Italic": "italic",
    "Underline": "underline",
    "Strikethrough": "strikethrough",
    "Spoiler": "spoiler",
    "Code": "code",
    "Pre": "pre",
    "PreCode": "pre",
}


@dataclass
class _Open:
    kind: str
    begin: int
    offset: int
    language: str = ""


@dataclass
class _Quote:
    offset: int
    depth: int
    expandable: bool = False


def _reserved(ch: str) -> EntityParseError:
    return EntityParseError(
        f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
    )


def _is_escapable(ch: str) -> bool:
    return 0 < ord(ch) <= 126


def _closes(kind: str, source: str, i: int) -> bool:
    ch = source[i]
    following = source[i + 1] if i + 1 < len(source) else ""
    if kind == "Bold":
        return ch == "*"
    if kind == "Italic":
        return ch == "_" and following != "_"
    if kind == "Underline":
        return ch == "_" and following == "_"
    if kind == "Strikethrough":
        return ch == "~"
    if kind == "Spoiler":
        return ch == "|" and following == "|"
    if kind == "Code":
        return ch == "`"
    if kind in ("Pre", "PreCode"):
        return source.startswith("```", i)
    return ch == "]"  # TextUrl, CustomEmoji


def _custom_emoji_id(url: str) -> str:
    parts = urlsplit(url)
    if (
        parts.scheme.lower() != "tg"
        or parts.netloc.lower() != "emoji"
        or parts.path not in ("", "/")
    ):
        raise EntityParseError("Invalid tg://emoji or tg://time URL specified")
    values = dict(parse_qsl(parts.query))
    emoji_id = values.get("id", "")
    if not emoji_id.isdigit() or emoji_id.startswith("0"):
        raise EntityParseError("Invalid tg://emoji or tg://time URL specified")
    return emoji_id


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.n = len(source)
        self.out = TextBuilder()
        self.stack: list[_Open] = []
        self.entities: list[Entity] = []
        self.quote: _Quote | None = None

    def _in_code(self) -> bool:
        return bool(self.stack) and self.stack[-1].kind in _CODE_KINDS

    def _line_start(self) -> bool:
        """Whether the text produced so far ends a line (markers that produce nothing, such
        as an opening ``*``, do not count)."""
        return self.out.last in ("", "\n", "\r")

    def _end_quote(self) -> None:
        quote = self.quote
        assert quote is not None
        if len(self.stack) > quote.depth:
            top = self.stack[-1]
            raise EntityParseError(
                f"Can't find end of {top.kind} entity at byte offset "
                f"{byte_offset(self.source, top.begin)}"
            )
        length = self.out.offset - quote.offset
        if length > 0:
            kind = "expandable_blockquote" if quote.expandable else "blockquote"
            self.entities.append({"type": kind, "offset": quote.offset, "length": length})
        self.quote = None

    def _expandable_marker(self, i: int) -> bool:
        """A '||' that ends the last line of a block quote marks the quote expandable."""
        rest = self.source[i + 2 :]
        if rest.startswith("\r\n"):
            rest = rest[2:]
        elif rest.startswith("\n"):
            rest = rest[1:]
        elif rest:
            return False
        return not rest.startswith(">")

    def _read_url(self, i: int) -> tuple[str, int]:
        """Read ``(url)`` starting at source[i] == '('; returns the url and the index after ')'."""
        start = i + 1
        i = start
        url: list[str] = []
        while i < self.n and self.source[i] != ")":
            if self.source[i] == "\\" and i + 1 < self.n and _is_escapable(self.source[i + 1]):
                url.append(self.source[i + 1])
                i += 2
                continue
            url.append(self.source[i])
            i += 1
        if i >= self.n:
            raise EntityParseError(
                f"Can't find end of a URL at byte offset {byte_offset(self.source, start)}"
            )
        return "".join(url), i + 1

    def _open(self, i: int) -> int:
        source, ch = self.source, self.source[i]
        following = source[i + 1] if i + 1 < self.n else ""
        begin = i
        language = ""
        if ch == "_":
            kind, i = ("Underline", i + 2) if following == "_" else ("Italic", i + 1)
        elif ch == "*":
            kind, i = "Bold", i + 1
        elif ch == "~":
            kind, i = "Strikethrough", i + 1
        elif ch == "|":
            if following != "|":
                raise _reserved(ch)
            kind, i = "Spoiler", i + 2
        elif ch == "[":
            kind, i = "TextUrl", i + 1
        elif ch == "!":
            if following != "[":
                raise _reserved(ch)
            kind, i = "CustomEmoji", i + 2
        elif ch == "`":
            if source.startswith("```", i):
                kind, i = "Pre", i + 3
                end = i
                while end < self.n and not source[end].isspace() and source[end] != "`":
                    end += 1
                if end != i and end < self.n and source[end] != "`":
                    kind, language, i = "PreCode", source[i:end], end
                if i < self.n and source[i] in "\r\n":
                    pair = i + 1 < self.n and source[i + 1] in "\r\n" and source[i] != source[i + 1]
                    i += 2 if pair else 1
            else:
                kind, i = "Code", i + 1
        else:
            raise _reserved(ch)
        self.stack.append(_Open(kind=kind, begin=begin, offset=self.out.offset, language=language))
        return i

    def _close(self, i: int) -> int:
        opened = self.stack.pop()
        offset, length = opened.offset, self.out.offset - opened.offset
        entity: Entity | None = None
        if opened.kind in ("Underline", "Spoiler"):
            i += 2
        elif opened.kind in ("Pre", "PreCode"):
            i += 3
        elif opened.kind == "TextUrl":
            if i + 1 < self.n and self.source[i + 1] == "(":
                url, i = self._read_url(i + 1)
            else:
                url, i = self.out.since(offset), i + 1
            user_id = link_user_id(url)
            normalized = normalize_url(url)
            if user_id is not None:
                entity = {"type": "text_mention", "user": {"id": user_id}}
            elif normalized is not None:
                entity = {"type": "text_link", "url": normalized}
        elif opened.kind == "CustomEmoji":
            if i + 1 >= self.n or self.source[i + 1] != "(":
                raise EntityParseError("The entity must contain a tg://emoji or tg://time URL")
            url, i = self._read_url(i + 1)
            entity = {"type": "custom_emoji", "custom_emoji_id": _custom_emoji_id(url)}
        else:
            i += 1
        if opened.kind in _API_TYPES:
            entity = {"type": _API_TYPES[opened.kind]}
            if opened.kind == "PreCode":
                entity["language"] = opened.language
        if entity is not None and length > 0:
            self.entities.append({**entity, "offset": offset, "length": length})
        return i

    def parse(self) -> tuple[str, list[Entity]]:
        source, i = self.source, 0
        while i < self.n:
            ch = source[i]
            in_code = self._in_code()
            if ch == ">" and not in_code and self.quote is None and self._line_start():
                self.quote = _Quote(offset=self.out.offset, depth=len(self.stack))
                i += 1
                continue
            if ch == "\\" and i + 1 < self.n and _is_escapable(source[i + 1]):
                self.out.append(source[i + 1])
                i += 2
                continue
            if ch == "\n" and self.quote is not None and not in_code:
                self.out.append(ch)
                i += 1
                if i < self.n and source[i] == ">":
                    i += 1
                else:
                    self._end_quote()
                continue
            if in_code and ch != "`":
                self.out.append(ch)
                i += 1
                continue
            if ch not in _RESERVED:
                self.out.append(ch)
                i += 1
                continue
            if self.stack and _closes(self.stack[-1].kind, source, i):
                i = self._close(i)
                continue
            if (
                ch == "|"
                and self.quote is not None
                and source.startswith("||", i)
                and self._expandable_marker(i)
            ):
                self.quote.expandable = True
                i += 2
                continue
            i = self._open(i)
        if self.quote is not None:
            self._end_quote()
        if self.stack:
            top = self.stack[-1]
            raise EntityParseError(
                f"Can't find end of {top.kind} entity at byte offset "
                f"{byte_offset(source, top.begin)}"
            )
        return self.out.text(), self.entities


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of a MarkdownV2 message; raises EntityParseError."""
    return _Parser(source).parse()
