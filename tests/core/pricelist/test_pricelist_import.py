"""The price list: export, then import with a dry run first, all or nothing, row errors by line
and column, and who may change what."""

from __future__ import annotations

import pytest
from catalog_factories import SellerShop, ean13, piece_form
from pricelist_world import offered, parse, platform_product, price_list, staff, stranger

from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.catalog.api import create_product
from core.catalog.schemas import CategoryOut, Unit
from core.inventory.api import get_stock, reserve, stock_history
from core.inventory.schemas import AdjustmentReason, ReserveLine
from core.pricelist.api import MAX_ROWS, export_price_list, import_price_list
from core.pricelist.errors import PriceListNoKeyColumn, PriceListTooLarge
from core.pricelist.schemas import COLUMNS, IMPORT_NOTE
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import get_offer, shop_offers


async def test_export_writes_one_row_per_offer_for_excel(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(
        db,
        shop,
        category,
        price=Money.rub(189, 90),
        weight=True,
        stock=2_500,
        old_price=Money.rub(219),
    )
    dill = await offered(db, shop, category, price=Money.rub(45), stock=12, visible=False)

    text = await export_price_list(db, shop.owner, shop.id)

    assert text.startswith("\ufeff" + ";".join(COLUMNS) + "\r\n")
    rows = {row["product_id"]: row for row in parse(text)}
    assert rows[str(apples.product.id)] == {
        "product_id": str(apples.product.id),
        "barcode": apples.product.barcode or "",
        "name_ru": apples.product.name_ru,
        "name_en": apples.product.name_en,
        "unit": "kg",
        "price": "189,90",
        "old_price": "219,00",
        "stock": "2,5",
        "visible": "1",
    }
    assert (
        rows[str(dill.product.id)]["unit"],
        rows[str(dill.product.id)]["stock"],
        rows[str(dill.product.id)]["visible"],
        rows[str(dill.product.id)]["old_price"],
    ) == ("piece", "12", "0", "")


async def test_an_exported_list_imports_back_without_changes(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    await offered(db, shop, category, price=Money.rub(99), weight=True, stock=1_200)
    await offered(db, shop, category, price=Money.rub(50, 5), old_price=Money.rub(60))
    text = await export_price_list(db, shop.owner, shop.id)

    report = await import_price_list(db, shop.owner, shop.id, text.encode(), dry_run=False)

    assert (report.rows, report.changes, report.errors, report.applied) == (2, (), (), True)


async def test_a_dry_run_reports_changes_and_changes_nothing(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100), weight=True, stock=1_000)
    text = price_list(
        {"product_id": str(apples.product.id), "price": "120,50", "stock": "3,25", "visible": "нет"}
    )

    report = await import_price_list(db, shop.owner, shop.id, text, dry_run=True)

    assert (report.dry_run, report.applied, report.errors) == (True, False, ())
    [change] = report.changes
    assert (change.line, change.offer_id, change.new_offer, change.unit) == (
        2,
        apples.offer.id,
        False,
        Unit.WEIGHT,
    )
    assert change.price == (Money.rub(100), Money.rub(120, 50))
    assert (change.stock, change.visible, change.old_price) == ((1_000, 3_250), (True, False), None)
    offer = await get_offer(db, apples.offer.id)
    assert (offer.price, offer.visible) == (Money.rub(100), True)
    assert (await get_stock(db, shop.owner, apples.offer.id)).on_hand == 1_000


async def test_an_import_applies_every_change_at_once(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100), weight=True, stock=1_000)
    dill = await offered(db, shop, category, price=Money.rub(40), old_price=Money.rub(50))
    text = price_list(
        {"product_id": str(apples.product.id), "price": "", "old_price": "150", "stock": "0,5"},
        {"product_id": str(dill.product.id), "price": "35", "old_price": "", "stock": ""},
    )

    report = await import_price_list(db, shop.owner, shop.id, text, dry_run=False)

    assert (report.applied, report.errors, len(report.changes)) == (True, (), 2)
    first = await get_offer(db, apples.offer.id)
    assert (first.price, first.old_price) == (Money.rub(100), Money.rub(150))
    second = await get_offer(db, dill.offer.id)
    assert (second.price, second.old_price) == (Money.rub(35), None)
    assert (await get_stock(db, shop.owner, apples.offer.id)).on_hand == 500
    [last, *_] = await stock_history(db, shop.owner, apples.offer.id)
    assert (last.reason, last.note, last.on_hand) == (AdjustmentReason.RECOUNT, IMPORT_NOTE, 500)


