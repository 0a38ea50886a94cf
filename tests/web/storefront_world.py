"""Shops, offers and customers for the storefront web tests, built through core's api on the
catalog tests' factories (shops at places of their own, far from any other test's)."""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, replace
from pathlib import Path

# Test folders are not packages: share the catalog tests' factories the way the storefront's and
# orders' core tests do (see tests/core/storefront/conftest.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "catalog"))

from catalog_factories import (  # noqa: E402
    SellerShop,
    far_point,
    new_category,
    open_shop,
    piece_form,
    weight_form,
)

from core.auth.api import remember_user  # noqa: E402
from core.auth.policy import Actor  # noqa: E402
from core.auth.schemas import TelegramProfile  # noqa: E402
from core.catalog.api import create_product  # noqa: E402
from core.catalog.schemas import CategoryOut  # noqa: E402
from core.customers.api import add_address  # noqa: E402
from core.customers.schemas import AddressInput, AddressOut  # noqa: E402
from core.geo.schemas import Point  # noqa: E402
from core.inventory.api import set_stock  # noqa: E402
from core.shared.money import Money  # noqa: E402
from core.shared.uow import Database  # noqa: E402
from core.storefront.api import create_offer  # noqa: E402
from core.storefront.schemas import OfferForm, OfferOut  # noqa: E402

__all__ = ["SellerShop", "far_point", "new_category", "open_shop"]

_customers = itertools.count(7_840_000_000)  # this folder's storefront tests' own range
PRICE = Money.rub(120)


@dataclass(frozen=True)
class Customer:
    actor: Actor
    address: AddressOut | None

    @property
    def telegram_id(self) -> int:
        return self.actor.telegram_id


async def customer(
    db: Database, at: Point | None = None, *, text: str | None = None, first_name: str = "Анна"
) -> Customer:
    """A customer whose default address is ``at`` (or ``text`` only; neither: no address)."""
    telegram_id = next(_customers)
    await remember_user(db, TelegramProfile(telegram_id, first_name))
    actor = Actor(telegram_id)
    if at is None and text is None:
        return Customer(actor, None)
    saved = await add_address(
        db,
        actor,
        telegram_id,
        AddressInput(
            latitude=at.lat if at else None,
            longitude=at.lon if at else None,
            text=text or "Светланская, 1",
        ),
    )
    return Customer(actor, saved.address)


async def offer(
    db: Database,
    shop: SellerShop,
    category: CategoryOut,
    *,
    weight: bool = False,
    price: Money = PRICE,
    old_price: Money | None = None,
    stock: int = 10,
    name_ru: str | None = None,
    name_en: str | None = None,
    photos: tuple[str, ...] = (),
) -> OfferOut:
    """A shop's own product offered at ``price`` with ``stock`` (pieces or grams) on hand."""
    form = weight_form(category.id) if weight else piece_form(category.id)
    names = {key: value for key, value in (("name_ru", name_ru), ("name_en", name_en)) if value}
    if names or photos:
        form = replace(form, photos=photos, **names)
    product = await create_product(db, shop.owner, form, shop_id=shop.id)
    made = await create_offer(db, shop.owner, shop.id, OfferForm(product.id, price, old_price))
    await set_stock(db, shop.owner, made.id, stock)
    return made
