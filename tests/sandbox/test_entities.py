"""Formatted text as Telegram parses it: cases taken from the behaviour of Telegram's own
parser (byte offsets in errors, UTF-16 entity offsets, nesting rules)."""

from __future__ import annotations

import pytest

from sandbox.telegram.entities import EntityParseError, detect_entities, format_text
from sandbox.telegram.entities.html import parse_html
from sandbox.telegram.entities.markdown import parse_markdown
from sandbox.telegram.entities.markdown_v2 import parse_markdown_v2

STADIUMS = "🏟 🏟"  # 9 UTF-8 bytes, 5 UTF-16 units

HTML_ERRORS = [
    (STADIUMS + "&lt;<abacaba", "Unclosed start tag at byte offset 13"),
    (STADIUMS + "&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
    (STADIUMS + "&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
    (STADIUMS + "&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'),
    (STADIUMS + "&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
    (STADIUMS + "&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
    (STADIUMS + '&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
    (STADIUMS + "&lt;</", "Unexpected end tag at byte offset 13"),
    (STADIUMS + "&lt;<b></b></", "Unexpected end tag at byte offset 20"),
    (STADIUMS + "&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
    (
        STADIUMS + "&lt;<i>a</em   >",
        'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
    ),
    ("price <5 kg", 'Unsupported start tag "5" at byte offset 6'),
    ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
]


@pytest.mark.parametrize(("markup", "error"), HTML_ERRORS)
def test_html_errors_name_telegrams_reason_and_byte_offset(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(markup)
    assert str(raised.value) == error


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("&ge;&lt;&gt;&amp;&quot;&#12345678;", '&ge;<>&"&#12345678;', []),
        (
            STADIUMS + "<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>",
            "🏟 🏟🏟 ><🏟",
            [
                {"type": "italic", "offset": 5, "length": 7},
                {"type": "bold", "offset": 9, "length": 3},
            ],
        ),
        (
            "<a href=telegram.org>x</a>",
            "x",
            [{"type": "text_link", "offset": 0, "length": 1, "url": "http://telegram.org/"}],
        ),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            "<tg-spoiler>s</tg-spoiler><u>u</u><s>x</s>",
            "sux",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "underline", "offset": 1, "length": 1},
                {"type": "strikethrough", "offset": 2, "length": 1},
            ],
        ),
        (
            "<blockquote expandable>q</blockquote>",
            "q",
            [{"type": "expandable_blockquote", "offset": 0, "length": 1}],
        ),
        (STADIUMS + "&lt;<b></b>", "🏟 🏟<", []),
    ],
)
def test_html_text_and_entities(markup: str, text: str, entities: list[dict[str, object]]) -> None:
    assert format_text(markup, "HTML") == (text, entities)


MARKDOWN_V2_ERRORS = [
    (STADIUMS + "_abacaba", "Can't find end of Italic entity at byte offset 9"),
    (STADIUMS + "_abac * asd ", "Can't find end of Bold entity at byte offset 15"),
    (STADIUMS + "`", "Can't find end of Code entity at byte offset 9"),
    (STADIUMS + "```", "Can't find end of Pre entity at byte offset 9"),
    (STADIUMS + "```a ", "Can't find end of PreCode entity at byte offset 9"),
    (STADIUMS + "_🏟 🏟__", "Can't find end of Underline entity at byte offset 19"),
    ("[telegram\\.org](asd\\)", "Can't find end of a URL at byte offset 16"),
    (STADIUMS + "||test\\|", "Can't find end of Spoiler entity at byte offset 9"),
    (STADIUMS + "!", "Character '!' is reserved and must be escaped with the preceding '\\'"),
    ("Total: 1.5 kg", "Character '.' is reserved and must be escaped with the preceding '\\'"),
    (STADIUMS + "![👍]", "The entity must contain a tg://emoji or tg://time URL"),
    (">*b\n>ld \n>bo\nld*\nasd", "Can't find end of Bold entity at byte offset 1"),
    (">asd\n>q||ew\n||asdad", "Can't find end of Spoiler entity at byte offset 7"),
]


@pytest.mark.parametrize(("markup", "error"), MARKDOWN_V2_ERRORS)
def test_markdown_v2_errors(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_markdown_v2(markup)
    assert str(raised.value) == error


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("\\\\\\\\\\_\\*\\`", "\\\\_*`", []),
        (
            STADIUMS + "_🏟 __🏟___",
            "🏟 🏟🏟 🏟",
            [
                {"type": "italic", "offset": 5, "length": 5},
                {"type": "underline", "offset": 8, "length": 2},
            ],
        ),
        (
            STADIUMS + "```🏟\n🏟```",
            "🏟 🏟🏟",
            [{"type": "pre", "offset": 5, "length": 2, "language": "🏟"}],
        ),
        (
            "[telegram\\.org](https://telegram.dog?)",
            "telegram.org",
            [{"type": "text_link", "offset": 0, "length": 12, "url": "https://telegram.dog/?"}],
        ),
        (
            "abc\n>def\n>def\n\r>ghi2\njkl",
            "abc\ndef\ndef\n\rghi2\njkl",
            [
                {"type": "blockquote", "offset": 4, "length": 8},
                {"type": "blockquote", "offset": 13, "length": 5},
            ],
        ),
        (
            ">asd\n>q||e||w||\nasdad",
            "asd\nqew\nasdad",
            [
                {"type": "expandable_blockquote", "offset": 0, "length": 8},
                {"type": "spoiler", "offset": 5, "length": 1},
            ],
        ),
        (
            "*>abcd\n*",
            "abcd",
            [
                {"type": "blockquote", "offset": 0, "length": 4},
                {"type": "bold", "offset": 0, "length": 4},
            ],
        ),
    ],
)
def test_markdown_v2_text_and_entities(
    markup: str, text: str, entities: list[dict[str, object]]
) -> None:
    assert format_text(markup, "MarkdownV2") == (text, entities)


def test_markdown_v2_custom_emoji_and_mention() -> None:
    text, entities = parse_markdown_v2("![👍](tg://emoji?id=25) [Ann](tg://user?id=42)")
    assert text == "👍 Ann"
    assert {"type": "custom_emoji", "offset": 0, "length": 2, "custom_emoji_id": "25"} in entities
    assert {"type": "text_mention", "offset": 3, "length": 3, "user": {"id": 42}} in entities


def test_text_mentions_resolve_to_known_users_only() -> None:
    known = {"id": 42, "is_bot": False, "first_name": "Ann"}

    def lookup(user_id: int) -> dict[str, object] | None:
        return known if user_id == 42 else None

    text, entities = format_text(
        '<a href="tg://user?id=42">Ann</a> <a href="tg://user?id=7">Bob</a>',
        "html",
        lookup_user=lookup,
    )
    assert text == "Ann Bob"
    assert entities == [{"type": "text_mention", "offset": 0, "length": 3, "user": known}]


def test_legacy_markdown() -> None:
    assert parse_markdown("*b* _i_ `c` [t](example.com)") == (
        "b i c t",
        [
            {"type": "bold", "offset": 0, "length": 1},
            {"type": "italic", "offset": 2, "length": 1},
            {"type": "code", "offset": 4, "length": 1},
            {"type": "text_link", "offset": 6, "length": 1, "url": "http://example.com/"},
        ],
    )
    with pytest.raises(EntityParseError, match="Can't find end of the entity starting at byte"):
        parse_markdown("a *b")


def test_whitespace_is_trimmed_and_entities_follow() -> None:
    assert format_text("\n  <b>hi</b> there \n", "HTML") == (
        "hi there",
        [{"type": "bold", "offset": 0, "length": 2}],
    )


def test_explicit_entities_are_clipped_to_the_text() -> None:
    text, entities = format_text("hello", None, [{"type": "bold", "offset": 3, "length": 10}])
    assert (text, entities) == ("hello", [{"type": "bold", "offset": 3, "length": 2}])


def test_people_get_commands_mentions_and_links_detected() -> None:
    found = detect_entities("/start@shop_bot hi @anna see https://fruktgo.ru/a, #apples 🍎 /help")
    assert [(e["type"], e["offset"], e["length"]) for e in found] == [
        ("bot_command", 0, 15),
        ("mention", 19, 5),
        ("url", 29, 20),
        ("hashtag", 51, 7),
        ("bot_command", 62, 5),
    ]


def test_unknown_parse_mode_is_refused() -> None:
    from sandbox.telegram.entities import UnsupportedParseMode

    with pytest.raises(UnsupportedParseMode):
        format_text("x", "BBCode")