async def test_one_wrong_row_stops_the_whole_import(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    good = await offered(db, shop, category, price=Money.rub(100))
    bad = await offered(db, shop, category, price=Money.rub(100))
    text = price_list(
        {"product_id": str(good.product.id), "price": "110", "old_price": "", "visible": "1"},
        {"product_id": str(bad.product.id), "price": "сто", "old_price": "90", "visible": "?"},
    )

    report = await import_price_list(db, shop.owner, shop.id, text, dry_run=False)

    assert (report.applied, len(report.changes)) == (False, 1)
    assert {(e.line, e.column, e.code) for e in report.errors} == {
        (3, "price", "price_list_bad_amount"),
        (3, "visible", "price_list_bad_visible"),
    }
    assert (await get_offer(db, good.offer.id)).price == Money.rub(100)


async def test_prices_are_checked_like_the_storefront_checks_them(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    one = await offered(db, shop, category, price=Money.rub(100))
    two = await offered(db, shop, category, price=Money.rub(100))
    text = price_list(
        {"product_id": str(one.product.id), "price": "0", "old_price": ""},
        {"product_id": str(two.product.id), "price": "90", "old_price": "80"},
    )

    report = await import_price_list(db, shop.owner, shop.id, text)

    assert [(e.line, e.column, e.code) for e in report.errors] == [
        (2, "price", "invalid_price"),
        (3, "old_price", "old_price_not_above"),
    ]


async def test_a_product_twice_is_an_error(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100))
    text = price_list(
        {"product_id": str(apples.product.id), "barcode": "", "price": "101"},
        {"product_id": "", "barcode": apples.product.barcode or "", "price": "102"},
    )

    report = await import_price_list(db, shop.owner, shop.id, text)

    [error] = report.errors
    assert (error.line, error.column, error.code, error.params) == (
        3,
        None,
        "price_list_duplicate_row",
        {"first_line": 2},
    )


async def test_unknown_and_foreign_products_are_errors(
    db: Database, shop: SellerShop, other_shop: SellerShop, category: CategoryOut
) -> None:
    theirs = await create_product(
        db, other_shop.owner, piece_form(category.id), shop_id=other_shop.id
    )
    text = price_list(
        {"product_id": "0190b2a4-0000-7000-8000-000000000000", "barcode": "", "price": "1"},
        {"product_id": "", "barcode": ean13(), "price": "1"},
        {"product_id": str(theirs.id), "barcode": "", "price": "1"},
        {"product_id": "not-an-id", "barcode": "", "price": "1"},
        {"product_id": "", "barcode": "", "price": "1"},
    )

    report = await import_price_list(db, shop.owner, shop.id, text)

    assert [(e.line, e.column, e.code) for e in report.errors] == [
        (2, "product_id", "price_list_unknown_product"),
        (3, "barcode", "price_list_unknown_product"),
        (4, "product_id", "price_list_unknown_product"),
        (5, "product_id", "price_list_bad_product_id"),
        (6, None, "price_list_no_product"),
    ]


async def test_a_platform_product_by_barcode_becomes_a_new_offer(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    melon = await platform_product(db, category, weight=True)
    kiwi = await platform_product(db, category)
    text = price_list(
        {"barcode": melon.barcode or "", "unit": "кг", "price": "79,90", "stock": "12,5"},
        {"barcode": kiwi.barcode or "", "unit": "kg", "price": "", "stock": ""},
        delimiter=",",
    )

    checked = await import_price_list(db, shop.owner, shop.id, text)
    assert [(e.line, e.column, e.code) for e in checked.errors] == [
        (3, "unit", "price_list_unit_mismatch")
    ]

    fixed = text.replace(f"{kiwi.barcode},kg,,", f"{kiwi.barcode},шт,15,")
    report = await import_price_list(db, shop.owner, shop.id, fixed, dry_run=False)

    assert (report.applied, report.errors) == (True, ())
    new = {change.product_id: change for change in report.changes}
    assert new[melon.id].new_offer
    assert (new[melon.id].price, new[melon.id].stock) == ((None, Money.rub(79, 90)), (0, 12_500))
    assert new[melon.id].offer_id is not None
    assert (await get_stock(db, shop.owner, new[melon.id].offer_id)).on_hand == 12_500
    listed = await shop_offers(db, shop.owner, shop.id)
    assert {view.product.id for view in listed.items} >= {melon.id, kiwi.id}


async def test_cp1251_without_a_bom_and_comma_separated(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100))
    text = price_list(
        {
            "product_id": str(apples.product.id),
            "name_ru": "Яблоки",
            "price": "99,50",
            "visible": "да",
        },
        delimiter=",",
    )
    assert '"99,50"' in text  # a comma inside a quoted cell is no delimiter

    report = await import_price_list(db, shop.owner, shop.id, text.encode("cp1251"))

    [change] = report.changes
    assert (report.errors, change.price) == ((), (Money.rub(100), Money.rub(99, 50)))


async def test_stock_below_what_orders_hold_is_an_error(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100), stock=10)
    await reserve(db, f"order-{apples.offer.id}", [ReserveLine(apples.offer.id, 4)])
    text = price_list({"product_id": str(apples.product.id), "stock": "3"})

    report = await import_price_list(db, shop.owner, shop.id, text)

    [error] = report.errors
    assert (error.column, error.code, error.params["committed"]) == (
        "stock",
        "stock_below_committed",
        4,
    )


