"""pricelist commands and queries.

Reading takes ``Permission.VIEW_SHOP`` in the shop (its staff, platform staff). An import needs
``MANAGE_CATALOG`` or ``MANAGE_STOCK`` there; each row's changes are then checked against the one
they need: prices, visibility and new offers ``MANAGE_CATALOG`` (owners, managers, admins),
stock ``MANAGE_STOCK`` (the shop's staff), so a picker may import counts but not prices.
"""

from __future__ import annotations

from uuid import UUID

from core.auth.policy import Actor, Permission, allows, require
from core.catalog import api as catalog
from core.catalog.schemas import ProductForm, ProductOut
from core.inventory import api as inventory
from core.pricelist import _cells, _csv, _listing, _plan
from core.pricelist.errors import NotOwnProduct
from core.pricelist.schemas import (
    ImportReport,
    ProductPage,
    RowChange,
    RowError,
    SellerOffer,
    SellerPage,
    StockLevel,
)
from core.shared.money import Money
from core.shared.uow import Transaction, command
from core.storefront import api as storefront
from core.storefront.schemas import OfferForm

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "create_shop_product",
    "export_price_list",
    "import_price_list",
    "offer_product",
    "platform_products",
    "seller_offer",
    "seller_offers",
    "update_shop_product",
]

MAX_BYTES = _csv.MAX_BYTES
MAX_ROWS = _csv.MAX_ROWS


@command
async def seller_offers(
    tx: Transaction,
    actor: Actor,
    shop_id: UUID,
    *,
    query: str | None = None,
    category_id: UUID | None = None,
    visible: bool | None = None,
    stock: StockLevel | None = None,
    offset: int = 0,
    limit: int = 50,
) -> SellerPage:
    """The shop's offers for its staff, hidden and archived ones too, with stock: filtered by a
    search, a category (with its subcategories), visibility and stock level; in listing order
    (search: the shop's order among the matches)."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    return await _listing.seller_page(
        tx.db,
        actor,
        shop_id,
        query=query,
        category_id=category_id,
        visible=visible,
        stock_level=stock,
        offset=offset,
        limit=limit,
    )


@command
async def seller_offer(tx: Transaction, actor: Actor, offer_id: UUID) -> SellerOffer:
    """One offer with its product and stock, for its shop's staff."""
    offer = await storefront.get_offer(tx.db, offer_id)
    require(actor, Permission.VIEW_SHOP, shop_id=offer.shop_id)
    product = await catalog.get_product(tx.db, offer.product_id)
    return SellerOffer(offer, product, await inventory.get_stock(tx.db, actor, offer_id))


@command
async def platform_products(
    tx: Transaction,
    actor: Actor,
    shop_id: UUID,
    *,
    query: str | None = None,
    category_id: UUID | None = None,
    offset: int = 0,
    limit: int = 50,
) -> ProductPage:
    """Live platform products the shop does not offer yet, to pick from."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    offered = {view.product.id for view in await _listing.all_offers(tx.db, actor, shop_id)}
    return await _listing.platform_page(
        tx.db, offered, query=query, category_id=category_id, offset=offset, limit=limit
    )


@command
async def offer_product(
    tx: Transaction, actor: Actor, shop_id: UUID, form: OfferForm, *, stock: int | None = None
) -> SellerOffer:
    """Offer a product in the shop, with ``stock`` counted on hand if given."""
    offer = await storefront.create_offer(tx.db, actor, shop_id, form)
    if stock is not None:
        await inventory.set_stock(tx.db, actor, offer.id, stock)
    return await seller_offer(tx.db, actor, offer.id)


@command
async def create_shop_product(
    tx: Transaction,
    actor: Actor,
    shop_id: UUID,
    product: ProductForm,
    *,
    price: Money,
    old_price: Money | None = None,
    visible: bool = True,
    position: int = 0,
    stock: int | None = None,
) -> SellerOffer:
    """Add a product of the shop's own and offer it there at ``price``."""
    created = await catalog.create_product(tx.db, actor, product, shop_id=shop_id)
    form = OfferForm(created.id, price, old_price, visible, position)
    return await offer_product(tx.db, actor, shop_id, form, stock=stock)


@command
async def update_shop_product(
    tx: Transaction, actor: Actor, shop_id: UUID, product_id: UUID, form: ProductForm
) -> ProductOut:
    """Change a product of the shop's own (never a platform product or another shop's)."""
    require(actor, Permission.MANAGE_CATALOG, shop_id=shop_id)
    product = await catalog.get_product(tx.db, product_id)
    if product.shop_id != shop_id:
        raise NotOwnProduct(product_id=product_id)
    return await catalog.update_product(tx.db, actor, product_id, form)


@command
async def export_price_list(tx: Transaction, actor: Actor, shop_id: UUID) -> str:
    """The shop's price list as CSV text, one row per offer in listing order, BOM first."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    views = await _listing.all_offers(tx.db, actor, shop_id)
    stock = await _listing.shop_stock(tx.db, actor, shop_id)
    rows = []
    for view in views:
        offer, product = view.offer, view.product
        counted = stock.get(offer.id)
        rows.append(
            (
                str(product.id),
                product.barcode or "",
                product.name_ru,
                product.name_en,
                _cells.UNIT_TEXT[product.unit],
                _cells.format_rubles(offer.price),
                "" if offer.old_price is None else _cells.format_rubles(offer.old_price),
                _cells.format_stock(0 if counted is None else counted.on_hand, product.unit),
                _cells.format_visible(offer.visible),
            )
        )
    return _csv.write(rows)


@command
async def import_price_list(
    tx: Transaction, actor: Actor, shop_id: UUID, data: bytes | str, *, dry_run: bool = True
) -> ImportReport:
    """Check a price list and, unless ``dry_run`` or any row is wrong, apply all of it."""
    if not (
        allows(actor, Permission.MANAGE_CATALOG, shop_id=shop_id)
        or allows(actor, Permission.MANAGE_STOCK, shop_id=shop_id)
    ):
        require(actor, Permission.MANAGE_CATALOG, shop_id=shop_id)
    _, rows = _csv.read(_csv.decode(data))
    shop = await _plan.load_shop(tx.db, actor, shop_id, rows)
    changes: list[RowChange] = []
    errors: list[RowError] = []
    seen: dict[UUID, int] = {}
    for row in rows:
        change, wrong = _plan.check_row(row, shop, actor, seen)
        errors.extend(wrong)
        if change is not None:
            changes.append(change)
    if errors or dry_run:
        return ImportReport(dry_run, False, len(rows), tuple(changes), tuple(errors))
    applied = [await _plan.apply(tx.db, actor, shop_id, change, shop.offers) for change in changes]
    return ImportReport(dry_run, True, len(rows), tuple(applied), ())
