"""geo queries: distances, delivery zones (building, checking, JSON), travel times, and live
courier positions (kept in Redis: the caller passes its client)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.geo._distance import haversine_m
from core.geo._geojson import polygons_from_geojson
from core.geo._positions import forget_position, nearest_couriers, position_of, record_position
from core.geo._travel import travel_minutes
from core.geo.errors import InvalidGeoJSON
from core.geo.schemas import (
    BoundingBox,
    LivePosition,
    NearCourier,
    Point,
    Polygon,
    PolygonZone,
    RadiusZone,
    TravelMode,
    Zone,
)

__all__ = [
    "LivePosition",
    "NearCourier",
    "TravelMode",
    "distance_m",
    "forget_position",
    "nearest_couriers",
    "position_of",
    "polygon_from_points",
    "radius_zone",
    "record_position",
    "travel_minutes",
    "zone_bbox",
    "zone_contains",
    "zone_from_geojson",
    "zone_from_json",
    "zone_from_points",
    "zone_to_geojson",
    "zone_to_json",
]

LatLon = Point | tuple[float, float]


def distance_m(a: Point, b: Point) -> float:
    """Great-circle distance between two points, in metres."""
    return haversine_m(a.lat, a.lon, b.lat, b.lon)


def _point(value: LatLon) -> Point:
    return value if isinstance(value, Point) else Point(value[0], value[1])


def polygon_from_points(points: Sequence[LatLon]) -> Polygon:
    """A polygon from its corners in order, as Points or (lat, lon) pairs; open or closed."""
    return Polygon(tuple(_point(p) for p in points))


def zone_from_points(points: Sequence[LatLon]) -> PolygonZone:
    """A one-polygon delivery zone from its corners (see ``polygon_from_points``)."""
    return PolygonZone((polygon_from_points(points),))


def zone_from_geojson(data: str | Mapping[str, Any]) -> PolygonZone:
    """A delivery zone from GeoJSON text or a parsed object (Polygon, MultiPolygon, Feature...)."""
    return PolygonZone(tuple(polygons_from_geojson(data)))


def radius_zone(center: LatLon, radius_m: int) -> RadiusZone:
    """A delivery zone of everything within ``radius_m`` metres of ``center``."""
    return RadiusZone(_point(center), radius_m)


def zone_contains(zone: Zone, point: Point) -> bool:
    """Whether the zone covers ``point``; its border counts as covered."""
    return zone.contains(point)


def zone_bbox(zone: Zone) -> BoundingBox:
    """A box around the zone, for filtering candidates in a database query."""
    return zone.bbox


def zone_to_geojson(zone: PolygonZone) -> dict[str, Any]:
    """The zone as a GeoJSON MultiPolygon with closed rings."""

    def ring(points: tuple[Point, ...]) -> list[list[float]]:
        return [[p.lon, p.lat] for p in (*points, points[0])]

    return {
        "type": "MultiPolygon",
        "coordinates": [
            [ring(polygon.outer), *(ring(hole) for hole in polygon.holes)]
            for polygon in zone.polygons
        ],
    }


def zone_to_json(zone: Zone) -> dict[str, Any]:
    """The zone as JSON for storage: ``{"kind": "radius", ...}`` or ``{"kind": "polygon", ...}``."""
    if isinstance(zone, RadiusZone):
        return {
            "kind": "radius",
            "center": {"lat": zone.center.lat, "lon": zone.center.lon},
            "radius_m": zone.radius_m,
        }
    return {"kind": "polygon", "geojson": zone_to_geojson(zone)}


def zone_from_json(data: Mapping[str, Any]) -> Zone:
    """Read back what ``zone_to_json`` wrote (and check it again)."""
    kind = data.get("kind")
    if kind == "radius":
        center = data["center"]
        return RadiusZone(Point(center["lat"], center["lon"]), data["radius_m"])
    if kind == "polygon":
        return zone_from_geojson(data["geojson"])
    raise InvalidGeoJSON(f"unknown zone kind {kind!r}", reason="unknown_zone_kind")
