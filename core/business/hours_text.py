"""Working hours written as text, one line per group of days, in Russian or English::

    пн-пт 09:00-21:00 перерыв 14:00-15:00
    сб 10:00-18:00
    вс выходной

    mon-fri 9:00-21:00 break 14:00-15:00, 17:00-17:15
    sat, sun 10-18
    daily 24/7

Days are short or full names, ranges (``пн-пт``, wrapping ``пт-пн`` too) and lists (``сб, вс``);
``ежедневно`` / ``daily`` means all week. A day not mentioned is closed. Lines may also be
separated by ``;``. What the text means is then checked like any hours (``WeeklyHours``), so
overlaps and breaks outside the hours are refused with the usual errors.

A line that cannot be read raises ``InvalidHours`` with ``line`` (1-based), ``text`` (the line)
and ``reason``: ``empty``, ``days``, ``times``, ``breaks`` or ``repeated_day`` (then ``day``).
"""

from __future__ import annotations

import re
from datetime import time

from core.business.errors import InvalidHours
from core.business.schemas import WEEKDAYS, DayHours, TimeRange, WeeklyHours, parse_time

__all__ = ["parse_hours_text"]

_DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate((
    ("пн", "пон", "понедельник", "mon", "mo", "monday"),
    ("вт", "вто", "вторник", "tue", "tu", "tues", "tuesday"),
    ("ср", "сре", "среда", "wed", "we", "wednesday"),
    ("чт", "чет", "четверг", "thu", "th", "thur", "thurs", "thursday"),
    ("пт", "пят", "пятница", "fri", "fr", "friday"),
    ("сб", "суб", "суббота", "sat", "sa", "saturday"),
    ("вс", "вос", "воскр", "воскресенье", "sun", "su", "sunday"),
)):
    for _name in _names:
        _DAY_NAMES[_name] = _index

_EVERY_DAY = ("ежедневно", "каждый день", "все дни", "без выходных", "daily", "every day",
              "everyday", "all week")
_CLOSED = ("выходной", "выходные", "закрыто", "закрыт", "не работаем", "нерабочий",
           "closed", "day off", "off")
_ROUND_THE_CLOCK = ("круглосуточно", "24/7", "24 часа", "24ч", "round the clock",
                    "24 hours", "24h")
_BREAK_WORDS = ("перерывы", "перерыв", "обед", "breaks", "break", "lunch")


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    # Longest first, so "пятница" is not read as "пят" followed by junk.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DAY = rf"(?:{_alternatives(list(_DAY_NAMES))})\.?(?!\w)"
_DAY_ITEM = rf"(?P<first>{_DAY})(?:\s*-\s*(?P<last>{_DAY}))?"
_DAYS = re.compile(
    rf"(?P<days>(?:{_alternatives(_EVERY_DAY)})(?!\w)|{_DAY}(?:\s*-\s*{_DAY})?"
    rf"(?:\s*(?:,|\s)\s*{_DAY}(?:\s*-\s*{_DAY})?)*)\s*:?\s*(?P<rest>.*)"
)
_ITEM = re.compile(_DAY_ITEM)
_TIME = r"\d{1,2}(?:[:.]\d{2})?"
_SPAN = re.compile(rf"(?P<start>{_TIME})\s*-\s*(?P<end>{_TIME})")
_BREAK_WORD = re.compile(rf"(?:{_alternatives(_BREAK_WORDS)})(?!\w)\s*:?")
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "\u00a0": " "})


def _fail(number: int, line: str, reason: str, **params: object) -> InvalidHours:
    return InvalidHours(f"line {number}: cannot read {line!r} ({reason})", line=number,
                        text=line[:80], reason=reason, **params)


def _day(name: str) -> int:
    return _DAY_NAMES[name.rstrip(".")]


def _days(text: str) -> list[int]:
    if re.fullmatch(_alternatives(_EVERY_DAY), text):
        return list(range(7))
    found: list[int] = []
    for item in _ITEM.finditer(text):
        first = _day(item["first"])
        last = _day(item["last"]) if item["last"] else first
        found.extend((first + k) % 7 for k in range((last - first) % 7 + 1))
    return found


def _clock(text: str, *, end: bool) -> time:
    hours, _, minutes = text.replace(".", ":").partition(":")
    return parse_time(f"{int(hours)}:{minutes or '00'}", end=end)


def _span(match: re.Match[str]) -> TimeRange:
    return TimeRange(_clock(match["start"], end=False), _clock(match["end"], end=True))


def _is(rest: str, words: tuple[str, ...]) -> bool:
    return re.fullmatch(rf"(?:{_alternatives(words)})\.?", rest) is not None


def _hours(number: int, line: str, rest: str) -> DayHours | None:
    if _is(rest, _CLOSED):
        return None
    if _is(rest, _ROUND_THE_CLOCK):
        return DayHours(time(0), time(0))
    opening = _SPAN.match(rest)
    if opening is None:
        raise _fail(number, line, "times")
    try:
        hours = _span(opening)
        breaks = _breaks(rest[opening.end():])
    except InvalidHours:
        raise _fail(number, line, "times") from None
    if breaks is None:
        raise _fail(number, line, "breaks")
    return DayHours(hours.start, hours.end, tuple(breaks))


def _breaks(rest: str) -> list[TimeRange] | None:
    """The breaks after the opening hours: a break word, then spans; None if unreadable."""
    rest = rest.strip(" ,")
    if not rest:
        return []
    word = _BREAK_WORD.match(rest)
    if word is None:
        return None
    found: list[TimeRange] = []
    rest = rest[word.end():]
    while True:
        rest = rest.strip(" ,")
        word = _BREAK_WORD.match(rest)
        if word is not None:  # "перерыв 13-14, перерыв 17-18" repeats the word
            rest = rest[word.end():].strip()
        span = _SPAN.match(rest)
        if span is None:
            return found if found and not rest else None
        found.append(_span(span))
        rest = rest[span.end():]


def parse_hours_text(text: str) -> WeeklyHours:
    """Read hours written as text (see the module's docstring) and check them."""
    days: list[DayHours | None] = [None] * 7
    seen: set[int] = set()
    raw_lines = [" ".join(raw.split())
                 for raw in re.split(r"[\n;]", text if isinstance(text, str) else "")]
    numbered = [(n, line) for n, line in enumerate(raw_lines, 1) if line]
    if not numbered:
        raise _fail(1, "", "empty")
    for number, line in numbered:
        match = _DAYS.fullmatch(line.translate(_DASHES).lower())
        if match is None:
            raise _fail(number, line, "days")
        hours = _hours(number, line, match["rest"])
        for index in _days(match["days"]):
            if index in seen:
                raise _fail(number, line, "repeated_day", day=WEEKDAYS[index])
            seen.add(index)
            days[index] = hours
    return WeeklyHours(tuple(days))
