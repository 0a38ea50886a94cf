"""What sellers type, read exactly: roubles to the kopeck without floats, minutes, a radius in
kilometres, coordinates and zones; the hours text written back the way it is read."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.common.i18n import Tr
from bot.seller.cards import hours_lines
from bot.seller.inputs import (
    parse_minutes,
    parse_point,
    parse_polygon,
    parse_radius_m,
    parse_rubles,
)
from core.business.hours_text import parse_hours_text
from core.business.schemas import DayHours, TimeRange, WeeklyHours
from core.geo.errors import InvalidCoordinates, SelfIntersectingZone
from core.geo.schemas import Point
from core.shared.i18n import Translator
from core.shared.money import Money


@pytest.mark.parametrize(("text", "kopecks"), [
    ("150", 15_000), ("150,50", 15_050), ("150.5", 15_050), ("1 500", 150_000),
    ("1\u00a0500,99", 150_099), ("0", 0), ("99,9 ₽", 9_990), ("200 руб.", 20_000),
    ("12 345 678", 1_234_567_800), ("0,01", 1), ("1500 rub", 150_000),
])
def test_roubles_are_read_to_the_kopeck(text: str, kopecks: int) -> None:
    assert parse_rubles(text) == Money(kopecks)


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,500", "1 50", "1.2.3", "150,505", "1e3",
                                  "сто", "15 00"])
def test_anything_else_is_not_an_amount(text: str) -> None:
    assert parse_rubles(text) is None


@given(st.integers(min_value=0, max_value=10**9))
def test_formatted_money_reads_back(kopecks: int) -> None:
    # What the bot shows (Russian style, with non-breaking spaces) is what it reads.
    formatted = Money(kopecks).format()
    assert parse_rubles(formatted) == Money(kopecks)


@pytest.mark.parametrize(("text", "minutes"), [("20", 20), ("20 мин", 20), ("45 min", 45),
                                                ("5минут", 5), ("x", None), ("", None)])
def test_minutes(text: str, minutes: int | None) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(("text", "metres"), [("3", 3_000), ("2,5", 2_500), ("0.125 км", 125),
                                              ("10 km", 10_000), ("три", None), ("2,5555", None)])
def test_radius_in_kilometres(text: str, metres: int | None) -> None:
    assert parse_radius_m(text) == metres


def test_coordinates() -> None:
    assert parse_point("55.7539, 37.6208") == Point(55.7539, 37.6208)
    assert parse_point("-33.9 18.4") == Point(-33.9, 18.4)
    assert parse_point("Москва") is None
    with pytest.raises(InvalidCoordinates):
        parse_point("95, 10")


def test_zones_as_points_or_geojson() -> None:
    points = parse_polygon("55.0, 37.0\n55.0, 37.1\n55.1, 37.1; 55.1, 37.0")
    assert points is not None
    assert points["kind"] == "polygon"
    geojson = parse_polygon('{"type": "Polygon", "coordinates": '
                            '[[[37.0, 55.0], [37.1, 55.0], [37.1, 55.1], [37.0, 55.0]]]}')
    assert geojson is not None
    assert len(geojson["geojson"]["coordinates"][0][0]) == 4
    assert parse_polygon("весь город") is None
    with pytest.raises(SelfIntersectingZone):
        parse_polygon("55.0, 37.0\n55.1, 37.1\n55.0, 37.1\n55.1, 37.0")


WEEKS = [
    WeeklyHours.every_day(DayHours(time(9), time(21))),
    WeeklyHours.every_day(DayHours(time(0), time(0))),
    WeeklyHours.of(mon=DayHours(time(9), time(21), (TimeRange(time(13), time(14)),
                                                    TimeRange(time(17), time(17, 15)))),
                   tue=DayHours(time(9), time(0)), fri=DayHours(time(18), time(2)),
                   sat=DayHours(time(18), time(2))),
    WeeklyHours.of(sun=DayHours(time(10), time(16))),
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("hours", WEEKS)
def test_hours_are_shown_as_they_are_typed(hours: WeeklyHours, lang: str) -> None:
    t = Tr(Translator(), lang)
    assert parse_hours_text("\n".join(hours_lines(t, hours))) == hours


def test_hours_lines_group_equal_days() -> None:
    t = Tr(Translator(), "ru")
    hours = parse_hours_text("пн-пт 9-21 перерыв 14-15\nсб 10-18")
    assert hours_lines(t, hours) == ["пн-пт 09:00-21:00 перерыв 14:00-15:00",
                                     "сб 10:00-18:00", "вс выходной"]
