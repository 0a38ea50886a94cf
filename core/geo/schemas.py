"""Geo value objects: points, bounding boxes, polygons, delivery zones, live courier positions.

Each checks itself when built, so a ``Polygon`` in hand is always simple and has an area.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from core.geo import _polygon
from core.geo._distance import EARTH_RADIUS_M, haversine_m
from core.geo.errors import InvalidCoordinates, InvalidRadius, TooFewPoints

MIN_RADIUS_M = 1
MAX_RADIUS_M = 100_000


@dataclass(frozen=True, slots=True)
class Point:
    """A place on the Earth in decimal degrees (WGS 84)."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        for name in ("lat", "lon"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidCoordinates(f"{name} must be a number", lat=self.lat, lon=self.lon)
            # Integers are welcome but stored as floats, so equal points compare and hash alike.
            try:
                object.__setattr__(self, name, float(value))
            except OverflowError:
                raise InvalidCoordinates(lat=self.lat, lon=self.lon) from None
        if not (math.isfinite(self.lat) and math.isfinite(self.lon)):
            raise InvalidCoordinates(lat=self.lat, lon=self.lon)
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise InvalidCoordinates(lat=self.lat, lon=self.lon)

    @property
    def xy(self) -> tuple[float, float]:
        """(longitude, latitude): the plane coordinates polygons are drawn in."""
        return (self.lon, self.lat)


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """The latitude/longitude rectangle around a zone, for a cheap first filter."""

    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float

    def contains(self, point: Point) -> bool:
        """Whether ``point`` lies in the box, edges included."""
        return (
            self.min_lat <= point.lat <= self.max_lat and self.min_lon <= point.lon <= self.max_lon
        )


@dataclass(frozen=True, slots=True)
class Polygon:
    """One outer ring and any holes; closing points and repeated points are dropped."""

    outer: tuple[Point, ...]
    holes: tuple[tuple[Point, ...], ...] = ()
    _rings: tuple[_polygon.Ring, ...] = field(init=False, repr=False, compare=False)
    _bbox: BoundingBox = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rings = [
            _polygon.normalize_ring([p.xy for p in ring]) for ring in (self.outer, *self.holes)
        ]
        _polygon.validate_rings(rings)
        object.__setattr__(self, "outer", tuple(Point(lat, lon) for lon, lat in rings[0]))
        object.__setattr__(
            self, "holes", tuple(tuple(Point(lat, lon) for lon, lat in r) for r in rings[1:])
        )
        object.__setattr__(self, "_rings", tuple(rings))
        lons = [x for x, _ in rings[0]]
        lats = [y for _, y in rings[0]]
        object.__setattr__(self, "_bbox", BoundingBox(min(lats), min(lons), max(lats), max(lons)))

    @property
    def bbox(self) -> BoundingBox:
        """The box around the outer ring."""
        return self._bbox

    def contains(self, point: Point) -> bool:
        """Inside the outer ring and not strictly inside a hole; every border counts as inside."""
        if not self._bbox.contains(point):
            return False
        xy = point.xy
        if _polygon.locate(self._rings[0], xy) == _polygon.OUTSIDE:
            return False
        return all(_polygon.locate(hole, xy) != _polygon.INSIDE for hole in self._rings[1:])


@dataclass(frozen=True, slots=True)
class RadiusZone:
    """Everything within ``radius_m`` metres of ``center`` along the Earth's surface."""

    center: Point
    radius_m: int

    def __post_init__(self) -> None:
        radius = self.radius_m
        if (
            isinstance(radius, bool)
            or not isinstance(radius, int)
            or not MIN_RADIUS_M <= radius <= MAX_RADIUS_M
        ):
            raise InvalidRadius(radius_m=radius, minimum=MIN_RADIUS_M, maximum=MAX_RADIUS_M)

    def contains(self, point: Point) -> bool:
        """Whether ``point`` is at most ``radius_m`` away from the centre."""
        return haversine_m(self.center.lat, self.center.lon, point.lat, point.lon) <= self.radius_m

    @property
    def bbox(self) -> BoundingBox:
        """A box around the circle (slightly generous; the whole globe's width near a pole)."""
        # 0.1 % of slack keeps float error on the box's side: it only pre-filters.
        angle = self.radius_m / EARTH_RADIUS_M * 1.001
        dlat = math.degrees(angle)
        lat = self.center.lat
        min_lat, max_lat = max(-90.0, lat - dlat), min(90.0, lat + dlat)
        if min_lat <= -90.0 or max_lat >= 90.0 or math.sin(angle) >= math.cos(math.radians(lat)):
            return BoundingBox(min_lat, -180.0, max_lat, 180.0)
        dlon = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(lat))))
        west, east = self.center.lon - dlon, self.center.lon + dlon
        if west < -180.0 or east > 180.0:
            # The circle crosses the antimeridian; a box of all longitudes stays correct.
            return BoundingBox(min_lat, -180.0, max_lat, 180.0)
        return BoundingBox(min_lat, west, max_lat, east)


@dataclass(frozen=True, slots=True)
class PolygonZone:
    """The union of one or more polygons (a GeoJSON MultiPolygon's parts may overlap)."""

    polygons: tuple[Polygon, ...]

    def __post_init__(self) -> None:
        if not self.polygons:
            raise TooFewPoints(count=0, minimum=_polygon.MIN_POINTS)

    def contains(self, point: Point) -> bool:
        """Whether any of the polygons contains ``point`` (borders included)."""
        return any(polygon.contains(point) for polygon in self.polygons)

    @property
    def bbox(self) -> BoundingBox:
        """The box around all the polygons."""
        boxes = [polygon.bbox for polygon in self.polygons]
        return BoundingBox(
            min(b.min_lat for b in boxes),
            min(b.min_lon for b in boxes),
            max(b.max_lat for b in boxes),
            max(b.max_lon for b in boxes),
        )


Zone = RadiusZone | PolygonZone


class TravelMode(StrEnum):
    """How a courier moves; the values are workforce's vehicles."""

    FOOT = "foot"
    BICYCLE = "bicycle"
    CAR = "car"


@dataclass(frozen=True, slots=True)
class LivePosition:
    """Where a courier was last seen and when (UTC)."""

    courier_id: int
    point: Point
    at: datetime


@dataclass(frozen=True, slots=True)
class NearCourier:
    """A courier found near a place: how far (metres, great-circle) and how old the fix is."""

    courier_id: int
    distance_m: float
    age_seconds: float
