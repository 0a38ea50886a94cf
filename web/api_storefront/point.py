"""Where the customer wants things delivered: the point every storefront query needs.

``?lat=&lon=`` names a point directly; ``?address_id=`` one of the person's own saved addresses
(someone else's is refused, as not found); with neither, the default address, else the first
saved one that has a point (a text-only address cannot be placed in a zone).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from uuid import UUID

from aiohttp import web

from core.customers.api import get_address, list_addresses
from core.customers.errors import AddressNotFound
from core.customers.schemas import AddressOut
from core.geo.errors import InvalidCoordinates
from core.geo.schemas import Point
from core.shared.errors import ValidationFailed
from web.api_storefront.errors import AddressNotPlaced, DeliveryAddressNeeded
from web.auth import actor_of
from web.keys import DB_KEY

POINT_NOTE = (
    "The delivery point is `?lat=&lon=`, or `?address_id=` (one of my addresses), else my "
    "default address; 409 `storefront_address_needed` when I have none, "
    "`storefront_address_not_placed` when it has no point on the map."
)


@dataclass(frozen=True, slots=True)
class DeliveryPoint:
    """The point and, when it came from one, the saved address it belongs to."""

    point: Point
    address: AddressOut | None = None


def _coordinate(request: web.Request, name: str) -> float:
    raw = request.query.get(name, "").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise InvalidCoordinates(f"{name}: expected a number") from None
    if not math.isfinite(value):
        raise InvalidCoordinates(f"{name}: expected a number")
    return value


def _uuid(raw: str, name: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise ValidationFailed(f"{name}: expected a UUID") from None


def _placed(address: AddressOut) -> DeliveryPoint:
    if address.latitude is None or address.longitude is None:
        raise AddressNotPlaced(address_id=address.id)
    return DeliveryPoint(Point(address.latitude, address.longitude), address)


async def delivery_point(request: web.Request) -> DeliveryPoint:
    """The point of the request (see the module docstring); 409 when there is none."""
    found = await optional_delivery_point(request)
    if found is None:
        raise DeliveryAddressNeeded()
    return found


async def optional_delivery_point(request: web.Request) -> DeliveryPoint | None:
    """The point of the request, or None when the person has no saved address at all."""
    if "lat" in request.query or "lon" in request.query:
        return DeliveryPoint(Point(_coordinate(request, "lat"), _coordinate(request, "lon")))
    actor, db = actor_of(request), request.app[DB_KEY]
    raw_id = request.query.get("address_id")
    if raw_id:
        address = await get_address(db, actor, _uuid(raw_id, "address_id"))
        # Support staff may read anyone's address, but a storefront is one's own.
        if address.customer_id != actor.telegram_id:
            raise AddressNotFound(address_id=address.id)
        return _placed(address)
    addresses = await list_addresses(db, actor, actor.telegram_id)
    if not addresses:
        return None
    default = next((a for a in addresses if a.is_default), addresses[0])
    if default.has_point:
        return _placed(default)
    return _placed(next((a for a in addresses if a.has_point), default))
