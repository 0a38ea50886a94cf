"""Working hours typed as text (core.business.hours_text): Russian and English day names, ranges,
lists, breaks, closed and round-the-clock days, and unreadable lines named by number."""

from __future__ import annotations

from datetime import time

import pytest

from core.business.errors import InvalidHours, OverlappingBreaks, OverlappingHours
from core.business.hours_text import parse_hours_text
from core.business.schemas import DayHours, TimeRange, WeeklyHours

NINE_TO_NINE = DayHours(time(9), time(21))


@pytest.mark.parametrize("text", [
    "пн-пт 09:00-21:00\nсб 10:00-18:00\nвс выходной",
    "Пн–Пт: 9.00–21.00; Сб 10-18",
    "mon-fri 9:00-21:00\nsat 10:00-18:00\nsun closed",
    "Monday, Tue, wed, thursday, FRI 09:00 - 21:00\n\nSaturday 10-18",
    "понедельник-пятница 9-21\nсуббота 10-18",
])
def test_the_same_week_written_many_ways(text: str) -> None:
    assert parse_hours_text(text) == WeeklyHours((NINE_TO_NINE,) * 5
                                                 + (DayHours(time(10), time(18)), None))


def test_breaks_in_either_language() -> None:
    hours = parse_hours_text("ежедневно 09:00-21:00 перерыв 13:00-14:00, 17:00-17:15")
    breaks = (TimeRange(time(13), time(14)), TimeRange(time(17), time(17, 15)))
    assert hours == WeeklyHours.every_day(DayHours(time(9), time(21), breaks))
    assert parse_hours_text("daily 9-21 break 13-14, break 17:00-17:15") == hours
    assert parse_hours_text("daily 9-21 обед 13-14 перерыв 17:00-17:15") == hours


def test_round_the_clock_past_midnight_and_wrapping_ranges() -> None:
    assert parse_hours_text("ежедневно круглосуточно") == (
        WeeklyHours.every_day(DayHours(time(0), time(0))))
    assert parse_hours_text("daily 24/7") == WeeklyHours.every_day(DayHours(time(0), time(0)))
    late = DayHours(time(18), time(2))
    assert parse_hours_text("пт-вс 18:00-02:00") == WeeklyHours.of(fri=late, sat=late, sun=late)
    assert parse_hours_text("сб-пн 10-24") == WeeklyHours.of(
        sat=DayHours(time(10), time(0)), sun=DayHours(time(10), time(0)),
        mon=DayHours(time(10), time(0)))


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("", 1, "empty"),
    ("\n ;", 1, "empty"),
    ("будни 9-21", 1, "days"),
    ("пн-пт 9-21\nсуббота", 2, "times"),
    ("пн 25:00-26:00", 1, "times"),
    ("пн 9-21 обед", 1, "breaks"),
    ("пн 9-21 и ещё 22-23", 1, "breaks"),
    ("ежедневно 9-21\nвс выходной", 2, "repeated_day"),
])
def test_unreadable_lines_are_named(text: str, line: int, reason: str) -> None:
    with pytest.raises(InvalidHours) as caught:
        parse_hours_text(text)
    assert caught.value.params["line"] == line
    assert caught.value.params["reason"] == reason


def test_the_line_is_quoted_as_written() -> None:
    with pytest.raises(InvalidHours) as caught:
        parse_hours_text("Пн-Пт 9-21\nСБ   Выходной\nВс  Всегда")
    assert caught.value.params == {"line": 3, "text": "Вс Всегда", "reason": "times"}
    with pytest.raises(InvalidHours) as repeated:
        parse_hours_text("пн 9-12\nпн 13-18")
    assert repeated.value.params["day"] == "mon"


def test_what_the_text_means_is_checked_like_any_hours() -> None:
    with pytest.raises(OverlappingHours):
        parse_hours_text("сб 20:00-04:00\nвс 03:00-10:00")
    with pytest.raises(OverlappingBreaks):
        parse_hours_text("пн 9-21 перерыв 12-14, 13-15")
