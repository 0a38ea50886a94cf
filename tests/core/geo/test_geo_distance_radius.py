"""Great-circle distance and radius zones."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.geo.api import distance_m, radius_zone, zone_bbox, zone_contains
from core.geo.errors import InvalidCoordinates, InvalidRadius
from core.geo.schemas import MAX_RADIUS_M, Point

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180

points = st.builds(Point, st.floats(-90, 90), st.floats(-180, 180))
city_points = st.builds(Point, st.floats(-70, 70), st.floats(-179, 179))

MOSCOW = Point(55.7539, 37.6208)  # Red Square
ST_PETERSBURG = Point(59.9398, 30.3146)  # Palace Square


@given(points, points)
def test_distance_is_symmetric_and_bounded(a: Point, b: Point) -> None:
    d = distance_m(a, b)
    assert 0 <= d <= math.pi * EARTH_RADIUS_M + 1e-6
    assert d == pytest.approx(distance_m(b, a), abs=1e-6)


@given(points)
def test_distance_to_itself_is_zero(a: Point) -> None:
    assert distance_m(a, a) == 0


@given(points, points, points)
def test_triangle_inequality(a: Point, b: Point, c: Point) -> None:
    assert distance_m(a, c) <= distance_m(a, b) + distance_m(b, c) + 1e-3


@given(st.floats(-89, 89), st.floats(-180, 180), st.floats(0, 0.9))
def test_north_along_a_meridian_is_arc_length(lat: float, lon: float, dlat: float) -> None:
    d = distance_m(Point(lat, lon), Point(lat + dlat, lon))
    assert d == pytest.approx(dlat * METRES_PER_DEGREE, rel=1e-9, abs=1e-6)


def test_known_distances() -> None:
    assert distance_m(MOSCOW, ST_PETERSBURG) == pytest.approx(634_500, abs=1_500)
    assert distance_m(Point(0, 0), Point(0, 1)) == pytest.approx(111_195, abs=1)
    assert distance_m(Point(90, 0), Point(-90, 0)) == pytest.approx(math.pi * EARTH_RADIUS_M)
    assert distance_m(Point(0, 0), Point(0, 180)) == pytest.approx(math.pi * EARTH_RADIUS_M)


@given(city_points, st.integers(100, MAX_RADIUS_M), st.floats(0, 2 * math.pi))
def test_radius_zone_edge(center: Point, radius: int, bearing: float) -> None:
    zone = radius_zone(center, radius)
    assert zone_contains(zone, center)
    # A point straight north at 99.9 % of the radius is in, at 100.1 % it is out.
    inside = Point(center.lat + radius * 0.999 / METRES_PER_DEGREE, center.lon)
    outside = Point(center.lat + radius * 1.001 / METRES_PER_DEGREE, center.lon)
    assert zone_contains(zone, inside)
    assert not zone_contains(zone, outside)


@given(city_points, st.integers(1, MAX_RADIUS_M), st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_radius_box_holds_every_point_of_the_circle(
    center: Point, radius: int, dlat: float, dlon: float
) -> None:
    zone = radius_zone(center, radius)
    point = Point(center.lat + dlat * radius / METRES_PER_DEGREE,
                  max(-180.0, min(180.0, center.lon + dlon * radius / METRES_PER_DEGREE)))
    if zone.contains(point):
        assert zone_bbox(zone).contains(point)


def test_radius_box_near_a_pole_spans_all_longitudes() -> None:
    box = radius_zone((89.99, 10), 5_000).bbox
    assert (box.min_lon, box.max_lon, box.max_lat) == (-180.0, 180.0, 90.0)


def test_radius_box_across_the_antimeridian_spans_all_longitudes() -> None:
    zone = radius_zone((65.0, 179.99), 5_000)
    assert zone.contains(Point(65.0, -179.99))
    assert zone.bbox.contains(Point(65.0, -179.99))


@pytest.mark.parametrize("radius", [0, -5, MAX_RADIUS_M + 1, 1.5, True])
def test_bad_radius_is_refused(radius: object) -> None:
    with pytest.raises(InvalidRadius) as caught:
        radius_zone(MOSCOW, radius)  # type: ignore[arg-type]
    assert caught.value.params["maximum"] == MAX_RADIUS_M


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(90.5, 0), (-91, 0), (0, 180.1), (0, -181), (math.inf, 0), (0, math.nan), (10**400, 0)],
)
def test_bad_coordinates_are_refused(lat: float, lon: float) -> None:
    with pytest.raises(InvalidCoordinates):
        Point(lat, lon)


def test_points_from_integers_equal_points_from_floats() -> None:
    assert Point(55, 37) == Point(55.0, 37.0)
    assert hash(Point(55, 37)) == hash(Point(55.0, 37.0))
    with pytest.raises(InvalidCoordinates):
        Point("55", 37)  # type: ignore[arg-type]
