"""Reading what a seller types: amounts in roubles (exactly, to the kopeck), minutes, a radius in
kilometres, coordinates, a delivery zone. ``None`` means "not readable as such"; range checks are
core's (or, for the radius, stated here in kilometres)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from core.geo.api import zone_from_geojson, zone_from_points, zone_to_json
from core.geo.schemas import Point
from core.shared.money import Money

_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_RUBLES = re.compile(
    r"(?P<units>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[.,](?P<kopecks>\d{1,2}))?"
)
_CURRENCY = re.compile(r"\s*(?:₽|руб(?:лей|ля|ль)?\.?|р\.?|rub\.?|roubles?|rubles?)$",
                       re.IGNORECASE)
_MINUTES = re.compile(r"(?P<n>\d{1,4})\s*(?:мин(?:ут[ауы]?)?\.?|m|min|mins|minutes?)?",
                      re.IGNORECASE)
_KILOMETRES = re.compile(r"(?P<km>\d{1,3}(?:[.,]\d{1,3})?)\s*(?:км|km|километр(?:а|ов)?)?\.?",
                         re.IGNORECASE)
_NUMBER = r"-?\d{1,3}(?:\.\d+)?"
_PAIR = re.compile(rf"(?P<lat>{_NUMBER})\s*(?:,\s*|\s+)(?P<lon>{_NUMBER})")

MIN_RADIUS_M = 100
MAX_RADIUS_M = 100_000


def parse_rubles(text: str | None) -> Money | None:
    """``"150"``, ``"150,50"``, ``"1 500"``, ``"99.9 ₽"`` as Money; never through a float."""
    cleaned = _CURRENCY.sub("", (text or "").strip())
    match = _RUBLES.fullmatch(cleaned)
    if match is None:
        return None
    units = int(_SPACES.sub("", match["units"]))
    kopecks = int((match["kopecks"] or "0").ljust(2, "0"))
    return Money(units * 100 + kopecks)


def parse_minutes(text: str | None) -> int | None:
    """``"20"`` or ``"20 мин"`` as 20."""
    match = _MINUTES.fullmatch((text or "").strip())
    return int(match["n"]) if match else None


def parse_radius_m(text: str | None) -> int | None:
    """A radius typed in kilometres (``"3"``, ``"2,5 км"``) as whole metres."""
    match = _KILOMETRES.fullmatch((text or "").strip())
    if match is None:
        return None
    return int(Decimal(match["km"].replace(",", ".")) * 1000)


def parse_point(text: str | None) -> Point | None:
    """Typed coordinates ``"55.7539, 37.6208"`` (latitude first); core checks their range."""
    match = _PAIR.fullmatch((text or "").strip())
    if match is None:
        return None
    return Point(float(match["lat"]), float(match["lon"]))


def parse_polygon(text: str | None) -> dict[str, Any] | None:
    """A delivery zone pasted as GeoJSON, or as corner points one per line ("lat, lon"), in
    its stored JSON form; None if it is neither. A bad shape raises core's geo errors."""
    cleaned = (text or "").strip()
    if cleaned.startswith("{"):
        return zone_to_json(zone_from_geojson(cleaned))
    parts = [part.strip() for part in re.split(r"[\n;]", cleaned) if part.strip()]
    pairs = [_PAIR.fullmatch(part) for part in parts]
    if len(parts) < 2 or not all(pairs):
        return None
    points = [(float(m["lat"]), float(m["lon"])) for m in pairs if m is not None]
    return zone_to_json(zone_from_points(points))
