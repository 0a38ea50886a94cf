"""A shop with goods, couriers on shift with live positions near it, and ready orders, for the
logistics tests (conftest.py is not importable by name)."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from typing import Any

from catalog_factories import SellerShop
from order_flow_helpers import Buyer, buyer, offer, order_of
from redis.asyncio import Redis
from sqlalchemy import func, select

from core.auth.api import ensure_admins, grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.catalog.schemas import CategoryOut
from core.geo.api import record_position
from core.geo.schemas import Point
from core.logistics.api import (
    Dispatcher,
    DispatchPass,
    accept_offer,
    delivery_of_order,
    my_open_offer,
)
from core.logistics.schemas import DeliveryOut
from core.logistics.schemas import OfferOut as DeliveryOffer
from core.orders.api import accept_order, mark_ready, start_assembly
from core.orders.schemas import OrderOut
from core.shared.clock import FrozenClock
from core.shared.outbox import OutboxEvent, Relay
from core.shared.uow import Database
from core.storefront.schemas import OfferOut
from core.workforce.api import register_courier, start_shift
from core.workforce.schemas import Vehicle

_ids = itertools.count(7_930_000_000)  # this folder's range
PHONE = "+79161234567"
METRES_PER_DEGREE = 111_195


def offset(point: Point, north_m: float = 0, east_m: float = 0) -> Point:
    """A point ``north_m`` north and ``east_m`` east of ``point`` (flat Earth: a few km)."""
    import math

    return Point(
        point.lat + north_m / METRES_PER_DEGREE,
        point.lon + east_m / (METRES_PER_DEGREE * math.cos(math.radians(point.lat))),
    )


async def person(db: Database, name: str) -> int:
    telegram_id = next(_ids)
    await remember_user(db, TelegramProfile(telegram_id, name))
    return telegram_id


@dataclass
class World:
    db: Database
    redis: Redis
    clock: FrozenClock
    shop: SellerShop
    goods: OfferOut
    admin: Actor
    support: Actor
    customer: Buyer

    async def courier(
        self,
        vehicle: Vehicle = Vehicle.BICYCLE,
        *,
        north_m: float = 300,
        east_m: float = 0,
        name: str = "Марат",
        shift: bool = True,
        position: bool = True,
    ) -> Actor:
        """An approved courier (on shift, with a fresh position near the shop by default)."""
        telegram_id = await person(self.db, name)
        await grant_role(self.db, self.admin, telegram_id, Role.COURIER)
        courier = await load_actor(self.db, telegram_id)
        await register_courier(self.db, courier, name, PHONE, vehicle)
        if shift:
            await start_shift(self.db, courier)
        if position:
            await self.place(courier, north_m=north_m, east_m=east_m)
        return courier

    async def place(self, courier: Actor, *, north_m: float = 300, east_m: float = 0) -> None:
        """The courier's live location, taken now."""
        where = offset(self.shop.point, north_m, east_m)
        await record_position(self.redis, courier.telegram_id, where, self.clock.now())

    async def ready_order(self, *, who: Buyer | None = None, relay: bool = True) -> OrderOut:
        """An order of the shop's goods, accepted, assembled and ready; once the relay has run
        (``relay``), its delivery is searching."""
        order = await order_of(self.db, self.shop, who or self.customer, (self.goods, 3))
        picker = self.shop.owner
        await accept_order(self.db, picker, order.id)
        await start_assembly(self.db, picker, order.id)
        ready = await mark_ready(self.db, picker, order.id)
        if relay:
            await self.relay()
        return ready

    async def delivery(self, order_id: uuid.UUID) -> DeliveryOut:
        found = await delivery_of_order(self.db, self.support, order_id)
        assert found is not None
        return found

    async def relay(self) -> None:
        await Relay(self.db).run_until_idle()

    async def dispatch(self, db: Database | None = None) -> DispatchPass:
        return await Dispatcher(db or self.db, self.redis).run_once()

    async def offered(self, courier: Actor) -> DeliveryOffer:
        """The offer a dispatcher pass makes ``courier``, which there must be."""
        await self.dispatch()
        offer = await my_open_offer(self.db, courier)
        assert offer is not None
        return offer

    async def taken(self, courier: Actor) -> DeliveryOffer:
        """The offer a dispatcher pass makes ``courier``, accepted: the delivery is theirs."""
        offer = await self.offered(courier)
        await accept_offer(self.db, courier, offer.id)
        return offer

    async def events(self, name: str, **payload: Any) -> list[dict[str, Any]]:
        """Payloads of this test's ``name`` events carrying ``payload``, oldest first."""
        async with self.db.sessionmaker() as session:
            rows = await session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.name == name, OutboxEvent.payload.contains(payload))
                .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
            )
            return [row.payload for row in rows]

    async def count(self, statement: Any) -> int:
        async with self.db.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(statement)) or 0)


async def make_world(
    db: Database, redis: Redis, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> World:
    admin_id = await person(db, "Павел")
    await ensure_admins(db, [admin_id])
    admin = await load_actor(db, admin_id)
    support_id = await person(db, "Света")
    await grant_role(db, admin, support_id, Role.SUPPORT)
    goods = await offer(db, shop, category, stock=1_000)
    return World(
        db=db,
        redis=redis,
        clock=clock,
        shop=shop,
        goods=goods,
        admin=admin,
        support=await load_actor(db, support_id),
        customer=await buyer(db, shop),
    )
