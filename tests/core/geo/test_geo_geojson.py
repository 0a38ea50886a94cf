"""Zones from GeoJSON, and zones to and from their stored JSON form."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.geo.api import (
    radius_zone,
    zone_from_geojson,
    zone_from_json,
    zone_from_points,
    zone_to_geojson,
    zone_to_json,
)
from core.geo.errors import InvalidGeoJSON, SelfIntersectingZone, TooFewPoints
from core.geo.schemas import MAX_RADIUS_M, Point, PolygonZone

# A narrow strip: 1° of longitude by 10° of latitude, so swapped axes would show.
STRIP = [[37.0, 50.0], [38.0, 50.0], [38.0, 60.0], [37.0, 60.0], [37.0, 50.0]]
POLYGON = {"type": "Polygon", "coordinates": [STRIP]}


def test_positions_are_longitude_then_latitude() -> None:
    zone = zone_from_geojson(POLYGON)
    assert zone.contains(Point(55.0, 37.5))
    assert not zone.contains(Point(37.5, 55.0))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(POLYGON, id="polygon"),
        pytest.param(json.dumps(POLYGON), id="text"),
        pytest.param({"type": "Polygon", "coordinates": [STRIP[:-1]]}, id="open-ring"),
        pytest.param({"type": "Polygon", "coordinates": [[[*p, 150.0] for p in STRIP]]},
                     id="with-altitude"),
        pytest.param({"type": "Feature", "properties": {}, "geometry": POLYGON}, id="feature"),
        pytest.param({"type": "FeatureCollection",
                      "features": [{"type": "Feature", "geometry": POLYGON}]}, id="collection"),
        pytest.param({"type": "MultiPolygon", "coordinates": [[STRIP]]}, id="multipolygon"),
    ],
)
def test_accepted_forms(data: Any) -> None:
    zone = zone_from_geojson(data)
    assert len(zone.polygons) == 1
    assert zone.contains(Point(55.0, 37.5))


def test_multipolygon_parts_and_holes() -> None:
    hole = [[37.2, 54.0], [37.8, 54.0], [37.8, 56.0], [37.2, 56.0], [37.2, 54.0]]
    far = [[40.0, 50.0], [41.0, 50.0], [41.0, 51.0], [40.0, 50.0]]
    zone = zone_from_geojson({"type": "MultiPolygon", "coordinates": [[STRIP, hole], [far]]})
    assert not zone.contains(Point(55.0, 37.5))
    assert zone.contains(Point(52.0, 37.5))
    assert zone.contains(Point(50.2, 40.5))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param("{not json", "not_json", id="not-json"),
        pytest.param("[1, 2]", "not_an_object", id="array"),
        pytest.param({"type": "Point", "coordinates": [37.0, 55.0]}, "unsupported_type",
                     id="point"),
        pytest.param({"type": "Polygon", "coordinates": []}, "bad_coordinates", id="no-rings"),
        pytest.param({"type": "Polygon", "coordinates": [[[37.0], [38.0, 50.0], [1, 2]]]},
                     "bad_position", id="short-position"),
        pytest.param({"type": "Polygon", "coordinates": [[["37", "55"], [38, 50], [1, 2]]]},
                     "bad_position", id="text-position"),
        pytest.param({"type": "Polygon", "coordinates": [[[True, 1], [38, 50], [1, 2]]]},
                     "bad_position", id="boolean-position"),
        pytest.param({"type": "FeatureCollection", "features": []}, "no_polygon", id="empty"),
        pytest.param({"type": "Feature", "geometry": None}, "not_an_object", id="no-geometry"),
        pytest.param("x" * 1_000_001, "too_long", id="too-long"),
        pytest.param("[" * 100_000, "not_json", id="deeply-nested"),
    ],
)
def test_refused_forms(data: Any, reason: str) -> None:
    with pytest.raises(InvalidGeoJSON) as caught:
        zone_from_geojson(data)
    assert caught.value.params == {"reason": reason}
    assert caught.value.code == "invalid_geojson"


def test_geometry_errors_come_through() -> None:
    bow_tie = [[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]
    with pytest.raises(SelfIntersectingZone):
        zone_from_geojson({"type": "Polygon", "coordinates": [bow_tie]})
    with pytest.raises(TooFewPoints):
        zone_from_geojson({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]})


@st.composite
def polygon_zones(draw: st.DrawFn) -> PolygonZone:
    lat = draw(st.floats(-60, 60))
    lon = draw(st.floats(-170, 170))
    count = draw(st.integers(3, 16))
    slots = sorted(draw(st.sets(st.integers(0, 62), min_size=count, max_size=count)))
    radii = draw(st.lists(st.floats(0.001, 0.5), min_size=count, max_size=count))
    # Every corner within a half-turn of the next keeps the centre inside: a star-shaped ring.
    if max(b - a for a, b in zip(slots, [*slots[1:], slots[0] + 63], strict=True)) >= 31:
        slots = list(range(0, 63, 63 // count))[:count]
    return zone_from_points([
        (lat + r * math.sin(s / 10), lon + r * math.cos(s / 10))
        for s, r in zip(slots, radii, strict=True)
    ])


@settings(max_examples=100)
@given(polygon_zones())
def test_polygon_zone_round_trips_through_json_and_geojson(zone: PolygonZone) -> None:
    stored = json.loads(json.dumps(zone_to_json(zone)))
    assert zone_from_json(stored) == zone
    assert zone_from_geojson(json.dumps(zone_to_geojson(zone))) == zone


@given(st.floats(-90, 90), st.floats(-180, 180), st.integers(1, MAX_RADIUS_M))
def test_radius_zone_round_trips_through_json(lat: float, lon: float, radius: int) -> None:
    zone = radius_zone(Point(lat, lon), radius)
    assert zone_from_json(json.loads(json.dumps(zone_to_json(zone)))) == zone


def test_unknown_stored_kind_is_refused() -> None:
    with pytest.raises(InvalidGeoJSON):
        zone_from_json({"kind": "hexagon"})
