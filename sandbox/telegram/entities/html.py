"""parse_mode=HTML: Telegram's small HTML dialect, with its error messages.

Follows the behaviour of Telegram's parser: only a fixed set of tags, attribute values quoted or
as bare name tokens, ``&lt; &gt; &amp; &quot;`` and numeric character references (the trailing
semicolon optional), an end tag may be written ``</>``, and errors name UTF-8 byte offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from .links import link_user_id, normalize_url
from .parse_error import EntityParseError
from .utf16 import Entity, TextBuilder, byte_offset

_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
}
_TAGS = set(_SIMPLE) | {"a", "tg-emoji", "blockquote"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


@dataclass
class _Open:
    tag: str
    begin: int
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


def _decode_reference(source: str, index: int) -> tuple[str, int] | None:
    """Decode the character reference starting at source[index] == '&', if it is one."""
    end = index + 1
    n = len(source)
    if end < n and source[end] == "#":
        end += 1
        hexadecimal = end < n and source[end] in "xX"
        if hexadecimal:
            end += 1
        start = end
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < n and source[end] in digits:
            end += 1
        if end == start:
            return None
        code = int(source[start:end], 16 if hexadecimal else 10)
        if code == 0 or code > 0x10FFFF:
            return None
        if 0xD800 <= code <= 0xDFFF:
            raise EntityParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, check "
                "for unmatched surrogate code units"
            )
        char = chr(code)
    else:
        start = end
        while end < n and source[end].isascii() and source[end].isalpha():
            end += 1
        name = source[start:end]
        if name not in _NAMED:
            return None
        char = _NAMED[name]
    if end < n and source[end] == ";":
        end += 1
    return char, end


def _parse_attributes(source: str, index: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Read attributes up to and including '>'; returns them and the index after '>'."""
    n = len(source)
    attrs: dict[str, str] = {}
    at = byte_offset(source, begin)
    while True:
        while index < n and source[index].isspace():
            index += 1
        if index >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
        if source[index] == ">":
            return attrs, index + 1
        name_start = index
        while index < n and not source[index].isspace() and source[index] not in "=>":
            index += 1
        name = source[name_start:index].lower()
        if not name:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
        while index < n and source[index].isspace():
            index += 1
        if index >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
        if source[index] != "=":
            attrs[name] = ""
            continue
        index += 1
        while index < n and source[index].isspace():
            index += 1
        if index >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
        if source[index] in "\"'":
            quote = source[index]
            index += 1
            value: list[str] = []
            while index < n and source[index] != quote:
                if source[index] == "&":
                    decoded = _decode_reference(source, index)
                    if decoded is not None:
                        value.append(decoded[0])
                        index = decoded[1]
                        continue
                value.append(source[index])
                index += 1
            if index >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {at}")
            index += 1
            attrs[name] = "".join(value)
        else:
            token_start = index
            while index < n and (source[index].isalnum() or source[index] in ".-"):
                index += 1
            if index >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {at}")
            if not source[index].isspace() and source[index] != ">":
                at_token = byte_offset(source, token_start)
                raise EntityParseError(f"Unexpected end of name token at byte offset {at_token}")
            attrs[name] = source[token_start:index].lower()


def _entity_for(opened: _Open, out: TextBuilder) -> Entity | None:
    length = out.offset - opened.offset
    if length <= 0:
        return None
    base: Entity = {"offset": opened.offset, "length": length}
    tag = opened.tag
    if tag == "a":
        url = opened.attrs.get("href") or out.since(opened.offset)
        user_id = link_user_id(url)
        if user_id is not None:
            return {"type": "text_mention", **base, "user": {"id": user_id}}
        normalized = normalize_url(url)
        return {"type": "text_link", **base, "url": normalized} if normalized else None
    if tag == "tg-emoji":
        emoji_id = opened.attrs.get("emoji-id", "")
        return {"type": "custom_emoji", **base, "custom_emoji_id": emoji_id} if emoji_id else None
    if tag == "blockquote":
        kind = "expandable_blockquote" if "expandable" in opened.attrs else "blockquote"
        return {"type": kind, **base}
    entity: Entity = {"type": _SIMPLE[tag], **base}
    if tag == "code":
        language = opened.attrs.get("class", "")
        if language.startswith("language-") and len(language) > len("language-"):
            entity["_language"] = language[len("language-") :]
    return entity


def _merge_pre_code(entities: list[Entity]) -> list[Entity]:
    """``<pre><code class="language-x">`` over the same text is one pre entity with a language."""
    result: list[Entity] = []
    spans = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    for entity in entities:
        language = entity.pop("_language", None)
        if entity["type"] == "code" and language is not None:
            pre = spans.get((entity["offset"], entity["length"]))
            if pre is not None:
                pre["language"] = language
                continue
        result.append(entity)
    return result


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of an HTML-formatted message; raises EntityParseError."""
    out = TextBuilder()
    stack: list[_Open] = []
    entities: list[Entity] = []
    n = len(source)
    i = 0
    while i < n:
        ch = source[i]
        if ch == "&":
            decoded = _decode_reference(source, i)
            if decoded is not None:
                out.append(decoded[0])
                i = decoded[1]
                continue
        if ch != "<":
            out.append(ch)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and source[i] == "/":
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {byte_offset(source, begin)}"
                )
            i += 1
            name_start = i
            while i < n and not source[i].isspace() and source[i] != ">":
                i += 1
            name = source[name_start:i].lower()
            while i < n and source[i].isspace():
                i += 1
            if i >= n or source[i] != ">":
                raise EntityParseError(
                    f"Unclosed end tag at byte offset {byte_offset(source, begin)}"
                )
            i += 1
            opened = stack.pop()
            if name and name != opened.tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {byte_offset(source, begin)}, "
                    f'expected "</{opened.tag}>", found "</{name}>"'
                )
            entity = _entity_for(opened, out)
            if entity is not None:
                entities.append(entity)
            continue
        while i < n and not source[i].isspace() and source[i] != ">":
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {byte_offset(source, begin)}"
            )
        tag = source[begin + 1 : i].lower()
        if tag not in _TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {byte_offset(source, begin)}'
            )
        attrs, i = _parse_attributes(source, i, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{byte_offset(source, begin)}"
            )
        stack.append(_Open(tag=tag, begin=begin, offset=out.offset, attrs=attrs))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return out.text(), _merge_pre_code(entities)
