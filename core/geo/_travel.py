"""Travel time from a great-circle distance: streets are longer than the straight line, and
each way of moving has its own pace in town."""

from __future__ import annotations

import math
from fractions import Fraction

from core.geo.schemas import TravelMode

# How much longer the way along streets is than the straight line. On foot one cuts through
# yards and crossings; a bicycle keeps to roads and cycle lanes; a car meets one-way streets
# and turns.
ROAD_FACTOR: dict[TravelMode, Fraction] = {
    TravelMode.FOOT: Fraction("1.25"),
    TravelMode.BICYCLE: Fraction("1.3"),
    TravelMode.CAR: Fraction("1.4"),
}
# Average speed in km/h in a city, stops, lights and traffic included.
SPEED_KMH: dict[TravelMode, Fraction] = {
    TravelMode.FOOT: Fraction("4.5"),
    TravelMode.BICYCLE: Fraction(15),
    TravelMode.CAR: Fraction(25),
}


def travel_minutes(distance_m: float, mode: TravelMode) -> int:
    """Whole minutes to cover ``distance_m`` (great-circle metres) by ``mode``, rounded up."""
    if isinstance(distance_m, bool) or not math.isfinite(distance_m) or distance_m < 0:
        raise ValueError(f"distance must be a finite number of metres ≥ 0, not {distance_m!r}")
    mode = TravelMode(mode)
    # Exact rationals: a distance worth exactly 12 minutes must not become 13 by rounding.
    metres_per_minute = SPEED_KMH[mode] * 1000 / 60
    return math.ceil(Fraction(distance_m) * ROAD_FACTOR[mode] / metres_per_minute)
