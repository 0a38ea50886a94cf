"""The rules' numbers and the calendar arithmetic behind shift hours and planned shifts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from core.workforce.errors import (
    InvalidCourierName,
    InvalidCourierRejection,
    TimeRangeUnreadable,
)

MAX_SHIFT_HOURS_PER_DAY: Final = 10
MAX_SHIFT_PER_DAY: Final = timedelta(hours=MAX_SHIFT_HOURS_PER_DAY)
# Calendar days (for the limit, "today" and planned shifts) are read in the platform's zone.
WORK_TIMEZONE_NAME: Final = "Europe/Moscow"
WORK_TIMEZONE: Final = ZoneInfo(WORK_TIMEZONE_NAME)
PLAN_DAYS: Final = 7
NAME_MIN, NAME_MAX = 2, 100
REASON_MIN, REASON_MAX = 3, 500

_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_RANGE = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?")


def local_day(at: datetime) -> date:
    """The calendar day ``at`` falls on in the work time zone."""
    return at.astimezone(WORK_TIMEZONE).date()


def day_start(day: date) -> datetime:
    """Midnight that begins ``day`` in the work time zone, as a UTC instant."""
    return datetime.combine(day, time(0), tzinfo=WORK_TIMEZONE).astimezone(UTC)


def at_local(day: date, moment: time) -> datetime:
    """``moment`` on ``day`` in the work time zone, as a UTC instant."""
    return datetime.combine(day, moment, tzinfo=WORK_TIMEZONE).astimezone(UTC)


def overlap(start: datetime, end: datetime, since: datetime, until: datetime) -> timedelta:
    """How much of ``[start, end)`` lies within ``[since, until)``."""
    return max(timedelta(0), min(end, until) - max(start, since))


def clean_name(value: str) -> str:
    """The name on one line, between the limits, with at least one letter."""
    cleaned = _SPACES.sub(" ", value).strip()
    if not NAME_MIN <= len(cleaned) <= NAME_MAX or not _LETTER.search(cleaned):
        raise InvalidCourierName(minimum=NAME_MIN, maximum=NAME_MAX)
    return cleaned


def clean_reason(value: str) -> str:
    """A rejection reason, surrounding blanks dropped."""
    cleaned = value.strip()
    if not REASON_MIN <= len(cleaned) <= REASON_MAX:
        raise InvalidCourierRejection(minimum=REASON_MIN, maximum=REASON_MAX)
    return cleaned


def parse_time_range(text: str) -> tuple[time, time]:
    """``10:00-18:00`` (or ``10-18``, ``20:00–24:00``) as start and end; 24:00 is ``time(0)``,
    the midnight that ends the day."""
    match = _RANGE.fullmatch(text.strip())
    if match is None:
        raise TimeRangeUnreadable()
    start = _clock(match.group(1), match.group(2), may_be_midnight=False)
    end = _clock(match.group(3), match.group(4), may_be_midnight=True)
    return start, end


def _clock(hours: str, minutes: str | None, *, may_be_midnight: bool) -> time:
    h, m = int(hours), int(minutes or 0)
    if h == 24 and m == 0 and may_be_midnight:
        return time(0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise TimeRangeUnreadable()
    return time(h, m)


def slot(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The instants of ``start``–``end`` on ``day``; an end of 00:00 is the day's end."""
    starts = at_local(day, start)
    ends = day_start(day + timedelta(days=1)) if end == time(0) else at_local(day, end)
    return starts, ends
