"""Checking weekly hours and turning them into real instants in a shop's time zone.

Wall-clock times become instants the way a person reads a clock on a day the clocks change: a
time skipped by a spring-forward gap counts as that much later (02:30 in a 02:00→03:00 gap is
03:30), and a time repeated by an autumn fall-back counts at its first occurrence. Python's
``fold=0`` gives exactly this, so a span in a gap shortens and one across an overlap lengthens,
as it does for the people working there.
"""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.business.errors import (
    BreakOutsideHours,
    InvalidHours,
    InvalidTimezone,
    OverlappingBreaks,
    OverlappingHours,
)

if TYPE_CHECKING:
    from core.business.schemas import DayHours, WeeklyHours

_DAY = 24 * 60
_WEEK = 7 * _DAY
_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Far enough to find the next opening after any closed stretch a weekly schedule allows.
_LOOKAHEAD_DAYS = 9

Interval = tuple[datetime, datetime]


def _minutes(value: time) -> int:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidHours("hours are local wall-clock times", value=str(value))
    if value.second or value.microsecond:
        raise InvalidHours("hours are given to the minute", value=value.isoformat())
    return value.hour * 60 + value.minute


def _clock(minutes: int) -> str:
    minutes %= _DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span_length(opens: int, closes: int) -> int:
    # A closing time not after the opening time is on the next day; equal times: all day.
    return (closes - opens) % _DAY or _DAY


def open_pieces(day: DayHours) -> list[tuple[int, int]]:
    """The day's open stretches as minutes after its opening time, breaks taken out."""
    opens = _minutes(day.opens)
    length = _span_length(opens, _minutes(day.closes))
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end in sorted(_break_offsets(day, opens)):
        pieces.append((cursor, start))
        cursor = end
    pieces.append((cursor, length))
    return pieces


def _break_offsets(day: DayHours, opens: int) -> list[tuple[int, int]]:
    offsets = []
    for item in day.breaks:
        start = (_minutes(item.start) - opens) % _DAY
        offsets.append((start, start + ((_minutes(item.end) - _minutes(item.start)) % _DAY)))
    return offsets


def validate(hours: WeeklyHours) -> None:
    """Raise unless the week has 7 days of sane hours, breaks inside them, nothing overlapping."""
    if len(hours.days) != 7:
        raise InvalidHours("hours need all seven weekdays", value=str(len(hours.days)))
    spans: list[tuple[int, int, int]] = []
    for index, day in enumerate(hours.days):
        if day is None:
            continue
        opens = _minutes(day.opens)
        length = _span_length(opens, _minutes(day.closes))
        breaks = _break_offsets(day, opens)
        for (start, end), item in zip(breaks, day.breaks, strict=True):
            # A break starts after opening and ends before closing; one at either edge is
            # just shorter hours, and saying so keeps the schedule unambiguous.
            if start == end or start == 0 or end >= length:
                raise BreakOutsideHours(
                    day=_NAMES[index], start=_clock(_minutes(item.start)),
                    end=_clock(_minutes(item.end)), opens=_clock(opens),
                    closes=_clock(opens + length),
                )
        breaks.sort()
        for (_, first_end), (second_start, _) in itertools.pairwise(breaks):
            if second_start < first_end:
                raise OverlappingBreaks(day=_NAMES[index])
        spans.append((index * _DAY + opens, index * _DAY + opens + length, index))
    for (_, end, index), (start, _, other) in itertools.pairwise(spans):
        if start < end:
            raise OverlappingHours(day=_NAMES[index], other_day=_NAMES[other])
    if len(spans) > 1:
        # Sunday's hours may run past midnight into Monday's.
        _, last_end, last = spans[-1]
        first_start, _, first = spans[0]
        if last_end - _WEEK > first_start:
            raise OverlappingHours(day=_NAMES[last], other_day=_NAMES[first])


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (e.g. ``Europe/Moscow``)."""
    if not isinstance(name, str) or not name or len(name) > 64:
        raise InvalidTimezone(timezone=str(name)[:64])
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidTimezone(timezone=name) from None


def _instant(wall: datetime, tz: ZoneInfo) -> datetime:
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def intervals(hours: WeeklyHours, tz: ZoneInfo, first: date, last: date) -> list[Interval]:
    """Open intervals (UTC, half-open) of spans opening on local dates ``first``..``last``,
    touching ones merged."""
    found: list[Interval] = []
    day = first
    while day <= last:
        hours_of_day = hours.days[day.weekday()]
        if hours_of_day is not None:
            base = datetime.combine(day, hours_of_day.opens)
            for start, end in open_pieces(hours_of_day):
                opened = _instant(base + timedelta(minutes=start), tz)
                closed = _instant(base + timedelta(minutes=end), tz)
                if closed > opened:  # a stretch inside a spring-forward gap vanishes
                    found.append((opened, closed))
        day += timedelta(days=1)
    found.sort()
    merged: list[Interval] = []
    for opened, closed in found:
        if merged and opened <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closed))
        else:
            merged.append((opened, closed))
    return merged


def _local_date(at: datetime, tz: ZoneInfo) -> date:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the moment must be timezone-aware")
    return at.astimezone(tz).date()


def is_open(hours: WeeklyHours, tz: ZoneInfo, at: datetime) -> bool:
    """Whether ``at`` falls in an open interval."""
    spans = _around(hours, tz, _local_date(at, tz))
    return any(opened <= at < closed for opened, closed in spans)


@functools.lru_cache(maxsize=4096)
def _around(hours: WeeklyHours, tz: ZoneInfo, today: date) -> tuple[Interval, ...]:
    # Listings ask of every shop nearby on every page, and shops' hours repeat: many ask the
    # same question of the same day.
    return tuple(intervals(hours, tz, today - timedelta(days=1), today))


def next_opening(hours: WeeklyHours, tz: ZoneInfo, at: datetime) -> datetime | None:
    """``at`` if open then, else the next moment the shop opens; None if it never does."""
    today = _local_date(at, tz)
    spans = intervals(hours, tz, today - timedelta(days=1), today + timedelta(_LOOKAHEAD_DAYS))
    for opened, closed in spans:
        if opened <= at < closed:
            return at
        if opened > at:
            return opened
    return None


def next_closing(hours: WeeklyHours, tz: ZoneInfo, at: datetime) -> datetime | None:
    """When the shop, open at ``at``, closes next; None if closed then or never closing."""
    today = _local_date(at, tz)
    spans = intervals(hours, tz, today - timedelta(days=1), today + timedelta(_LOOKAHEAD_DAYS))
    for opened, closed in spans:
        if opened <= at < closed:
            # Open for more than a week in one stretch: it is open round the clock.
            return None if closed - opened > timedelta(days=7) else closed
    return None
