"""A shop with a small catalog for the seller catalog page tests: its owner, a category, platform
products offered by weight and by the piece, one of the shop's own, stock counted, one offer
hidden; and Telegram ids in a range of these tests' own (7_820_000_000+)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from uuid import UUID

from business_web_forms import admin, approved_shop

from core.auth.api import load_actor
from core.auth.policy import Actor, Role
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, CategoryOut, ProductForm, Unit
from core.inventory.api import set_low_stock_threshold, set_stock
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm, OfferOut

_ids = itertools.count(7_820_000_000)
_serial = itertools.count(1)
_random = random.Random()
# Platform products are made by an admin; policy needs no row for them.
PLATFORM_ADMIN = Actor(7_820_999_999, platform_roles=frozenset({Role.ADMIN}))


def new_person_id() -> int:
    return next(_ids)


def ean13() -> str:
    """A random barcode with a right EAN-13 check digit."""
    first12 = f"{_random.randrange(10**11, 10**12):012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class CatalogShop:
    shop_id: UUID
    owner: Actor
    category: CategoryOut
    apples: OfferOut  # platform product by weight, 89,90 ₽/kg, 12,5 kg, shown
    bananas: OfferOut  # platform product by weight, 129,90 ₽/kg, 3 kg with a 5 kg threshold
    dill: OfferOut  # the shop's own, by the piece, 45 ₽, none in stock
    pears: OfferOut  # platform product by the piece, 30 ₽, 40 pcs, hidden
    melon_id: UUID  # a platform product by weight the shop does not offer yet
    tag: str  # in every product name of this shop, so a search finds only its products

    @property
    def owner_id(self) -> int:
        return self.owner.telegram_id


async def _platform(
    db: Database, category: CategoryOut, name_ru: str, name_en: str, unit: Unit
) -> UUID:
    form = ProductForm(
        category_id=category.id,
        name_ru=name_ru,
        name_en=name_en,
        unit=unit,
        step_grams=100 if unit is Unit.WEIGHT else None,
        barcode=ean13(),
    )
    return (await create_product(db, PLATFORM_ADMIN, form)).id


async def catalog_shop(db: Database) -> CatalogShop:
    """A fresh active shop with four offers and a product to offer (see CatalogShop)."""
    n = next(_serial)
    tag = f"к{n}{_random.randrange(10**5)}"
    reviewer = await admin(db, new_person_id())
    owner_id = new_person_id()
    shop_id = await approved_shop(db, reviewer, owner_id, f"Сад {tag}")
    owner = await load_actor(db, owner_id)
    category = await create_category(
        db,
        PLATFORM_ADMIN,
        CategoryForm(
            slug=f"catalog-pages-{tag}-{_random.randrange(10**6)}".replace("к", "k"),
            name_ru=f"Фрукты {tag}",
            name_en=f"Fruit {tag}",
            emoji="🍎",
        ),
    )
    apples = await create_offer(
        db,
        owner,
        shop_id,
        OfferForm(
            await _platform(db, category, f"Яблоки Гала {tag}", f"Gala apples {tag}", Unit.WEIGHT),
            Money(8_990, "RUB"),
        ),
    )
    bananas = await create_offer(
        db,
        owner,
        shop_id,
        OfferForm(
            await _platform(db, category, f"Бананы {tag}", f"Bananas {tag}", Unit.WEIGHT),
            Money(12_990, "RUB"),
            position=1,
        ),
    )
    dill_product = await create_product(
        db,
        owner,
        ProductForm(
            category_id=category.id,
            name_ru=f"Укроп пучок {tag}",
            name_en=f"Dill bunch {tag}",
            unit=Unit.PIECE,
            piece_grams=50,
        ),
        shop_id=shop_id,
    )
    dill = await create_offer(
        db, owner, shop_id, OfferForm(dill_product.id, Money(4_500, "RUB"), position=2)
    )
    pears = await create_offer(
        db,
        owner,
        shop_id,
        OfferForm(
            await _platform(
                db, category, f"Груши Конференция {tag}", f"Conference pears {tag}", Unit.PIECE
            ),
            Money(3_000, "RUB"),
            visible=False,
            position=3,
        ),
    )
    melon_id = await _platform(
        db, category, f"Дыня Торпеда {tag}", f"Torpedo melon {tag}", Unit.WEIGHT
    )
    await set_stock(db, owner, apples.id, 12_500)
    await set_stock(db, owner, bananas.id, 3_000)
    await set_low_stock_threshold(db, owner, bananas.id, 5_000)
    await set_stock(db, owner, pears.id, 40)
    return CatalogShop(shop_id, owner, category, apples, bananas, dill, pears, melon_id, tag)
