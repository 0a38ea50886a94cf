"""Offers with stock for the price list tests, and reading CSV answers back."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from typing import Any

from catalog_factories import ADMIN, SellerShop, ean13, piece_form, weight_form

from core.auth.policy import Actor, Role
from core.catalog.api import create_product
from core.catalog.schemas import CategoryOut, ProductOut
from core.inventory.api import set_stock
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm, OfferOut

_people = itertools.count(7_810_000_000)  # this folder's own range


def staff(shop: SellerShop, role: Role) -> Actor:
    """A new person holding ``role`` in the shop."""
    return Actor(next(_people), shops={shop.id: role})


def stranger() -> Actor:
    return Actor(next(_people))


@dataclass(frozen=True)
class Offered:
    product: ProductOut
    offer: OfferOut


async def platform_product(
    db: Database, category: CategoryOut, *, weight: bool = False, **changes: Any
) -> ProductOut:
    """A product of the platform catalog with a barcode."""
    make = weight_form if weight else piece_form
    return await create_product(db, ADMIN, make(category.id, barcode=ean13(), **changes))


async def offered(
    db: Database,
    shop: SellerShop,
    category: CategoryOut,
    *,
    price: Money,
    old_price: Money | None = None,
    stock: int | None = None,
    weight: bool = False,
    visible: bool = True,
) -> Offered:
    """A platform product the shop offers, with ``stock`` counted if given."""
    product = await platform_product(db, category, weight=weight)
    offer = await create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, price, old_price, visible)
    )
    if stock is not None:
        await set_stock(db, shop.owner, offer.id, stock)
    return Offered(product, offer)


def parse(text: str) -> list[dict[str, str]]:
    """A ;-separated price list as dicts by column."""
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def price_list(*rows: dict[str, str], delimiter: str = ";") -> str:
    """A price list with the columns the rows use (the first row's, in its order)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
