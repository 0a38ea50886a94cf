"""Travel minutes: haversine distance × a road factor per mode ÷ a speed per mode, rounded up."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.geo.api import TravelMode, distance_m, travel_minutes
from core.geo.schemas import Point

# The documented constants, restated: (road factor, km/h).
DOCUMENTED = {
    TravelMode.FOOT: (Fraction("1.25"), Fraction("4.5")),
    TravelMode.BICYCLE: (Fraction("1.3"), Fraction(15)),
    TravelMode.CAR: (Fraction("1.4"), Fraction(25)),
}

distances = st.floats(0, 200_000, allow_nan=False)


def test_known_values() -> None:
    # 1 km: on foot 1250 m at 75 m/min = 16.7; by bicycle 1300 m at 250 m/min = 5.2;
    # by car 1400 m at 416.7 m/min = 3.4.
    assert travel_minutes(1_000, TravelMode.FOOT) == 17
    assert travel_minutes(1_000, TravelMode.BICYCLE) == 6
    assert travel_minutes(1_000, TravelMode.CAR) == 4
    assert travel_minutes(0, TravelMode.CAR) == 0
    assert travel_minutes(0.01, TravelMode.FOOT) == 1


def test_whole_minutes_are_not_rounded_up_again() -> None:
    # 720 m on foot is exactly 12 minutes, 2500 m by bicycle 13, 6250 m by car 21.
    assert travel_minutes(720, TravelMode.FOOT) == 12
    assert travel_minutes(720.001, TravelMode.FOOT) == 13
    assert travel_minutes(2_500, TravelMode.BICYCLE) == 13
    assert travel_minutes(2_500.001, TravelMode.BICYCLE) == 14
    assert travel_minutes(6_250, TravelMode.CAR) == 21
    assert travel_minutes(6_250.001, TravelMode.CAR) == 22


def test_modes_accept_their_string_values() -> None:
    assert travel_minutes(1_000, "bicycle") == 6  # type: ignore[arg-type]
    assert {mode.value for mode in TravelMode} == {"foot", "bicycle", "car"}


def test_across_moscow_centre() -> None:
    # Red Square to the Luzhniki stadium, about 6 km as the crow flies.
    red_square = Point(55.7539, 37.6208)
    luzhniki = Point(55.7158, 37.5537)
    straight = distance_m(red_square, luzhniki)
    assert straight == pytest.approx(5_960, abs=100)
    assert travel_minutes(straight, TravelMode.FOOT) == 100
    assert travel_minutes(straight, TravelMode.BICYCLE) == 32
    assert travel_minutes(straight, TravelMode.CAR) == 21


@given(distances, st.sampled_from(list(TravelMode)))
def test_the_documented_formula(distance: float, mode: TravelMode) -> None:
    factor, kmh = DOCUMENTED[mode]
    exact = Fraction(distance) * factor / (kmh * 1000 / 60)
    minutes = travel_minutes(distance, mode)
    assert minutes - 1 < exact <= minutes


@given(distances, distances)
def test_farther_never_takes_less(a: float, b: float) -> None:
    near, far = sorted((a, b))
    for mode in TravelMode:
        assert travel_minutes(near, mode) <= travel_minutes(far, mode)


@given(distances)
def test_car_then_bicycle_then_foot(distance: float) -> None:
    car = travel_minutes(distance, TravelMode.CAR)
    bicycle = travel_minutes(distance, TravelMode.BICYCLE)
    foot = travel_minutes(distance, TravelMode.FOOT)
    assert car <= bicycle <= foot


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_bad_distances_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="distance"):
        travel_minutes(bad, TravelMode.FOOT)
