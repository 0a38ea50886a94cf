"""parse_mode=Markdown (the legacy one): *bold*, _italic_, `code`, ```pre```, [text](url).

No nesting; a backslash escapes ``_ * ` [`` outside entities; an unterminated entity gives
Telegram's "Can't find end of the entity starting at byte offset N"."""

from __future__ import annotations

from .links import link_user_id, normalize_url
from .parse_error import EntityParseError
from .utf16 import Entity, TextBuilder, byte_offset

_SIMPLE = {"*": "bold", "_": "italic", "`": "code"}


def _unterminated(source: str, begin: int) -> EntityParseError:
    return EntityParseError(
        f"Can't find end of the entity starting at byte offset {byte_offset(source, begin)}"
    )


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of a legacy-Markdown message; raises EntityParseError."""
    out = TextBuilder()
    entities: list[Entity] = []
    n = len(source)
    i = 0
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n and source[i + 1] in "_*`[":
            out.append(source[i + 1])
            i += 2
            continue
        if ch not in "_*`[":
            out.append(ch)
            i += 1
            continue
        begin = i
        offset = out.offset
        if source.startswith("```", i):
            end = source.find("```", i + 3)
            if end == -1:
                raise _unterminated(source, begin)
            body = source[i + 3 : end]
            language = ""
            first_line, newline, rest = body.partition("\n")
            if newline and first_line and " " not in first_line.strip():
                language, body = first_line.strip(), rest
            out.append(body)
            entity: Entity = {"type": "pre", "offset": offset, "length": out.offset - offset}
            if language:
                entity["language"] = language
            if out.offset > offset:
                entities.append(entity)
            i = end + 3
            continue
        if ch in _SIMPLE:
            end = source.find(ch, i + 1)
            if end == -1:
                raise _unterminated(source, begin)
            out.append(source[i + 1 : end])
            if out.offset > offset:
                entities.append(
                    {"type": _SIMPLE[ch], "offset": offset, "length": out.offset - offset}
                )
            i = end + 1
            continue
        # '[' text '](' url ')'
        close = source.find("]", i + 1)
        if close == -1:
            raise _unterminated(source, begin)
        out.append(source[i + 1 : close])
        i = close + 1
        if i < n and source[i] == "(":
            end = source.find(")", i + 1)
            if end == -1:
                raise _unterminated(source, begin)
            url = source[i + 1 : end]
            i = end + 1
            user_id = link_user_id(url)
            normalized = normalize_url(url)
            length = out.offset - offset
            if length > 0 and user_id is not None:
                entities.append(
                    {
                        "type": "text_mention",
                        "offset": offset,
                        "length": length,
                        "user": {"id": user_id},
                    }
                )
            elif length > 0 and normalized is not None:
                entities.append(
                    {"type": "text_link", "offset": offset, "length": length, "url": normalized}
                )
    return out.text(), entities
