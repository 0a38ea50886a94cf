"""Where a customer shops from: the default address's point, the shops that serve it now, and a
shop's categories that have something on offer there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core.auth.policy import Actor
from core.business.api import next_opening, shops_delivering_to
from core.business.schemas import ShopOut
from core.catalog.api import list_categories
from core.catalog.schemas import CategoryOut
from core.customers.api import list_addresses
from core.customers.schemas import AddressOut
from core.geo.schemas import Point
from core.shared.uow import Database
from core.storefront.api import categories_on_offer, shops_at


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """The default address (None: no address yet) and its point (None: it has only text)."""

    address: AddressOut | None
    point: Point | None


async def whereabouts(db: Database, actor: Actor) -> Whereabouts:
    """The customer's default address and its point; the listing rule needs a point."""
    addresses = await list_addresses(db, actor, actor.telegram_id)
    default = next((a for a in addresses if a.is_default), addresses[0] if addresses else None)
    if default is None or default.latitude is None or default.longitude is None:
        return Whereabouts(default, None)
    return Whereabouts(default, Point(default.latitude, default.longitude))


async def open_shops(db: Database, point: Point) -> list[ShopOut]:
    """Shops taking orders now that deliver to ``point``, nearest first."""
    return await shops_at(db, point)


async def shop_at(db: Database, point: Point, shop_id: UUID) -> ShopOut | None:
    """The shop if it takes orders now and delivers to ``point`` (button data is user input)."""
    return next((shop for shop in await shops_at(db, point) if shop.id == shop_id), None)


async def next_open(db: Database, point: Point) -> tuple[ShopOut, datetime] | None:
    """The shop delivering to ``point`` that opens soonest, and when (UTC); None if none will."""
    now = db.clock.now()
    found: tuple[ShopOut, datetime] | None = None
    for shop in await shops_delivering_to(db, point):
        opens = next_opening(shop, now)
        if opens is not None and opens > now and (found is None or opens < found[1]):
            found = (shop, opens)
    return found


async def categories_with_offers(
    db: Database, point: Point, shop_id: UUID, parent_id: UUID | None
) -> list[CategoryOut]:
    """The children of ``parent_id`` (roots when None) in which the shop offers something."""
    children = await list_categories(db, parent_id)
    offered = await categories_on_offer(db, point, [c.id for c in children], shop_id=shop_id)
    return [category for category in children if category.id in offered]
