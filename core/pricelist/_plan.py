"""Checking an imported price list row by row, and applying what it changes.

Checking reads only; every wrong cell becomes a ``RowError`` (the CoreError a check raised, with
its line and column), so one pass reports everything. Applying runs the storefront and inventory
commands, which join the caller's transaction and check permissions themselves again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from uuid import UUID

from core.auth.policy import Actor, Permission, allows
from core.catalog import api as catalog
from core.catalog.schemas import ProductOut
from core.inventory import api as inventory
from core.inventory.errors import InvalidStockCount, StockBelowCommitted
from core.inventory.schemas import AdjustmentReason, StockOut
from core.pricelist import _cells, _listing
from core.pricelist._csv import Row
from core.pricelist.errors import (
    ChangeNotAllowed,
    DuplicateRow,
    NoProductKey,
    PriceRequired,
    UnknownProduct,
)
from core.pricelist.schemas import IMPORT_NOTE, RowChange, RowError
from core.shared.errors import CoreError
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.errors import InvalidPrice
from core.storefront.schemas import OfferForm, OfferOut

T = TypeVar("T")


@dataclass
class _Checked:
    """One row being checked: the errors found so far."""

    row: Row
    errors: list[RowError] = field(default_factory=list)

    def fail(self, column: str | None, error: CoreError) -> None:
        self.errors.append(RowError(self.row.line, column, error.code, dict(error.params)))

    def cell(self, column: str, read: Callable[[str], T]) -> T | None:
        """The cell read by ``read``; None when it is absent, empty or wrong (then noted)."""
        text = self.row.get(column)
        if not text:
            return None
        try:
            return read(text)
        except CoreError as error:
            self.fail(column, error)
            return None


@dataclass(frozen=True, slots=True)
class _Key:
    product_id: UUID | None
    barcode: str | None

    @property
    def column(self) -> str:
        return "product_id" if self.product_id is not None else "barcode"


@dataclass
class Shop:
    """What checking needs to know about the shop, read once."""

    shop_id: UUID
    offers: dict[UUID, OfferOut]  # by product id
    products: dict[UUID, ProductOut]  # offered and offerable ones, by id
    by_barcode: dict[str, UUID]  # product ids
    stock: dict[UUID, StockOut]  # by offer id


async def load_shop(db: Database, actor: Actor, shop_id: UUID, rows: Sequence[Row]) -> Shop:
    """The shop's offers and stock, and the products the rows name that it may offer."""
    views = await _listing.all_offers(db, actor, shop_id)
    shop = Shop(
        shop_id,
        offers={view.product.id: view.offer for view in views},
        products={view.product.id: view.product for view in views},
        by_barcode={
            view.product.barcode: view.product.id for view in views if view.product.barcode
        },
        stock=await _listing.shop_stock(db, actor, shop_id),
    )
    keys = [_key_of(row) for row in rows]
    ids = {key.product_id for key in keys if key and key.product_id} - shop.products.keys()
    for product in (await catalog.get_products(db, ids)).values():
        if _offerable(product, shop_id):
            shop.products[product.id] = product
    barcodes = {key.barcode for key in keys if key and key.barcode} - shop.by_barcode.keys()
    if barcodes:
        await _find_barcodes(db, shop, barcodes)
    return shop


def _offerable(product: ProductOut, shop_id: UUID) -> bool:
    return not product.archived and product.shop_id in (None, shop_id)


async def _find_barcodes(db: Database, shop: Shop, barcodes: set[str]) -> None:
    # The catalog has no lookup by barcode; the products a shop may offer are read in pages
    # until every barcode asked for is found (an import names few unknown barcodes, if any).
    offset = 0
    while barcodes:
        batch = await catalog.list_products(
            db,
            shop_id=shop.shop_id,
            include_platform=True,
            limit=_listing.CATALOG_PAGE,
            offset=offset,
        )
        for product in batch:
            if product.barcode in barcodes:
                barcodes.discard(product.barcode)
                shop.products[product.id] = product
                shop.by_barcode[product.barcode] = product.id
        if len(batch) < _listing.CATALOG_PAGE:
            return
        offset += _listing.CATALOG_PAGE


def _key_of(row: Row) -> _Key | None:
    # Without errors: the full check below reports them with their columns.
    try:
        text = row.get("product_id")
        if text:
            return _Key(_cells.product_id(text), None)
        barcode = catalog.check_barcode(row.get("barcode"))
        return _Key(None, barcode) if barcode else None
    except CoreError:
        return None


def _resolve(checked: _Checked, shop: Shop) -> ProductOut | None:
    text = checked.row.get("product_id")
    if text:
        product_id = checked.cell("product_id", _cells.product_id)
        if product_id is None:
            return None
        column = "product_id"
    else:
        barcode = checked.cell("barcode", catalog.check_barcode)
        if barcode is None:
            if not checked.errors:
                checked.fail(None, NoProductKey())
            return None
        product_id, column = shop.by_barcode.get(barcode), "barcode"
    product = shop.products.get(product_id) if product_id is not None else None
    if product is None:
        checked.fail(column, UnknownProduct())
    return product


def _stock_value(checked: _Checked, product: ProductOut) -> int | None:
    quantity = checked.cell("stock", lambda text: _cells.stock(text, product.unit))
    if quantity is not None and quantity > inventory.MAX_QUANTITY:
        checked.fail("stock", InvalidStockCount(maximum=inventory.MAX_QUANTITY))
        return None
    return quantity


