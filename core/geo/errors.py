"""Errors of the geo module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import ValidationFailed


class InvalidCoordinates(ValidationFailed):
    """Latitude outside -90..90, longitude outside -180..180, or not a finite number."""

    code = "invalid_coordinates"


class InvalidGeoJSON(ValidationFailed):
    """The text is not JSON, or not a GeoJSON Polygon, MultiPolygon or Feature holding one."""

    code = "invalid_geojson"


class TooFewPoints(ValidationFailed):
    """A ring has fewer than three distinct points."""

    code = "too_few_points"


class TooManyPoints(ValidationFailed):
    code = "too_many_points"


class DegenerateZone(ValidationFailed):
    """All points of a ring lie on one line: the zone has no area."""

    code = "degenerate_zone"


class SelfIntersectingZone(ValidationFailed):
    """Two sides of the zone's border cross or touch (params: ``side_a``, ``side_b``, 1-based)."""

    code = "self_intersecting_zone"


class ZoneHoleOutside(ValidationFailed):
    """A hole of a polygon lies outside its outer ring, or inside another hole."""

    code = "zone_hole_outside"


class ZoneCrossesAntimeridian(ValidationFailed):
    code = "zone_crosses_antimeridian"


class InvalidRadius(ValidationFailed):
    """A radius outside the allowed range (params: ``radius_m``, ``minimum``, ``maximum``)."""

    code = "invalid_radius"
