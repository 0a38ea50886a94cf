"""Products: two languages, units and steps, barcodes, photos, archiving, and who may do what."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from catalog_factories import ADMIN, SellerShop, ean13, person, piece_form, weight_form
from sqlalchemy import select

from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.catalog import api as catalog
from core.catalog.errors import (
    BarcodeTaken,
    CategoryNotFound,
    InvalidBarcode,
    InvalidCatalogText,
    InvalidPhoto,
    InvalidTag,
    InvalidUnit,
    ProductNotFound,
    UnitChangeNotAllowed,
)
from core.catalog.schemas import CategoryOut, ProductOut, Tag, Unit
from core.shared.ids import new_id
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database


async def _events(db: Database, name: str, product: ProductOut) -> list[dict[str, Any]]:
    async with db.sessionmaker() as session:
        rows = (await session.scalars(
            select(OutboxEvent).where(OutboxEvent.name == name)
        )).all()
    return [row.payload for row in rows if row.payload["product_id"] == str(product.id)]


async def test_a_product_speaks_russian_and_english(db: Database, category: CategoryOut) -> None:
    product = await catalog.create_product(db, ADMIN, weight_form(
        category.id, name_ru="  Яблоки   Гала ", name_en="Gala apples",
        description_ru="Сладкие и хрустящие.", description_en=None,
        tags=frozenset({Tag.SEASONAL, Tag.LOCAL}),
    ))
    assert product.shop_id is None  # the platform catalog
    assert (product.name("ru"), product.name("en-GB")) == ("Яблоки Гала", "Gala apples")
    assert product.description("en") == "Сладкие и хрустящие."  # falls back to Russian
    assert product.tags == {Tag.SEASONAL, Tag.LOCAL}
    assert await catalog.get_product(db, product.id) == product
    assert await catalog.get_products(db, [product.id, new_id()]) == {product.id: product}
    created = await _events(db, "catalog.product_created", product)
    assert created == [{"product_id": str(product.id), "shop_id": None,
                        "created_by": ADMIN.telegram_id}]


async def test_weight_goods_have_a_step_and_piece_goods_do_not(
    db: Database, category: CategoryOut
) -> None:
    apples = await catalog.create_product(db, ADMIN, weight_form(category.id))
    assert (apples.unit, apples.step_grams, apples.piece_grams) == (Unit.WEIGHT, 100, 180)
    assert apples.min_quantity == 100
    assert [apples.valid_quantity(q) for q in (100, 1500, 150, 0, -100)] == [
        True, True, False, False, False
    ]
    dill = await catalog.create_product(db, ADMIN, piece_form(category.id))
    assert (dill.unit, dill.step_grams, dill.min_quantity) == (Unit.PIECE, None, 1)
    assert dill.valid_quantity(3)
    assert not dill.valid_quantity(0)

    bad = [
        weight_form(category.id, step_grams=None),
        weight_form(category.id, step_grams=5),
        weight_form(category.id, step_grams=10_000),
        weight_form(category.id, piece_grams=0),
        piece_form(category.id, step_grams=100),
        piece_form(category.id, unit="box"),
    ]
    for form in bad:
        with pytest.raises(InvalidUnit):
            await catalog.create_product(db, ADMIN, form)


async def test_the_unit_is_fixed_but_the_rest_can_change(
    db: Database, category: CategoryOut
) -> None:
    product = await catalog.create_product(db, ADMIN, weight_form(category.id))
    form = weight_form(category.id, name_ru="Груши Конференция", name_en="Conference pears",
                       step_grams=250, piece_grams=None, photos=("AgACAgIAAxkBAAIBY2Zz",))
    changed = await catalog.update_product(db, ADMIN, product.id, form)
    assert (changed.name_ru, changed.step_grams, changed.piece_grams) == (
        "Груши Конференция", 250, None
    )
    assert changed.photos == ("AgACAgIAAxkBAAIBY2Zz",)
    assert len(await _events(db, "catalog.product_updated", product)) == 1
    with pytest.raises(UnitChangeNotAllowed):
        await catalog.update_product(db, ADMIN, product.id, piece_form(category.id))
    with pytest.raises(CategoryNotFound):
        await catalog.update_product(db, ADMIN, product.id, weight_form(new_id()))
    with pytest.raises(ProductNotFound):
        await catalog.update_product(db, ADMIN, new_id(), form)


@pytest.mark.parametrize(("raw", "expected"), [
    ("4006381333931", "4006381333931"),
    ("4 006381 333931", "4006381333931"),
    ("", None),
])
def test_good_barcodes_are_read(raw: str, expected: str | None) -> None:
    assert catalog.check_barcode(raw) == expected


@pytest.mark.parametrize("raw", ["4006381333932", "400638133393", "40063813339311", "ABC"])
def test_bad_barcodes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidBarcode):
        catalog.check_barcode(raw)


async def test_a_barcode_is_unique_within_one_catalog(
    db: Database, category: CategoryOut, shop: SellerShop, other_shop: SellerShop
) -> None:
    code = ean13()
    await catalog.create_product(db, ADMIN, piece_form(category.id, barcode=code))
    with pytest.raises(BarcodeTaken):
        await catalog.create_product(db, ADMIN, piece_form(category.id, barcode=code))
    # Each shop's own catalog is separate from the platform's and from other shops'.
    own = await catalog.create_product(
        db, shop.owner, piece_form(category.id, barcode=code), shop_id=shop.id
    )
    await catalog.create_product(
        db, other_shop.owner, piece_form(category.id, barcode=code), shop_id=other_shop.id
    )
    with pytest.raises(BarcodeTaken):
        await catalog.create_product(
            db, shop.owner, piece_form(category.id, barcode=code), shop_id=shop.id
        )
    second = await catalog.create_product(
        db, shop.owner, piece_form(category.id), shop_id=shop.id
    )
    with pytest.raises(BarcodeTaken):
        await catalog.update_product(
            db, shop.owner, second.id, piece_form(category.id, barcode=own.barcode)
        )
    with pytest.raises(InvalidBarcode):
        await catalog.create_product(db, ADMIN, piece_form(category.id, barcode="1234567890123"))


async def test_photos_tags_and_names_are_checked(db: Database, category: CategoryOut) -> None:
    ok = await catalog.create_product(db, ADMIN, piece_form(
        category.id, photos=("https://cdn.example.com/dill.jpg", "AgACAgIAAxkBAAIBY2Zz",
                             "https://cdn.example.com/dill.jpg"),
    ))
    assert ok.photos == ("https://cdn.example.com/dill.jpg", "AgACAgIAAxkBAAIBY2Zz")
    bad_photos = [("http://insecure.example.com/a.jpg",), ("short",),
                  tuple(f"https://cdn.example.com/{i}.jpg" for i in range(11))]
    for photos in bad_photos:
        with pytest.raises(InvalidPhoto):
            await catalog.create_product(db, ADMIN, piece_form(category.id, photos=photos))
    with pytest.raises(InvalidTag):
        await catalog.create_product(
            db, ADMIN, piece_form(category.id, tags=frozenset({"gmo-free"}))
        )
    with pytest.raises(InvalidCatalogText):
        await catalog.create_product(db, ADMIN, piece_form(category.id, name_en=" "))
    with pytest.raises(InvalidCatalogText):
        await catalog.create_product(db, ADMIN, piece_form(category.id, description_ru="я" * 1001))


async def test_sellers_manage_their_own_products_and_admins_the_platforms(
    db: Database, category: CategoryOut, shop: SellerShop, other_shop: SellerShop
) -> None:
    manager, picker = shop.staff(Role.MANAGER), shop.staff(Role.PICKER)
    form = piece_form(category.id)
    own = await catalog.create_product(db, shop.owner, form, shop_id=shop.id)
    assert own.shop_id == shop.id
    by_manager = await catalog.create_product(db, manager, piece_form(category.id),
                                              shop_id=shop.id)
    await catalog.update_product(db, manager, own.id, dataclasses.replace(form, name_en="Mine"))
    await catalog.update_product(db, ADMIN, by_manager.id, piece_form(category.id))

    refused = [
        lambda: catalog.create_product(db, picker, piece_form(category.id), shop_id=shop.id),
        lambda: catalog.create_product(db, person(), piece_form(category.id), shop_id=shop.id),
        lambda: catalog.create_product(
            db, other_shop.owner, piece_form(category.id), shop_id=shop.id
        ),
        lambda: catalog.create_product(db, shop.owner, piece_form(category.id)),  # platform's
        lambda: catalog.update_product(db, other_shop.owner, own.id, form),
        lambda: catalog.update_product(db, picker, own.id, form),
        lambda: catalog.archive_product(db, other_shop.staff(Role.MANAGER), own.id),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            await attempt()
    platform = await catalog.create_product(db, ADMIN, piece_form(category.id))
    with pytest.raises(PermissionDenied):
        await catalog.update_product(db, shop.owner, platform.id, piece_form(category.id))


async def test_archived_products_leave_the_lists_and_can_come_back(
    db: Database, category: CategoryOut, shop: SellerShop, other_shop: SellerShop
) -> None:
    platform = await catalog.create_product(db, ADMIN, weight_form(category.id))
    own = await catalog.create_product(db, shop.owner, piece_form(category.id), shop_id=shop.id)
    foreign = await catalog.create_product(
        db, other_shop.owner, piece_form(category.id), shop_id=other_shop.id
    )

    async def listed(**kwargs: Any) -> set[object]:
        found = await catalog.list_products(db, category_id=category.id, **kwargs)
        return {p.id for p in found}

    assert await listed(shop_id=shop.id) == {platform.id, own.id}
    assert await listed(shop_id=shop.id, include_platform=False) == {own.id}
    assert await listed() == {platform.id}

    archived = await catalog.archive_product(db, shop.owner, own.id)
    assert archived.archived
    await catalog.archive_product(db, shop.owner, own.id)  # twice is harmless
    assert await listed(shop_id=shop.id) == {platform.id}
    assert await listed(shop_id=shop.id, include_archived=True) == {platform.id, own.id}
    assert len(await _events(db, "catalog.product_archived", own)) == 1

    assert not (await catalog.restore_product(db, shop.owner, own.id)).archived
    assert await listed(shop_id=shop.id) == {platform.id, own.id}
    assert foreign.id not in await listed(shop_id=shop.id, include_archived=True)