async def test_pickers_import_stock_but_not_prices(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offered(db, shop, category, price=Money.rub(100), stock=10)
    picker = staff(shop, Role.PICKER)
    counts = price_list({"product_id": str(apples.product.id), "price": "100,00", "stock": "8"})
    prices = price_list({"product_id": str(apples.product.id), "price": "90", "stock": "8"})

    refused = await import_price_list(db, picker, shop.id, prices, dry_run=False)
    report = await import_price_list(db, picker, shop.id, counts, dry_run=False)

    assert [(e.column, e.code) for e in refused.errors] == [("price", "price_list_not_allowed")]
    assert report.applied
    assert (await get_stock(db, shop.owner, apples.offer.id)).on_hand == 8
    assert (await get_offer(db, apples.offer.id)).price == Money.rub(100)


async def test_strangers_and_other_shops_staff_may_not_import(
    db: Database, shop: SellerShop, other_shop: SellerShop
) -> None:
    text = price_list({"product_id": "", "price": "1"})

    for actor in (stranger(), other_shop.owner):
        with pytest.raises(PermissionDenied):
            await import_price_list(db, actor, shop.id, text)
        with pytest.raises(PermissionDenied):
            await export_price_list(db, actor, shop.id)


async def test_files_too_large_or_without_a_key_column(db: Database, shop: SellerShop) -> None:
    many = "product_id;price\n" + "x;1\n" * (MAX_ROWS + 1)
    with pytest.raises(PriceListTooLarge):
        await import_price_list(db, shop.owner, shop.id, many)
    with pytest.raises(PriceListTooLarge):
        await import_price_list(db, shop.owner, shop.id, b"a" * (1024 * 1024 + 1))
    with pytest.raises(PriceListNoKeyColumn):
        await import_price_list(db, shop.owner, shop.id, "name_ru;price\nЯблоки;1\n")
