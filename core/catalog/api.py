"""catalog commands and queries.

Commands take the acting person first and check ``Permission.MANAGE_CATALOG``: in a shop for its
own products (its owner or manager, or an admin), platform-wide for categories and the platform
catalog (admins only). Queries are open: categories and products are what customers browse.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Subquery,
    delete,
    exists,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from core.auth.policy import Actor, Permission, require
from core.business.api import get_shop
from core.catalog import _checks, _rows, _search, _snapshot, _tree
from core.catalog._models import Category, Product
from core.catalog._rows import category_out, product_out
from core.catalog.errors import (
    BarcodeTaken,
    CategoryNotEmpty,
    CategoryNotFound,
    ProductNotFound,
    SlugTaken,
    UnitChangeNotAllowed,
)
from core.catalog.events import (
    ProductArchived,
    ProductCreated,
    ProductRestored,
    ProductUpdated,
)
from core.catalog.schemas import (
    CategoryForm,
    CategoryNode,
    CategoryOut,
    ProductForm,
    ProductOut,
    SearchHit,
)
from core.shared.errors import CoreError
from core.shared.ids import new_id
from core.shared.uow import Transaction, command, sqlstate_of

__all__ = [
    "archive_product",
    "category_by_slug",
    "category_tree",
    "check_barcode",
    "check_category_form",
    "check_product_form",
    "create_category",
    "create_product",
    "delete_category",
    "get_category",
    "get_product",
    "get_products",
    "list_categories",
    "list_products",
    "product_from_row",
    "product_ids",
    "products_in",
    "restore_product",
    "search_products",
    "subcategory_ids",
    "update_category",
    "update_product",
]

MAX_PAGE = 200
UNIQUE_VIOLATION = "23505"


# -- field checks, for forms and CSV dry runs -----------------------------------------------


def check_category_form(form: CategoryForm) -> CategoryForm:
    """The form tidied, or the first field error (slug, names, emoji, photo, position)."""
    return _checks.category_form(form)


def check_product_form(form: ProductForm) -> ProductForm:
    """The form tidied, or the first field error (names, unit and grams, photos, barcode)."""
    return _checks.product_form(form)


def check_barcode(value: str | None) -> str | None:
    """An EAN-13 barcode as digits (None if empty), or ``InvalidBarcode``."""
    return _checks.barcode(value)


async def _unique(tx: Transaction, statement: Any, error: CoreError) -> Any:
    """Run ``statement`` in a savepoint; a unique violation becomes ``error``."""
    try:
        async with tx.session.begin_nested():
            return await tx.session.execute(statement)
    except IntegrityError as exc:
        if sqlstate_of(exc) == UNIQUE_VIOLATION:
            raise error from None
        raise


# -- categories -----------------------------------------------------------------------------


async def _category(tx: Transaction, category_id: UUID) -> Category:
    row = await tx.session.get(Category, category_id)
    if row is None:
        raise CategoryNotFound(category_id=category_id)
    return row


@command
async def create_category(tx: Transaction, actor: Actor, form: CategoryForm) -> CategoryOut:
    """Add a category to the tree (under ``parent_id``, or as a root)."""
    require(actor, Permission.MANAGE_CATALOG)
    checked = _checks.category_form(form)
    await _tree.lock_tree(tx)
    _snapshot.tree_changed(tx)
    await _tree.check_placement(tx, None, checked.parent_id)
    now = tx.clock.now()
    category_id = new_id()
    await _unique(
        tx,
        insert(Category).values(
            id=category_id, parent_id=checked.parent_id, slug=checked.slug,
            name_ru=checked.name_ru, name_en=checked.name_en, emoji=checked.emoji,
            photo=checked.photo, position=checked.position, created_at=now, updated_at=now,
        ),
        SlugTaken(slug=checked.slug),
    )
    return category_out(await _category(tx, category_id))


@command
async def update_category(
    tx: Transaction, actor: Actor, category_id: UUID, form: CategoryForm
) -> CategoryOut:
    """Rename, reorder, re-illustrate or move a category (never under itself)."""
    require(actor, Permission.MANAGE_CATALOG)
    checked = _checks.category_form(form)
    await _tree.lock_tree(tx)
    _snapshot.tree_changed(tx)
    await _category(tx, category_id)
    await _tree.check_placement(tx, category_id, checked.parent_id)
    await _unique(
        tx,
        update(Category).where(Category.id == category_id).values(
            parent_id=checked.parent_id, slug=checked.slug, name_ru=checked.name_ru,
            name_en=checked.name_en, emoji=checked.emoji, photo=checked.photo,
            position=checked.position, updated_at=tx.clock.now(),
        ),
        SlugTaken(slug=checked.slug),
    )
    row = await _category(tx, category_id)
    await tx.session.refresh(row)
    return category_out(row)


@command
async def delete_category(tx: Transaction, actor: Actor, category_id: UUID) -> None:
    """Remove an empty category (no subcategories, no products, archived ones included)."""
    require(actor, Permission.MANAGE_CATALOG)
    await _tree.lock_tree(tx)
    _snapshot.tree_changed(tx)
    row = await _category(tx, category_id)
    busy = await tx.session.scalar(select(
        exists().where(Category.parent_id == category_id)
        | exists().where(Product.category_id == category_id)
    ))
    if busy:
        raise CategoryNotEmpty(category_id=category_id)
    try:
        async with tx.session.begin_nested():
            await tx.session.execute(delete(Category).where(Category.id == row.id))
    except IntegrityError as exc:
        # A product put in it since the check above (foreign_key_violation).
        if sqlstate_of(exc) == "23503":
            raise CategoryNotEmpty(category_id=category_id) from None
        raise


@command
async def get_category(tx: Transaction, category_id: UUID) -> CategoryOut:
    """One category (from the tree's snapshot: see ``_snapshot``)."""
    tree = await _snapshot.snapshot(tx)
    found = tree.by_id.get(category_id) if tree is not None else None
    # Not in the snapshot: made elsewhere since, or no such category.
    return found if found is not None else category_out(await _category(tx, category_id))


@command
async def category_by_slug(tx: Transaction, slug: str) -> CategoryOut | None:
    """The category with this slug, if any."""
    row = await tx.session.scalar(select(Category).where(Category.slug == slug.strip().lower()))
    return None if row is None else category_out(row)


@command
async def list_categories(tx: Transaction, parent_id: UUID | None = None) -> list[CategoryOut]:
    """The children of ``parent_id`` (the roots when None), in display order (from the tree's
    snapshot: see ``_snapshot``)."""
    tree = await _snapshot.snapshot(tx)
    if tree is not None and (parent_id is None or parent_id in tree.by_id):
        return list(tree.children.get(parent_id, ()))
    rows = (await tx.session.scalars(
        select(Category).where(
            Category.parent_id.is_(None) if parent_id is None
            else Category.parent_id == parent_id
        ).order_by(*_tree.ORDER)
    )).all()
    return [category_out(row) for row in rows]


@command
async def category_tree(tx: Transaction) -> list[CategoryNode]:
    """The whole tree: roots in order, each with its subcategories in order (from the tree's
    snapshot: see ``_snapshot``)."""
    tree = await _snapshot.snapshot(tx)
    return _tree.build_tree(tree.ordered if tree is not None else await _tree.all_categories(tx))


@command
async def subcategory_ids(tx: Transaction, category_id: UUID) -> list[UUID]:
    """``category_id`` and the ids of every category below it (from the tree's snapshot: see
    ``_snapshot``)."""
    tree = await _snapshot.snapshot(tx)
    if tree is not None and category_id in tree.by_id:
        return tree.subtree(category_id)
    ids = await _tree.ids_below(tx, category_id)
    if not ids:  # the tree starts at the category itself: none, no such category
        raise CategoryNotFound(category_id=category_id)
    return ids


# -- products -------------------------------------------------------------------------------


async def _product(tx: Transaction, product_id: UUID, *, lock: bool = False) -> Product:
    row = await tx.session.get(Product, product_id, with_for_update=lock or None)
    if row is None:
        raise ProductNotFound(product_id=product_id)
    return row


def _product_values(form: ProductForm) -> dict[str, Any]:
    return {
        "category_id": form.category_id,
        "name_ru": form.name_ru,
        "name_en": form.name_en,
        "description_ru": form.description_ru,
        "description_en": form.description_en,
        "step_grams": form.step_grams,
        "piece_grams": form.piece_grams,
        "photos": list(form.photos),
        "tags": sorted(tag.value for tag in form.tags),
        "barcode": form.barcode,
    }


@command
async def create_product(
    tx: Transaction, actor: Actor, form: ProductForm, *, shop_id: UUID | None = None
) -> ProductOut:
    """Add a product to the platform catalog (admins) or to ``shop_id``'s own catalog."""
    require(actor, Permission.MANAGE_CATALOG, shop_id=shop_id)
    checked = _checks.product_form(form)
    if shop_id is not None:
        await get_shop(tx.db, shop_id)
    await _category(tx, checked.category_id)
    now = tx.clock.now()
    product_id = new_id()
    await _unique(
        tx,
        insert(Product).values(
            id=product_id, shop_id=shop_id, unit=checked.unit.value, archived=False,
            created_by=actor.telegram_id, created_at=now, updated_at=now,
            **_product_values(checked),
        ),
        BarcodeTaken(barcode=checked.barcode),
    )
    await tx.publish(ProductCreated(
        product_id=product_id, shop_id=shop_id, created_by=actor.telegram_id
    ))
    return product_out(await _product(tx, product_id))


@command
async def update_product(
    tx: Transaction, actor: Actor, product_id: UUID, form: ProductForm
) -> ProductOut:
    """Replace a product's description (everything but its unit, which is fixed)."""
    row = await _product(tx, product_id, lock=True)
    require(actor, Permission.MANAGE_CATALOG, shop_id=row.shop_id)
    checked = _checks.product_form(form)
    if checked.unit.value != row.unit:
        raise UnitChangeNotAllowed(unit=row.unit)
    await _category(tx, checked.category_id)
    await _unique(
        tx,
        update(Product).where(Product.id == product_id).values(
            updated_at=tx.clock.now(), **_product_values(checked)
        ),
        BarcodeTaken(barcode=checked.barcode),
    )
    await tx.session.refresh(row)
    await tx.publish(ProductUpdated(
        product_id=product_id, shop_id=row.shop_id, updated_by=actor.telegram_id
    ))
    return product_out(row)


async def _set_archived(
    tx: Transaction, actor: Actor, product_id: UUID, archived: bool
) -> tuple[Product, bool]:
    row = await _product(tx, product_id)
    require(actor, Permission.MANAGE_CATALOG, shop_id=row.shop_id)
    changed = (await tx.session.execute(
        update(Product)
        .where(Product.id == product_id, Product.archived.is_(not archived))
        .values(archived=archived, updated_at=tx.clock.now())
        .returning(Product.id)
    )).first() is not None
    await tx.session.refresh(row)
    return row, changed


@command
async def archive_product(tx: Transaction, actor: Actor, product_id: UUID) -> ProductOut:
    """Withdraw a product: storefronts stop listing it; orders that have it keep it."""
    row, changed = await _set_archived(tx, actor, product_id, True)
    if changed:
        await tx.publish(ProductArchived(
            product_id=product_id, shop_id=row.shop_id, archived_by=actor.telegram_id
        ))
    return product_out(row)


@command
async def restore_product(tx: Transaction, actor: Actor, product_id: UUID) -> ProductOut:
    """Bring an archived product back."""
    row, changed = await _set_archived(tx, actor, product_id, False)
    if changed:
        await tx.publish(ProductRestored(
            product_id=product_id, shop_id=row.shop_id, restored_by=actor.telegram_id
        ))
    return product_out(row)


@command
async def get_product(tx: Transaction, product_id: UUID) -> ProductOut:
    """One product, archived or not."""
    return product_out(await _product(tx, product_id))


@command
async def get_products(tx: Transaction, product_ids: Iterable[UUID]) -> dict[UUID, ProductOut]:
    """The products with these ids, by id; unknown ids are left out."""
    ids = list(set(product_ids))
    if not ids:
        return {}
    rows = (await tx.session.scalars(select(Product).where(Product.id.in_(ids)))).all()
    return {row.id: product_out(row) for row in rows}


@command
async def list_products(
    tx: Transaction,
    *,
    shop_id: UUID | None = None,
    include_platform: bool = True,
    category_id: UUID | None = None,
    include_archived: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[ProductOut]:
    """Products a shop can offer (the platform's and, with ``shop_id``, its own), by Russian
    name; what a seller picks from."""
    owners: list[ColumnElement[bool]] = []
    if include_platform or shop_id is None:
        owners.append(Product.shop_id.is_(None))
    if shop_id is not None:
        owners.append(Product.shop_id == shop_id)
    stmt = select(Product).where(or_(*owners))
    if category_id is not None:
        tree = _tree.subtree_ids(category_id)
        stmt = stmt.where(Product.category_id.in_(select(tree.c.id)))
    if not include_archived:
        stmt = stmt.where(Product.archived.is_(False))
    rows = (await tx.session.scalars(
        stmt.order_by(Product.name_ru, Product.id)
        .limit(max(0, min(limit, MAX_PAGE))).offset(max(0, offset))
    )).all()
    return [product_out(row) for row in rows]


@command
async def search_products(
    tx: Transaction,
    query: str,
    *,
    shop_ids: Iterable[UUID] | None = None,
    category_id: UUID | None = None,
    among: Select[UUID] | None = None,
    limit: int = MAX_PAGE,
    include_archived: bool = False,
) -> list[SearchHit]:
    """Products whose names, tags or descriptions match ``query`` in Russian or English,
    typos tolerated; best first. With ``shop_ids``: only the platform's and those shops' own;
    with ``category_id``: only in its subtree; with ``among`` (a SELECT of product ids, e.g.
    those offered near a customer): only those, so that ranking and ``limit`` apply to them."""
    if category_id is not None:
        in_category = product_ids(category_id, include_archived=include_archived)
        among = in_category if among is None else in_category.where(Product.id.in_(among))
    return await _search.search(
        tx, query, shop_ids=None if shop_ids is None else list(shop_ids),
        limit=max(0, min(limit, 1000)), include_archived=include_archived, among=among,
    )


def products_in(
    category_ids: Collection[UUID] | None = None, *, include_archived: bool = False
) -> Subquery:
    """Products (live ones unless ``include_archived``), in these categories if given, as a
    subquery: for other modules to join to their own rows and read the products in the same
    query (``product_from_row``). Give the ids (``subcategory_ids``) rather than a subquery:
    the planner then knows how many products to expect."""
    return _products_in(
        None if category_ids is None else tuple(sorted(category_ids)), include_archived
    )


# Listings ask for the same few categories again and again, and building a subquery of every
# product column costs as much as running a small query.
@functools.lru_cache(maxsize=1024)
def _products_in(category_ids: tuple[UUID, ...] | None, include_archived: bool) -> Subquery:
    stmt = select(*_rows.PRODUCT_COLUMNS)
    if not include_archived:
        stmt = stmt.where(Product.archived.is_(False))
    if category_ids is not None:
        stmt = stmt.where(Product.category_id.in_(category_ids))
    return stmt.subquery("catalog_products")


def product_from_row(row: Row[Any]) -> ProductOut:
    """The product in a result row holding the columns of ``products_in`` by their names
    (``select(Mine, products)``: mind that no other column is called ``id`` or ``name_ru``)."""
    return _rows.product_from_columns(row._mapping)


def product_ids(
    category_id: UUID | None = None, *, include_archived: bool = False
) -> Select[UUID]:
    """A SELECT of product ids (live ones unless ``include_archived``), in ``category_id``'s
    subtree if given: for other modules to filter their own queries by, as a subquery."""
    stmt = select(Product.id)
    if not include_archived:
        stmt = stmt.where(Product.archived.is_(False))
    if category_id is not None:
        tree = _tree.subtree_ids(category_id)
        stmt = stmt.where(Product.category_id.in_(select(tree.c.id)))
    return stmt
