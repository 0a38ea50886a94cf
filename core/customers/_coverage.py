"""Whether any shop delivers to a point: asked when an address is saved, to warn early."""

from __future__ import annotations

from core.business.api import delivers_to
from core.customers.schemas import DeliveryCoverage
from core.geo.schemas import Point
from core.shared.uow import Transaction


async def delivery_coverage(
    tx: Transaction, latitude: float | None, longitude: float | None
) -> DeliveryCoverage:
    """Covered, not covered, or unknown (a typed address without a point cannot be placed)."""
    if latitude is None or longitude is None:
        # Typed text is not geocoded yet; the storefront decides when the person orders.
        return DeliveryCoverage.UNKNOWN
    if await delivers_to(tx.db, Point(latitude, longitude)):
        return DeliveryCoverage.COVERED
    return DeliveryCoverage.NOT_COVERED
