"""The demo data: approved shops with staff, customers with addresses; seeding twice is harmless."""

from __future__ import annotations

from datetime import UTC, datetime

from core.auth import api as auth
from core.auth.policy import Actor, Role
from core.business import api as business
from core.business.schemas import ShopStatus
from core.customers import api as customers
from core.geo.schemas import Point
from core.inventory import api as inventory
from core.shared.config import Settings
from core.workforce import api as workforce
from fruktgo.container import Container
from fruktgo.demo import DEMO_PEOPLE, DEMO_SHOPS, seed_into


async def test_demo_has_approved_shops_staff_and_customers(settings: Settings) -> None:
    container = Container.build(settings)
    try:
        await seed_into(container)
        await seed_into(container)  # the sandbox seeds on every start
        db = container.db

        owners = {shop.owner_id for shop in DEMO_SHOPS}
        for owner_id in owners:
            actor = await auth.load_actor(db, owner_id)
            assert set(actor.shops.values()) == {Role.OWNER}
            shops = await business.my_shops(db, actor)
            assert len(shops) == 1
            assert shops[0].status is ShopStatus.ACTIVE
            # Stock to buy, a few offers sold out, and no threshold reached (no alert at start).
            stock = await inventory.list_stock(db, actor, shops[0].id)
            assert len(stock) >= 15
            assert sum(1 for s in stock if s.available > 0) >= len(stock) - 4
            assert any(s.available == 0 for s in stock)
            assert not await inventory.list_stock(db, actor, shops[0].id, low_only=True)

        courier_id = next(p.telegram_id for p in DEMO_PEOPLE if p.role == "courier")
        assert (await auth.load_actor(db, courier_id)).has(Role.COURIER)
        courier = await workforce.get_courier(db, courier_id)
        assert courier.approved
        assert not courier.on_shift

        picker_id = next(p.telegram_id for p in DEMO_PEOPLE if p.role == "picker")
        assert set((await auth.load_actor(db, picker_id)).shops.values()) == {Role.PICKER}

        anna = 100000001
        addresses = await customers.list_addresses(db, Actor(anna), anna)
        assert len(addresses) == 2
        assert sum(1 for a in addresses if a.is_default) == 1

        # The chat UI's Arbat preset is inside the Arbat shop's zone; the polygon shop's too.
        arbat = await business.shops_delivering_to(db, Point(55.7503, 37.5936))
        assert "Фруктовый двор на Арбате" in {shop.name for shop in arbat}
        pyatnitskaya = await business.shops_delivering_to(db, Point(55.7411, 37.6287))
        assert "Зелёная лавка в Замоскворечье" in {shop.name for shop in pyatnitskaya}
        assert not await business.delivers_to(db, Point(59.9386, 30.3141))  # St Petersburg

        # The sandbox's journey can be walked at any hour: the Arbat shop never closes.
        [arbat_shop] = [shop for shop in arbat if shop.name == "Фруктовый двор на Арбате"]
        for hour in (3, 12, 23):
            assert business.is_open(arbat_shop, datetime(2026, 11, 27, hour, 30, tzinfo=UTC))
        [lavka] = [s for s in pyatnitskaya if s.name == "Зелёная лавка в Замоскворечье"]
        assert not business.is_open(lavka, datetime(2026, 11, 27, 0, 30, tzinfo=UTC))  # 03:30
    finally:
        await container.close()
