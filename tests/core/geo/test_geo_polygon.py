"""Polygon zones: which rings are accepted, and which points they contain (borders included)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from geo_oracle import as_exact, contains, is_simple_with_area, normalized
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.geo.api import polygon_from_points, zone_from_points
from core.geo.errors import (
    DegenerateZone,
    InvalidCoordinates,
    SelfIntersectingZone,
    TooFewPoints,
    TooManyPoints,
    ZoneCrossesAntimeridian,
    ZoneHoleOutside,
)
from core.geo.schemas import Point, Polygon, PolygonZone
from core.shared.errors import CoreError

SQUARE = [(0, 0), (0, 10), (10, 10), (10, 0)]

grid = st.integers(min_value=0, max_value=5)
small_rings = st.lists(st.tuples(grid, grid), min_size=3, max_size=7)


def build(points: list[tuple[float, float]]) -> Polygon | None:
    """The polygon, or None when it is refused as an invalid zone."""
    try:
        return polygon_from_points(points)
    except CoreError:
        return None


def half_grid() -> list[Point]:
    """Points on a half-unit grid around the 0..5 square: vertices, mid-sides and between."""
    return [Point(i / 2, j / 2) for i in range(-1, 12) for j in range(-1, 12)]


@settings(max_examples=400)
@given(small_rings)
def test_accepts_exactly_the_simple_rings_with_area(points: list[tuple[int, int]]) -> None:
    # (lat, lon) in, so the oracle's (x, y) is (lon, lat).
    exact = normalized(as_exact([(lon, lat) for lat, lon in points]))
    expected = is_simple_with_area(exact)
    polygon = build([(float(lat), float(lon)) for lat, lon in points])
    assert (polygon is not None) == expected


# Most random small rings cross themselves and are filtered out; that is the point of the
# generator, not a sign of a weak one.
@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(small_rings)
def test_contains_agrees_with_a_ray_cast_the_other_way(points: list[tuple[int, int]]) -> None:
    polygon = build([(float(lat), float(lon)) for lat, lon in points])
    assume(polygon is not None)
    assert polygon is not None
    ring = normalized(as_exact([(lon, lat) for lat, lon in points]))
    for point in half_grid():
        expected = contains(ring, (Fraction(point.lon), Fraction(point.lat)))
        assert polygon.contains(point) == expected, point


@settings(max_examples=100)
@given(small_rings, st.integers(0, 6), st.booleans(), st.booleans(),
       st.integers(-60, 60), st.integers(-100, 100))
def test_containment_ignores_start_direction_closing_and_translation(
    points: list[tuple[int, int]], shift: int, backwards: bool, closed: bool, dlat: int, dlon: int
) -> None:
    polygon = build([(float(lat), float(lon)) for lat, lon in points])
    assume(polygon is not None)
    assert polygon is not None
    ring = list(polygon.outer)
    k = shift % len(ring)
    variant = ring[k:] + ring[:k]
    if backwards:
        variant.reverse()
    if closed:
        variant.append(variant[0])
    moved = polygon_from_points([(p.lat + dlat, p.lon + dlon) for p in variant])
    for point in half_grid():
        shifted = Point(point.lat + dlat, point.lon + dlon)
        assert moved.contains(shifted) == polygon.contains(point)


@st.composite
def star_polygons(draw: st.DrawFn) -> tuple[Point, list[Point]]:
    """A polygon star-shaped around its centre (so simple), with float corners anywhere."""
    lat = draw(st.floats(-60, 60))
    lon = draw(st.floats(-170, 170))
    count = draw(st.integers(3, 24))
    # Corners at least 0.1 rad apart around the centre, so rounding cannot reorder them.
    slots = sorted(draw(st.sets(st.integers(0, 62), min_size=count, max_size=count)))
    radii = draw(st.lists(st.floats(0.001, 0.5), min_size=count, max_size=count))
    corners = [
        Point(lat + r * math.sin(s / 10), lon + r * math.cos(s / 10))
        for s, r in zip(slots, radii, strict=True)
    ]
    # A star-shaped ring needs its centre strictly inside: no half-turn without corners.
    gaps = [(b - a) for a, b in zip(slots, [*slots[1:], slots[0] + 63], strict=True)]
    assume(max(gaps) < 31)
    return Point(lat, lon), corners


@settings(max_examples=200)
@given(star_polygons())
def test_star_shaped_polygons_are_accepted_and_hold_centre_and_corners(
    star: tuple[Point, list[Point]],
) -> None:
    centre, corners = star
    zone = zone_from_points(corners)
    assert zone.contains(centre)
    assert all(zone.contains(corner) for corner in corners)
    assert not zone.contains(Point(centre.lat + 1, centre.lon))
    box = zone.bbox
    assert all(box.contains(corner) for corner in corners)


def test_square_inside_border_and_outside() -> None:
    zone = zone_from_points(SQUARE)
    assert zone.contains(Point(5, 5))
    assert zone.contains(Point(0, 0))  # a corner
    assert zone.contains(Point(10, 4.25))  # on a side
    assert zone.contains(Point(0, 5))  # on the side the ray runs along
    assert not zone.contains(Point(10.000001, 5))
    assert not zone.contains(Point(-1e-9, 5))
    assert not zone.contains(Point(5, 11))


def test_border_of_a_slanted_side_is_inside_despite_decimal_fractions() -> None:
    # 0.1 and 0.3 are not exact in binary; the exact predicate still puts the point on the side.
    zone = zone_from_points([(0.1, 0.1), (0.3, 0.3), (0.1, 0.5)])
    assert zone.contains(Point(0.2, 0.2))
    assert zone.contains(Point(0.1, 0.3))


@pytest.mark.parametrize(
    ("points", "error"),
    [
        pytest.param([(0, 0), (1, 1)], TooFewPoints, id="two-points"),
        pytest.param([(0, 0), (1, 1), (1, 1), (0, 0)], TooFewPoints, id="repeats"),
        pytest.param([(0, 0), (1, 1), (2, 2), (3, 3)], DegenerateZone, id="collinear"),
        pytest.param([(0, 0), (10, 10), (0, 10), (10, 0)], SelfIntersectingZone, id="bow-tie"),
        pytest.param([(0, 0), (0, 10), (10, 10), (10, 0), (0, 5)], SelfIntersectingZone,
                     id="spike-back-along-a-side"),
        pytest.param([(0, 0), (0, 2), (2, 2), (2, 0), (0, 0), (-2, 0), (-2, -2), (0, -2)],
                     SelfIntersectingZone, id="figure-eight-touching-at-a-corner"),
        pytest.param([(0, 0), (0, 4), (4, 4), (4, 0), (2, 4), (1, 1)], SelfIntersectingZone,
                     id="corner-on-another-side"),
        pytest.param([(0, 170), (10, 170), (10, -170)], ZoneCrossesAntimeridian,
                     id="antimeridian"),
        pytest.param([(0, 0), (91, 0), (0, 1)], InvalidCoordinates, id="latitude"),
        pytest.param([(0, 0), (1, 181), (0, 1)], InvalidCoordinates, id="longitude"),
        pytest.param([(0, 0), (math.nan, 0), (0, 1)], InvalidCoordinates, id="nan"),
    ],
)
def test_invalid_rings_are_refused(points: list[tuple[float, float]], error: type) -> None:
    with pytest.raises(error) as caught:
        polygon_from_points(points)
    assert caught.value.kind == "validation"


def test_self_intersection_names_the_crossing_sides() -> None:
    with pytest.raises(SelfIntersectingZone) as caught:
        polygon_from_points([(0, 0), (10, 10), (0, 10), (10, 0)])
    assert caught.value.code == "self_intersecting_zone"
    assert caught.value.params == {"side_a": 1, "side_b": 3}


def test_too_many_points() -> None:
    circle = [(math.sin(k / 400), math.cos(k / 400)) for k in range(2600)]
    with pytest.raises(TooManyPoints) as caught:
        polygon_from_points(circle)
    assert caught.value.params == {"count": 2600, "maximum": 2000}


def test_a_large_valid_ring_is_accepted() -> None:
    circle = [(math.sin(2 * math.pi * k / 2000), math.cos(2 * math.pi * k / 2000))
              for k in range(2000)]
    zone = zone_from_points(circle)
    assert zone.contains(Point(0, 0))
    assert not zone.contains(Point(1.01, 0))


def ring(lat0: float, lon0: float, size: float) -> tuple[Point, ...]:
    return (Point(lat0, lon0), Point(lat0, lon0 + size), Point(lat0 + size, lon0 + size),
            Point(lat0 + size, lon0))


def test_a_hole_is_outside_but_its_border_is_inside() -> None:
    polygon = Polygon(ring(0, 0, 10), (ring(4, 4, 2),))
    assert polygon.contains(Point(1, 1))
    assert not polygon.contains(Point(5, 5))
    assert polygon.contains(Point(4, 5))  # the hole's side
    assert polygon.contains(Point(6, 6))  # the hole's corner


@pytest.mark.parametrize(
    ("holes", "error"),
    [
        pytest.param((ring(20, 20, 2),), ZoneHoleOutside, id="hole-outside"),
        pytest.param((ring(8, 8, 4),), SelfIntersectingZone, id="hole-crosses-border"),
        pytest.param((ring(0, 4, 2),), SelfIntersectingZone, id="hole-touches-border"),
        pytest.param((ring(2, 2, 6), ring(3, 3, 1)), ZoneHoleOutside, id="hole-in-a-hole"),
        pytest.param((ring(2, 2, 2), ring(3, 3, 2)), SelfIntersectingZone, id="holes-overlap"),
    ],
)
def test_bad_holes_are_refused(holes: tuple[tuple[Point, ...], ...], error: type) -> None:
    with pytest.raises(error):
        Polygon(ring(0, 0, 10), holes)


def test_multipolygon_zone_is_the_union() -> None:
    zone = PolygonZone((Polygon(ring(0, 0, 1)), Polygon(ring(0, 5, 1))))
    assert zone.contains(Point(0.5, 0.5))
    assert zone.contains(Point(0.5, 5.5))
    assert not zone.contains(Point(0.5, 3))


def test_an_empty_zone_is_refused() -> None:
    with pytest.raises(TooFewPoints):
        PolygonZone(())


def test_polygons_normalise_closing_and_repeated_points() -> None:
    closed = polygon_from_points([*SQUARE, SQUARE[0]])
    repeated = polygon_from_points([SQUARE[0], SQUARE[0], *SQUARE[1:]])
    assert closed == repeated == polygon_from_points(SQUARE)
    assert len(closed.outer) == 4
