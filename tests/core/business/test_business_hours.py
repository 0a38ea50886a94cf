"""Working hours: what is accepted, and "open now" / "opens at" in the shop's time zone, across
midnight and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.business.api import check_timezone, is_open, next_closing, next_opening
from core.business.errors import (
    BreakOutsideHours,
    InvalidHours,
    InvalidTimezone,
    OverlappingBreaks,
    OverlappingHours,
)
from core.business.schemas import (
    WEEKDAYS,
    DayHours,
    Schedule,
    TimeRange,
    WeeklyHours,
    parse_time,
)
from core.shared.errors import CoreError

MOSCOW = "Europe/Moscow"
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def t(text: str) -> time:
    return parse_time(text, end=True)


def day(opens: str, closes: str, *breaks: tuple[str, str]) -> DayHours:
    return DayHours(t(opens), t(closes), tuple(TimeRange(t(a), t(b)) for a, b in breaks))


def local(zone: str, *args: int, fold: int = 0) -> datetime:
    """A wall-clock moment in ``zone``, as an aware UTC datetime."""
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)  # type: ignore[misc]


# -- what is accepted -------------------------------------------------------------------------


def test_parse_time() -> None:
    assert parse_time("9:05") == time(9, 5)
    assert parse_time(" 23:59 ") == time(23, 59)
    assert parse_time("24:00", end=True) == time(0, 0)
    for bad in ["24:00", "25:00", "12:60", "1200", "", "noon", "12:00:30"]:
        with pytest.raises(InvalidHours):
            parse_time(bad)


def test_a_span_past_midnight_and_a_touching_next_day_are_fine() -> None:
    hours = WeeklyHours.of(fri=day("10:00", "02:00"), sat=day("02:00", "23:00"),
                           sun=day("08:00", "00:00"), mon=day("00:00", "12:00"))
    assert hours.days[4] == day("10:00", "02:00")
    assert hours.days[1] is None


@pytest.mark.parametrize(
    ("days", "first", "second"),
    [
        pytest.param({"mon": day("10:00", "02:00"), "tue": day("01:00", "20:00")}, "mon", "tue",
                     id="overnight-into-next-day"),
        pytest.param({"sun": day("20:00", "03:00"), "mon": day("02:00", "20:00")}, "sun", "mon",
                     id="sunday-into-monday"),
        pytest.param({"wed": day("12:00", "12:00"), "thu": day("11:00", "13:00")}, "wed", "thu",
                     id="round-the-clock-into-next-day"),
    ],
)
def test_overlapping_days_are_refused(days: dict[str, DayHours], first: str, second: str) -> None:
    with pytest.raises(OverlappingHours) as caught:
        WeeklyHours.of(**days)
    assert caught.value.params == {"day": first, "other_day": second}


@pytest.mark.parametrize(
    "hours",
    [
        pytest.param(day("10:00", "22:00", ("08:00", "09:00")), id="before-opening"),
        pytest.param(day("10:00", "22:00", ("21:30", "22:30")), id="over-closing"),
        pytest.param(day("10:00", "22:00", ("10:00", "11:00")), id="at-opening"),
        pytest.param(day("10:00", "22:00", ("21:00", "22:00")), id="at-closing"),
        pytest.param(day("10:00", "22:00", ("13:00", "13:00")), id="empty"),
        pytest.param(day("18:00", "04:00", ("03:30", "05:00")), id="overnight-over-closing"),
    ],
)
def test_breaks_outside_the_hours_are_refused(hours: DayHours) -> None:
    with pytest.raises(BreakOutsideHours) as caught:
        WeeklyHours.of(tue=hours)
    assert caught.value.params["day"] == "tue"


def test_a_break_after_midnight_inside_an_overnight_span_is_fine() -> None:
    hours = WeeklyHours.of(sat=day("18:00", "04:00", ("01:00", "01:30"), ("23:00", "23:15")))
    assert len(hours.days[5].breaks) == 2  # type: ignore[union-attr]


def test_overlapping_breaks_are_refused() -> None:
    with pytest.raises(OverlappingBreaks) as caught:
        WeeklyHours.of(thu=day("09:00", "21:00", ("13:00", "14:00"), ("13:30", "15:00")))
    assert caught.value.params == {"day": "thu"}


@pytest.mark.parametrize(
    "hours",
    [
        pytest.param(lambda: WeeklyHours((day("09:00", "18:00"),) * 6), id="six-days"),
        pytest.param(lambda: WeeklyHours.of(mon=DayHours(time(9, 0, 30), time(18))),
                     id="seconds"),
        pytest.param(lambda: WeeklyHours.of(mon=DayHours(time(9, tzinfo=UTC), time(18))),
                     id="aware-time"),
        pytest.param(lambda: WeeklyHours.of(monday=day("09:00", "18:00")), id="weekday-name"),
        pytest.param(lambda: WeeklyHours.from_json({"mon": {"opens": "09:00"}}), id="no-close"),
        pytest.param(lambda: WeeklyHours.from_json({"mon": {"opens": "9", "closes": "18:00"}}),
                     id="bad-time"),
        pytest.param(lambda: WeeklyHours.from_json(
            {"mon": {"opens": "09:00", "closes": "18:00", "breaks": "13-14"}}), id="bad-breaks"),
        pytest.param(lambda: WeeklyHours.from_json(["09:00"]), id="not-an-object"),
    ],
)
def test_unreadable_hours_are_refused(hours: object) -> None:
    with pytest.raises(InvalidHours):
        hours()  # type: ignore[operator]


def test_json_form() -> None:
    data = {
        "mon": {"opens": "09:00", "closes": "24:00", "breaks": [["13:00", "14:00"]]},
        "sat": {
            "opens": "10:00", "closes": "02:00", "breaks": [{"start": "23:00", "end": "23:30"}]
        },
        "sun": None,
    }
    hours = WeeklyHours.from_json(data)
    assert hours.days[0] == day("09:00", "00:00", ("13:00", "14:00"))
    assert hours.to_json() == {
        "mon": {"opens": "09:00", "closes": "00:00", "breaks": [["13:00", "14:00"]]},
        "sat": {"opens": "10:00", "closes": "02:00", "breaks": [["23:00", "23:30"]]},
    }
    assert WeeklyHours.from_json(hours.to_json()) == hours


@pytest.mark.parametrize("name", ["Europe/Moscow", "Asia/Vladivostok", "UTC"])
def test_known_time_zones(name: str) -> None:
    assert check_timezone(name) == name


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "Europe/", "MSK" * 30])
def test_unknown_time_zones(name: str) -> None:
    with pytest.raises(InvalidTimezone):
        check_timezone(name)


# -- open now, opens at -------------------------------------------------------------------------

WEEKDAYS_9_TO_21 = Schedule(
    WeeklyHours.of(**{d: day("09:00", "21:00", ("13:00", "14:00")) for d in WEEKDAYS[:6]}),
    MOSCOW,
)


@pytest.mark.parametrize(
    ("wall", "open_", "opens", "closes"),
    [
        # 2026-01-05 is a Monday.
        ((2026, 1, 5, 8, 59), False, (2026, 1, 5, 9, 0), None),
        ((2026, 1, 5, 9, 0), True, (2026, 1, 5, 9, 0), (2026, 1, 5, 13, 0)),
        ((2026, 1, 5, 13, 0), False, (2026, 1, 5, 14, 0), None),
        ((2026, 1, 5, 13, 59), False, (2026, 1, 5, 14, 0), None),
        ((2026, 1, 5, 14, 0), True, (2026, 1, 5, 14, 0), (2026, 1, 5, 21, 0)),
        ((2026, 1, 5, 21, 0), False, (2026, 1, 6, 9, 0), None),
        # Saturday night: Sunday is closed, so Monday morning.
        ((2026, 1, 10, 21, 30), False, (2026, 1, 12, 9, 0), None),
        ((2026, 1, 11, 12, 0), False, (2026, 1, 12, 9, 0), None),
    ],
)
def test_moscow_day_with_a_break(
    wall: tuple[int, ...], open_: bool, opens: tuple[int, ...], closes: tuple[int, ...] | None
) -> None:
    at = local(MOSCOW, *wall)
    assert is_open(WEEKDAYS_9_TO_21, at) is open_
    assert next_opening(WEEKDAYS_9_TO_21, at) == (at if open_ else local(MOSCOW, *opens))
    expected_close = local(MOSCOW, *closes) if closes else None
    assert next_closing(WEEKDAYS_9_TO_21, at) == expected_close


NIGHT_BAR = Schedule(WeeklyHours.of(fri=day("18:00", "02:00"), sat=day("18:00", "02:00")), MOSCOW)


def test_a_span_past_midnight_belongs_to_the_day_it_opens() -> None:
    # Friday 2026-01-09 18:00 until Saturday 02:00, Moscow time (UTC+3).
    assert not is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 9, 17, 59))
    assert is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 9, 23, 59))
    assert is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 10, 0, 0))
    assert is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 10, 1, 59))
    assert not is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 10, 2, 0))
    # Sunday 01:00 is still Saturday's night; Sunday 03:00 waits for next Friday.
    assert is_open(NIGHT_BAR, local(MOSCOW, 2026, 1, 11, 1, 0))
    assert next_opening(NIGHT_BAR, local(MOSCOW, 2026, 1, 11, 3, 0)) == local(
        MOSCOW, 2026, 1, 16, 18, 0
    )
    assert next_closing(NIGHT_BAR, local(MOSCOW, 2026, 1, 9, 20, 0)) == local(
        MOSCOW, 2026, 1, 10, 2, 0
    )
    # Friday's night runs into Saturday's evening? No: Saturday 02:00–18:00 is closed.
    assert next_opening(NIGHT_BAR, local(MOSCOW, 2026, 1, 10, 2, 0)) == local(
        MOSCOW, 2026, 1, 10, 18, 0
    )
    # In UTC, Friday 18:00 Moscow is 15:00.
    assert local(MOSCOW, 2026, 1, 9, 18, 0) == datetime(2026, 1, 9, 15, 0, tzinfo=UTC)


def test_touching_days_read_as_one_stretch() -> None:
    schedule = Schedule(
        WeeklyHours.of(mon=day("20:00", "00:00"), tue=day("00:00", "03:00")), MOSCOW
    )
    at = local(MOSCOW, 2026, 1, 5, 23, 0)
    assert next_closing(schedule, at) == local(MOSCOW, 2026, 1, 6, 3, 0)
    assert is_open(schedule, local(MOSCOW, 2026, 1, 6, 0, 0))


def test_round_the_clock_never_closes() -> None:
    schedule = Schedule(WeeklyHours.every_day(day("00:00", "00:00")), BERLIN)
    for hours in range(0, 24 * 8, 5):
        at = datetime(2026, 3, 26, tzinfo=UTC) + timedelta(hours=hours)
        assert is_open(schedule, at)
        assert next_closing(schedule, at) is None


def test_a_shop_without_hours_never_opens() -> None:
    schedule = Schedule(WeeklyHours((None,) * 7), MOSCOW)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert not is_open(schedule, at)
    assert next_opening(schedule, at) is None


def test_naive_moments_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_open(WEEKDAYS_9_TO_21, datetime(2026, 1, 5, 10, 0))  # noqa: DTZ001


# -- daylight saving ----------------------------------------------------------------------------
# Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00 UTC); 2026-10-25 03:00 CEST → 02:00 CET
# (01:00 UTC). New York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.


def test_berlin_spring_forward_night_span_ends_at_the_same_instant() -> None:
    schedule = Schedule(WeeklyHours.of(sat=day("22:00", "04:00")), BERLIN)
    assert is_open(schedule, datetime(2026, 3, 28, 21, 0, tzinfo=UTC))  # 22:00 CET
    # 04:00 CEST is 02:00 UTC: the night is an hour shorter in real time.
    assert next_closing(schedule, datetime(2026, 3, 28, 23, 0, tzinfo=UTC)) == datetime(
        2026, 3, 29, 2, 0, tzinfo=UTC
    )
    assert is_open(schedule, datetime(2026, 3, 29, 1, 59, tzinfo=UTC))
    assert not is_open(schedule, datetime(2026, 3, 29, 2, 0, tzinfo=UTC))


def test_berlin_opening_inside_the_gap_moves_to_after_it() -> None:
    # 02:30 does not exist on 2026-03-29: the shop opens at 03:30 CEST (01:30 UTC).
    schedule = Schedule(WeeklyHours.of(sun=day("02:30", "06:00")), BERLIN)
    at = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert next_opening(schedule, at) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert not is_open(schedule, datetime(2026, 3, 29, 1, 29, tzinfo=UTC))
    assert is_open(schedule, datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    # A week later it is an ordinary Sunday: 02:30 CEST is 00:30 UTC.
    assert next_opening(schedule, datetime(2026, 3, 30, tzinfo=UTC)) == datetime(
        2026, 4, 5, 0, 30, tzinfo=UTC
    )


def test_berlin_hours_wholly_inside_the_gap_shift_after_it() -> None:
    schedule = Schedule(WeeklyHours.of(sun=day("02:10", "02:50")), BERLIN)
    at = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    # 02:10 and 02:50 both move to 03:10 and 03:50 CEST: still 40 minutes, shifted.
    assert next_opening(schedule, at) == datetime(2026, 3, 29, 1, 10, tzinfo=UTC)
    assert next_closing(schedule, datetime(2026, 3, 29, 1, 20, tzinfo=UTC)) == datetime(
        2026, 3, 29, 1, 50, tzinfo=UTC
    )


def test_berlin_fall_back_night_span_is_an_hour_longer() -> None:
    schedule = Schedule(WeeklyHours.of(sat=day("22:00", "03:00")), BERLIN)
    opened = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)  # 22:00 CEST
    assert next_opening(schedule, opened - timedelta(minutes=1)) == opened
    # 02:30 happens twice; both times the shop is open, and it closes at 03:00 CET.
    first = local(BERLIN, 2026, 10, 25, 2, 30, fold=0)
    second = local(BERLIN, 2026, 10, 25, 2, 30, fold=1)
    assert second - first == timedelta(hours=1)
    assert is_open(schedule, first)
    assert is_open(schedule, second)
    assert next_closing(schedule, first) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)
    assert not is_open(schedule, datetime(2026, 10, 25, 2, 0, tzinfo=UTC))


def test_berlin_opening_in_the_repeated_hour_takes_the_first_one() -> None:
    schedule = Schedule(WeeklyHours.of(sun=day("02:30", "05:00")), BERLIN)
    at = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    assert next_opening(schedule, at) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # CEST
    assert is_open(schedule, datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # 02:30 CET, again


@pytest.mark.parametrize(
    ("at", "expected_open", "expected_next"),
    [
        # Spring: Saturday 2026-03-07 20:00–02:00 EST; 02:00 on the 8th is 03:00 EDT (07:00 UTC).
        (datetime(2026, 3, 8, 6, 59, tzinfo=UTC), True, None),
        (datetime(2026, 3, 8, 7, 0, tzinfo=UTC), False, datetime(2026, 3, 15, 0, 0, tzinfo=UTC)),
        # Fall: Saturday 2026-10-31 20:00 EDT (00:00 UTC) – 02:00 EST (07:00 UTC).
        (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), True, None),  # 01:30 EDT
        (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), True, None),  # 01:30 EST, the second time
        (datetime(2026, 11, 1, 7, 0, tzinfo=UTC), False, datetime(2026, 11, 8, 1, 0, tzinfo=UTC)),
    ],
)
def test_new_york_night_spans_across_both_changes(
    at: datetime, expected_open: bool, expected_next: datetime | None
) -> None:
    schedule = Schedule(WeeklyHours.of(sat=day("20:00", "02:00")), NEW_YORK)
    assert is_open(schedule, at) is expected_open
    assert next_opening(schedule, at) == (at if expected_open else expected_next)


# -- properties -------------------------------------------------------------------------------


@st.composite
def schedules(draw: st.DrawFn) -> WeeklyHours:
    days: list[DayHours | None] = []
    for _ in range(7):
        if draw(st.booleans()):
            days.append(None)
            continue
        opens = draw(st.integers(0, 24 * 60 - 1))
        length = draw(st.integers(30, 24 * 60))
        breaks = []
        if length > 120 and draw(st.booleans()):
            start = draw(st.integers(1, length - 61))
            end = draw(st.integers(start + 1, min(start + 60, length - 1)))
            breaks.append((start, end))

        def clock(minutes: int) -> time:
            minutes %= 24 * 60
            return time(minutes // 60, minutes % 60)

        days.append(DayHours(
            clock(opens), clock(opens + length),
            tuple(TimeRange(clock(opens + a), clock(opens + b)) for a, b in breaks),
        ))
    try:
        return WeeklyHours(tuple(days))
    except CoreError:
        assume(False)
        raise


def wall_clock_open(hours: WeeklyHours, zone: str, at: datetime) -> bool:
    """Reference for zones without clock changes: compare wall-clock times directly."""
    wall = at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    for back in (1, 0):
        d: date = wall.date() - timedelta(days=back)
        spec = hours.days[d.weekday()]
        if spec is None:
            continue
        start = datetime.combine(d, spec.opens)
        length = (datetime.combine(d, spec.closes) - start) % timedelta(days=1) or timedelta(1)
        if not start <= wall < start + length:
            continue
        in_break = False
        for item in spec.breaks:
            b_start = start + (datetime.combine(d, item.start) - start) % timedelta(days=1)
            b_len = (datetime.combine(d, item.end) - datetime.combine(d, item.start)) % timedelta(1)
            in_break = in_break or b_start <= wall < b_start + b_len
        if not in_break:
            return True
    return False


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@settings(max_examples=200)
@given(schedules(), moments, st.sampled_from([MOSCOW, "UTC", "Asia/Yekaterinburg"]))
def test_open_matches_the_wall_clock_where_clocks_never_change(
    hours: WeeklyHours, at: datetime, zone: str
) -> None:
    assert is_open(Schedule(hours, zone), at) == wall_clock_open(hours, zone, at)


@settings(max_examples=200)
@given(schedules(), moments, st.sampled_from([MOSCOW, BERLIN, NEW_YORK]))
def test_next_opening_and_closing_agree_with_is_open(
    hours: WeeklyHours, at: datetime, zone: str
) -> None:
    schedule = Schedule(hours, zone)
    opening = next_opening(schedule, at)
    if is_open(schedule, at):
        assert opening == at
        closing = next_closing(schedule, at)
        if closing is not None:
            assert closing > at
            assert not is_open(schedule, closing)
            assert is_open(schedule, closing - timedelta(seconds=1))
    else:
        assert next_closing(schedule, at) is None
        if any(hours.days):
            assert opening is not None
            assert opening > at
            assert is_open(schedule, opening)
            assert not is_open(schedule, opening - timedelta(seconds=1))
        else:
            assert opening is None


@settings(max_examples=100)
@given(schedules())
def test_hours_round_trip_through_json(hours: WeeklyHours) -> None:
    assert WeeklyHours.from_json(hours.to_json()) == hours