def _prices(checked: _Checked, offer: OfferOut | None) -> tuple[Money | None, Money | None, bool]:
    """The row's price and old price, falling back to the offer's; whether the old price
    column was given."""
    price = checked.cell("price", _cells.rubles)
    given_old = checked.row.get("old_price") is not None
    old = checked.cell("old_price", _cells.rubles)
    if offer is not None:
        if price is None and not checked.row.get("price"):
            price = offer.price
        if not given_old:
            old = offer.old_price
    return price, old, given_old


def check_row(
    row: Row, shop: Shop, actor: Actor, seen: dict[UUID, int]
) -> tuple[RowChange | None, list[RowError]]:
    """What the row changes (None: nothing), or what is wrong with it."""
    checked = _Checked(row)
    product = _resolve(checked, shop)
    if product is None:
        return None, checked.errors
    if product.id in seen:
        checked.fail(None, DuplicateRow(first_line=seen[product.id]))
        return None, checked.errors
    seen[product.id] = row.line
    unit_text = row.get("unit")
    if unit_text:
        checked.cell("unit", lambda text: _cells.check_unit(text, product.unit))
    offer = shop.offers.get(product.id)
    price, old, given_old = _prices(checked, offer)
    shown = checked.cell("visible", _cells.visible)
    quantity = _stock_value(checked, product)
    if checked.errors:
        return None, checked.errors
    change = RowChange(
        line=row.line,
        product_id=product.id,
        offer_id=None if offer is None else offer.id,
        new_offer=offer is None,
        name_ru=product.name_ru,
        name_en=product.name_en,
        unit=product.unit,
    )
    if offer is None:
        change = _new_offer(checked, change, price, old, shown, quantity)
    else:
        change = _offer_changes(checked, change, offer, shop, price, old, shown, quantity)
    _check_allowed(checked, change, actor, shop.shop_id)
    if checked.errors:
        return None, checked.errors
    if not (change.new_offer or change.price or change.old_price or change.stock or change.visible):
        return None, []
    return change, []


def _check_prices(checked: _Checked, price: Money, old: Money | None) -> None:
    try:
        storefront.check_prices(price, old)
    except CoreError as error:
        checked.fail("price" if isinstance(error, InvalidPrice) else "old_price", error)


def _new_offer(
    checked: _Checked,
    change: RowChange,
    price: Money | None,
    old: Money | None,
    shown: bool | None,
    quantity: int | None,
) -> RowChange:
    if price is None:
        checked.fail("price", PriceRequired())
        return change
    _check_prices(checked, price, old)
    return dataclasses.replace(
        change,
        price=(None, price),
        old_price=None if old is None else (None, old),
        visible=(None, True if shown is None else shown),
        stock=None if quantity is None else (0, quantity),
    )


def _offer_changes(
    checked: _Checked,
    change: RowChange,
    offer: OfferOut,
    shop: Shop,
    price: Money | None,
    old: Money | None,
    shown: bool | None,
    quantity: int | None,
) -> RowChange:
    assert price is not None
    if (price, old) != (offer.price, offer.old_price):
        _check_prices(checked, price, old)
    stock = shop.stock.get(offer.id) or _listing.uncounted(offer.id, offer.shop_id)
    if quantity is not None and quantity != stock.on_hand:
        committed = stock.reserved + stock.allocated
        if quantity < committed:
            checked.fail("stock", StockBelowCommitted(offer_id=offer.id, committed=committed))
    return dataclasses.replace(
        change,
        price=(offer.price, price) if price != offer.price else None,
        old_price=(offer.old_price, old) if old != offer.old_price else None,
        visible=(offer.visible, shown) if shown is not None and shown != offer.visible else None,
        stock=(stock.on_hand, quantity)
        if quantity is not None and quantity != stock.on_hand
        else None,
    )


def _check_allowed(checked: _Checked, change: RowChange, actor: Actor, shop_id: UUID) -> None:
    if (change.new_offer or change.price or change.old_price or change.visible) and not allows(
        actor, Permission.MANAGE_CATALOG, shop_id=shop_id
    ):
        column = "price" if change.new_offer or change.price or change.old_price else "visible"
        checked.fail(column, ChangeNotAllowed(permission=Permission.MANAGE_CATALOG.value))
    if change.stock and not allows(actor, Permission.MANAGE_STOCK, shop_id=shop_id):
        checked.fail("stock", ChangeNotAllowed(permission=Permission.MANAGE_STOCK.value))


async def apply(
    db: Database, actor: Actor, shop_id: UUID, change: RowChange, offers: Mapping[UUID, OfferOut]
) -> RowChange:
    """Make the row's change (inside the caller's transaction); the change with its offer."""
    if change.new_offer:
        assert change.price is not None
        assert change.visible is not None
        old = None if change.old_price is None else change.old_price[1]
        created = await storefront.create_offer(
            db,
            actor,
            shop_id,
            OfferForm(
                change.product_id,
                change.price[1],
                old,
                change.visible[1],
            ),
        )
        offer_id = created.id
    else:
        assert change.offer_id is not None
        offer_id, offer = change.offer_id, offers[change.product_id]
        if change.price or change.old_price:
            price = change.price[1] if change.price else offer.price
            old = change.old_price[1] if change.old_price else offer.old_price
            await storefront.set_price(db, actor, offer_id, price, old)
        if change.visible:
            await storefront.set_visibility(db, actor, offer_id, change.visible[1])
    if change.stock:
        await inventory.set_stock(
            db, actor, offer_id, change.stock[1], reason=AdjustmentReason.RECOUNT, note=IMPORT_NOTE
        )
    return dataclasses.replace(change, offer_id=offer_id)
