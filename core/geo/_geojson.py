"""Reading polygons from GeoJSON (RFC 7946): positions are [longitude, latitude(, altitude)]."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from core.geo.errors import InvalidGeoJSON
from core.geo.schemas import Point, Polygon

# A zone drawn on a map or exported from a GIS tool; more parts than this is not a zone.
MAX_POLYGONS = 50
MAX_TEXT_CHARS = 1_000_000


def polygons_from_geojson(data: str | Mapping[str, Any]) -> list[Polygon]:
    """Every polygon in a Polygon, MultiPolygon, Feature, FeatureCollection or
    GeometryCollection; rings may be given closed (as RFC 7946 asks) or open."""
    if isinstance(data, str):
        if len(data) > MAX_TEXT_CHARS:
            raise InvalidGeoJSON("GeoJSON text is too long", reason="too_long")
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            raise InvalidGeoJSON("not JSON", reason="not_json") from None
    coordinate_sets = _polygon_coordinates(data, depth=0)
    if not coordinate_sets:
        raise InvalidGeoJSON("no polygon in the GeoJSON", reason="no_polygon")
    if len(coordinate_sets) > MAX_POLYGONS:
        raise InvalidGeoJSON("too many polygons", reason="too_many_polygons")
    return [_polygon(rings) for rings in coordinate_sets]


def _polygon_coordinates(data: object, depth: int) -> list[Any]:
    if depth > 3 or not isinstance(data, Mapping):
        raise InvalidGeoJSON("expected a GeoJSON object", reason="not_an_object")
    kind = data.get("type")
    if kind == "Polygon":
        return [data.get("coordinates")]
    if kind == "MultiPolygon":
        parts = data.get("coordinates")
        if not isinstance(parts, list):
            raise InvalidGeoJSON("MultiPolygon needs a list", reason="bad_coordinates")
        return list(parts)
    if kind == "Feature":
        return _polygon_coordinates(data.get("geometry"), depth + 1)
    if kind in ("FeatureCollection", "GeometryCollection"):
        key = "features" if kind == "FeatureCollection" else "geometries"
        members = data.get(key)
        if not isinstance(members, list):
            raise InvalidGeoJSON(f"{kind} needs a list of {key}", reason="bad_collection")
        found: list[Any] = []
        for member in members:
            found.extend(_polygon_coordinates(member, depth + 1))
        return found
    raise InvalidGeoJSON(f"unsupported GeoJSON type {kind!r}", reason="unsupported_type")


def _polygon(rings: object) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise InvalidGeoJSON("a polygon needs a list of rings", reason="bad_coordinates")
    points = [_ring(ring) for ring in rings]
    return Polygon(points[0], tuple(points[1:]))


def _ring(ring: object) -> tuple[Point, ...]:
    if not isinstance(ring, list):
        raise InvalidGeoJSON("a ring must be a list of positions", reason="bad_coordinates")
    return tuple(_position(position) for position in ring)


def _position(position: object) -> Point:
    if (
        not isinstance(position, list | tuple)
        or len(position) not in (2, 3)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position)
    ):
        raise InvalidGeoJSON("a position is [longitude, latitude]", reason="bad_position")
    lon, lat = position[0], position[1]
    return Point(lat, lon)
