"""A shop with signed-in staff, categories and platform products for the catalog API tests."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from uuid import UUID

from business_web_forms import admin, approved_shop, person

from core.auth.api import accept_invitation, create_invitation, load_actor
from core.auth.policy import Actor, Role
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, CategoryOut, ProductForm, ProductOut, Unit
from core.shared.config import BotRole
from core.shared.uow import Database

_ids = itertools.count(7_815_000_000)  # this file's own range of Telegram ids
_serial = itertools.count(1)
_random = random.Random()


def new_id() -> int:
    return next(_ids)


def ean13() -> str:
    """A random valid EAN-13 barcode."""
    first12 = f"{_random.randrange(10**11, 10**12):012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class CatalogWorld:
    db: Database
    admin: Actor
    shop_id: UUID
    other_shop_id: UUID
    owner: int
    picker: int
    stranger: int
    category: CategoryOut
    child: CategoryOut

    async def product(self, *, weight: bool = False, name: str | None = None) -> ProductOut:
        """A platform product with a barcode, in the child category."""
        n = next(_serial)
        return await create_product(
            self.db,
            self.admin,
            ProductForm(
                self.child.id,
                name or f"Груша {n}",
                f"Pear {n}",
                Unit.WEIGHT if weight else Unit.PIECE,
                step_grams=100 if weight else None,
                barcode=ean13(),
            ),
        )


async def catalog_world(db: Database) -> CatalogWorld:
    reviewer = await admin(db, new_id())
    owner, other_owner, picker, stranger = new_id(), new_id(), new_id(), new_id()
    shop_id = await approved_shop(db, reviewer, owner, "Фруктовая лавка")
    other_shop_id = await approved_shop(db, reviewer, other_owner, "Соседняя лавка")
    await person(db, picker, "Пётр")
    await person(db, stranger, "Гость")
    invitation = await create_invitation(
        db, await load_actor(db, owner), Role.PICKER, shop_id=shop_id
    )
    await accept_invitation(db, invitation.token, picker, via=BotRole.SELLER)
    n = next(_serial)
    suffix = f"{n}-{_random.randrange(10**6)}"
    category = await create_category(
        db,
        reviewer,
        CategoryForm(f"api-fruit-{suffix}", f"Фрукты {n}", f"Fruit {n}", emoji="🍎", position=0),
    )
    child = await create_category(
        db,
        reviewer,
        CategoryForm(
            f"api-pears-{suffix}",
            f"Груши {n}",
            f"Pears {n}",
            parent_id=category.id,
            photo="https://example.com/pears.jpg",
        ),
    )
    return CatalogWorld(
        db, reviewer, shop_id, other_shop_id, owner, picker, stranger, category, child
    )
