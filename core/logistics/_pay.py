"""The courier's earning per delivery: a base plus a rate per started kilometre.

The distance is the great-circle one from the shop to the customer (what the customer's fee is
based on too), measured once when the delivery is made, so the courier sees the same figure in
the offer, on the card and in their statistics. Integer kopecks throughout.
"""

from __future__ import annotations

from typing import Final

from core.shared.money import Money

BASE_EARNING: Final = Money.rub(150)
PER_STARTED_KM: Final = Money.rub(15)


def started_km(distance_m: int) -> int:
    """Kilometres begun: 0 m is 0, 1 m to 1000 m is 1, 1001 m is 2."""
    return -(-max(0, distance_m) // 1000)


def earning_for(distance_m: int) -> Money:
    """150 ₽ plus 15 ₽ for every kilometre begun between the shop and the customer."""
    return BASE_EARNING + PER_STARTED_KM * started_km(distance_m)
