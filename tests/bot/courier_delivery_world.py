"""Couriers and deliveries for the courier and support bots' delivery tests: the seller order
tests' shop (owner, customer with an address nearby, goods), an admin and a support agent,
couriers on shift with a live position near the shop, and orders made ready through core so that
their deliveries search for a courier. Telegram ids in these tests' own range (7_940_000_000+).
"""

from __future__ import annotations

import itertools
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiogram.methods import AnswerCallbackQuery
from redis.asyncio import Redis

from core.auth.api import ensure_admins, grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.api import get_shop
from core.customers.api import save_phone_from_contact
from core.customers.schemas import SharedContact
from core.geo.api import record_position
from core.geo.schemas import Point
from core.logistics.api import (
    Dispatcher,
    assign_manually,
    delivery_of_order,
    handover_code,
    my_open_offer,
)
from core.logistics.schemas import DeliveryOut, OfferOut
from core.orders.api import accept_order, mark_ready, start_assembly
from core.orders.schemas import OrderOut
from core.shared.clock import FrozenClock
from core.shared.outbox import Relay
from core.shared.uow import Database
from core.workforce.api import register_courier, start_shift
from core.workforce.schemas import Vehicle

# The seller order tests' shop, and the logistics tests' reset (test folders are not packages).
_TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_TESTS / "web"))
sys.path.insert(0, str(_TESTS / "core" / "logistics"))

from logistics_reset import forget_earlier_work  # noqa: E402
from seller_orders_world import OrdersShop, orders_shop  # noqa: E402

_ids = itertools.count(7_940_000_000)
PHONE = "+79161234567"
CUSTOMER_PHONE = "+79035550101"
_METRES_PER_DEGREE = 111_195


def new_id() -> int:
    return next(_ids)


def callback_answer(requests: list[Any]) -> AnswerCallbackQuery:
    """The bot's one answer to a button press among its requests."""
    [answer] = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    return answer


def north_of(point: Point, metres: float) -> Point:
    return Point(point.lat + metres / _METRES_PER_DEGREE, point.lon)


@dataclass
class DeliveryWorld:
    db: Database
    redis: Redis
    clock: FrozenClock
    shop: OrdersShop
    shop_point: Point
    admin: Actor
    support: Actor

    async def person(self, name: str = "Марат") -> int:
        telegram_id = new_id()
        await remember_user(self.db, TelegramProfile(telegram_id, name))
        return telegram_id

    async def courier(
        self,
        name: str = "Марат",
        vehicle: Vehicle = Vehicle.BICYCLE,
        *,
        metres_away: float | None = 400,
        shift: bool = True,
    ) -> int:
        """An approved courier, on shift, at ``metres_away`` north of the shop (None: no live
        position)."""
        telegram_id = await self.person(name)
        await grant_role(self.db, self.admin, telegram_id, Role.COURIER)
        actor = await load_actor(self.db, telegram_id)
        await register_courier(self.db, actor, name, PHONE, vehicle)
        if shift:
            await start_shift(self.db, actor)
        if metres_away is not None:
            where = north_of(self.shop_point, metres_away)
            await record_position(self.redis, telegram_id, where, self.clock.now())
        return telegram_id

    async def ready_order(self) -> OrderOut:
        """A customer's order, accepted, assembled and ready: its delivery searches."""
        order = await self.shop.place()
        owner = await self.shop.owner()
        await accept_order(self.db, owner, order.id)
        await start_assembly(self.db, owner, order.id)
        ready = await mark_ready(self.db, owner, order.id)
        await self.relay()
        return ready

    async def delivery(self, order_id: uuid.UUID) -> DeliveryOut:
        """The order's delivery as it is now (as support sees it)."""
        found = await delivery_of_order(self.db, self.support, order_id)
        assert found is not None
        return found

    async def offered(self, courier_id: int) -> OfferOut:
        """Run a dispatcher pass: the open offer it made to ``courier_id``."""
        await Dispatcher(self.db, self.redis).run_once()
        offer = await my_open_offer(self.db, await load_actor(self.db, courier_id))
        assert offer is not None
        return offer

    async def assigned(self, courier_id: int) -> DeliveryOut:
        """A ready order's delivery, given to ``courier_id`` by support."""
        delivery = await self.delivery((await self.ready_order()).id)
        return await assign_manually(self.db, self.support, delivery.id, courier_id)

    async def code(self, delivery_id: uuid.UUID) -> str:
        return await handover_code(self.db, self.support, delivery_id)

    async def relay(self) -> None:
        await Relay(self.db).run_until_idle()


async def delivery_world(db: Database, redis: Redis, clock: FrozenClock) -> DeliveryWorld:
    await forget_earlier_work(db)
    shop = await orders_shop(db)
    admin_id, support_id = new_id(), new_id()
    for telegram_id, name in ((admin_id, "Павел"), (support_id, "Света")):
        await remember_user(db, TelegramProfile(telegram_id, name))
    await ensure_admins(db, [admin_id])
    admin = await load_actor(db, admin_id)
    await grant_role(db, admin, support_id, Role.SUPPORT)
    point = (await get_shop(db, shop.shop_id)).point
    contact = SharedContact(shop.customer_id, CUSTOMER_PHONE, shop.customer_id)
    await save_phone_from_contact(db, shop.customer, contact)
    return DeliveryWorld(
        db=db,
        redis=redis,
        clock=clock,
        shop=shop,
        shop_point=point,
        admin=admin,
        support=await load_actor(db, support_id),
    )
