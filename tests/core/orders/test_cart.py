"""Carts: per customer per shop, quantities on the offer's step, what changed before checkout."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta

import pytest
from catalog_factories import SellerShop, far_point, piece_form, weight_form

from core.auth.api import remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.api import pause_shop
from core.catalog.api import archive_product, create_product
from core.catalog.schemas import CategoryOut
from core.inventory.api import set_stock
from core.orders.api import (
    accept_cart_changes,
    clear_cart,
    get_cart,
    my_carts,
    set_cart_quantity,
    step_cart_quantity,
)
from core.orders.errors import (
    CartQuantityInvalid,
    NotEnoughInStock,
    OfferNotAvailable,
)
from core.orders.schemas import CartIssue, LineIssue
from core.shared.clock import FrozenClock
from core.shared.errors import Forbidden
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer, set_price, set_visibility
from core.storefront.schemas import OfferForm, OfferOut

_customers = itertools.count(7_870_000_000)  # a range no other test folder uses
_PRICE = Money.rub(120)


async def customer(db: Database) -> Actor:
    telegram_id = next(_customers)
    await remember_user(db, TelegramProfile(telegram_id, "Анна"))
    return Actor(telegram_id)


async def offer(
    db: Database,
    shop: SellerShop,
    category: CategoryOut,
    *,
    weight: bool = False,
    price: Money = _PRICE,
    stock: int = 10,
) -> OfferOut:
    form = weight_form(category.id) if weight else piece_form(category.id)
    product = await create_product(db, shop.owner, form, shop_id=shop.id)
    made = await create_offer(db, shop.owner, shop.id, OfferForm(product.id, price))
    await set_stock(db, shop.owner, made.id, stock)
    return made


async def test_steps_add_pieces_and_weight_in_steps(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    pears = await offer(db, shop, category, price=Money.rub(45))
    apples = await offer(db, shop, category, weight=True, price=Money.rub(189), stock=5_000)

    await step_cart_quantity(db, anna, anna.telegram_id, pears.id, 1)
    await step_cart_quantity(db, anna, anna.telegram_id, pears.id, 1)
    cart = await step_cart_quantity(db, anna, anna.telegram_id, apples.id, 3)

    assert [(line.offer.id, line.quantity) for line in cart.lines] == [
        (pears.id, 2),
        (apples.id, 300),
    ]
    # 2 × 45 ₽ + 300 g at 189 ₽/kg = 90 + 56,70
    assert cart.subtotal == Money(9_000 + 5_670)
    assert cart.estimated
    assert not cart.needs_attention

    cart = await step_cart_quantity(db, anna, anna.telegram_id, apples.id, -5)
    assert cart.quantity_of(apples.id) == 0
    assert not cart.estimated


async def test_set_quantity_checks_the_step_and_zero_removes(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    apples = await offer(db, shop, category, weight=True, stock=5_000)

    with pytest.raises(CartQuantityInvalid):
        await set_cart_quantity(db, anna, anna.telegram_id, apples.id, 250)
    with pytest.raises(CartQuantityInvalid):
        await set_cart_quantity(db, anna, anna.telegram_id, apples.id, -100)
    cart = await set_cart_quantity(db, anna, anna.telegram_id, apples.id, 1_200)
    assert cart.quantity_of(apples.id) == 1_200
    cart = await set_cart_quantity(db, anna, anna.telegram_id, apples.id, 0)
    assert cart.lines == ()


async def test_growing_past_the_stock_is_refused_but_shrinking_is_not(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    melons = await offer(db, shop, category, stock=2)

    await set_cart_quantity(db, anna, anna.telegram_id, melons.id, 2)
    with pytest.raises(NotEnoughInStock) as refused:
        await step_cart_quantity(db, anna, anna.telegram_id, melons.id, 1)
    assert refused.value.params["available"] == 2

    await set_stock(db, shop.owner, melons.id, 1)
    cart = await get_cart(db, anna, anna.telegram_id, shop.id)
    assert cart.lines[0].issues == {LineIssue.NOT_ENOUGH}
    cart = await step_cart_quantity(db, anna, anna.telegram_id, melons.id, -1)
    assert cart.quantity_of(melons.id) == 1
    assert not cart.needs_attention


async def test_a_cart_shows_price_changes_stock_outs_and_gone_offers(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    cheaper = await offer(db, shop, category, price=Money.rub(100))
    gone = await offer(db, shop, category)
    hidden = await offer(db, shop, category)
    sold_out = await offer(db, shop, category)
    for each in (cheaper, gone, hidden, sold_out):
        await set_cart_quantity(db, anna, anna.telegram_id, each.id, 1)

    await set_price(db, shop.owner, cheaper.id, Money.rub(80))
    await archive_product(db, shop.owner, gone.product_id)
    await set_visibility(db, shop.owner, hidden.id, False)
    await set_stock(db, shop.owner, sold_out.id, 0)

    cart = await get_cart(db, anna, anna.telegram_id, shop.id)
    issues = {line.offer.id: line.issues for line in cart.lines}
    assert issues == {
        cheaper.id: {LineIssue.PRICE_CHANGED},
        gone.id: {LineIssue.UNAVAILABLE},
        hidden.id: {LineIssue.UNAVAILABLE},
        sold_out.id: {LineIssue.OUT_OF_STOCK},
    }
    assert cart.lines[0].seen_price == Money.rub(100)
    assert cart.subtotal == Money.rub(80)  # only what can be ordered, at today's price

    accepted = await accept_cart_changes(db, anna, anna.telegram_id, shop.id)
    assert [(line.offer.id, line.issues) for line in accepted.lines] == [(cheaper.id, frozenset())]
    assert not accepted.needs_attention


async def test_accepting_changes_trims_a_weight_line_to_whole_steps(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    apples = await offer(db, shop, category, weight=True, stock=2_000)
    await set_cart_quantity(db, anna, anna.telegram_id, apples.id, 1_500)
    await set_stock(db, shop.owner, apples.id, 1_250)

    cart = await accept_cart_changes(db, anna, anna.telegram_id, shop.id)
    assert cart.quantity_of(apples.id) == 1_200


async def test_hidden_or_archived_offers_cannot_be_added(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    hidden = await offer(db, shop, category)
    await set_visibility(db, shop.owner, hidden.id, False)
    with pytest.raises(OfferNotAvailable):
        await step_cart_quantity(db, anna, anna.telegram_id, hidden.id, 1)
    assert (await get_cart(db, anna, anna.telegram_id, shop.id)).lines == ()


async def test_a_line_of_an_offer_that_went_away_can_be_removed_but_not_grown(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    pears = await offer(db, shop, category)
    await set_cart_quantity(db, anna, anna.telegram_id, pears.id, 2)
    await set_visibility(db, shop.owner, pears.id, False)

    with pytest.raises(OfferNotAvailable):
        await step_cart_quantity(db, anna, anna.telegram_id, pears.id, 1)
    cart = await step_cart_quantity(db, anna, anna.telegram_id, pears.id, -1)
    assert cart.quantity_of(pears.id) == 1
    cart = await set_cart_quantity(db, anna, anna.telegram_id, pears.id, 0)
    assert cart.lines == ()


async def test_carts_are_per_shop_and_listed_newest_first(
    db: Database,
    shop: SellerShop,
    other_shop: SellerShop,
    category: CategoryOut,
    clock: FrozenClock,
) -> None:
    anna = await customer(db)
    here = await offer(db, shop, category, price=Money.rub(50))
    there = await offer(db, other_shop, category, price=Money.rub(70))

    await set_cart_quantity(db, anna, anna.telegram_id, here.id, 2)
    clock.advance(timedelta(minutes=1))
    await set_cart_quantity(db, anna, anna.telegram_id, there.id, 1)

    carts = await my_carts(db, anna, anna.telegram_id)
    assert [(c.shop.id, c.line_count, c.subtotal) for c in carts] == [
        (other_shop.id, 1, Money.rub(70)),
        (shop.id, 1, Money.rub(100)),
    ]
    await clear_cart(db, anna, anna.telegram_id, other_shop.id)
    assert [c.shop.id for c in await my_carts(db, anna, anna.telegram_id)] == [shop.id]


async def test_a_paused_shop_or_a_point_outside_its_zone_is_flagged(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    pears = await offer(db, shop, category)
    await set_cart_quantity(db, anna, anna.telegram_id, pears.id, 1)

    assert (await get_cart(db, anna, anna.telegram_id, shop.id, point=shop.point)).issues == set()
    far = await get_cart(db, anna, anna.telegram_id, shop.id, point=far_point())
    assert far.issues == {CartIssue.OUT_OF_ZONE}
    await pause_shop(db, shop.owner, shop.id)
    paused = await get_cart(db, anna, anna.telegram_id, shop.id)
    assert paused.issues == {CartIssue.SHOP_NOT_ACCEPTING}


async def test_only_the_customer_changes_their_cart_and_support_may_look(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    stranger = await customer(db)
    pears = await offer(db, shop, category)
    await set_cart_quantity(db, anna, anna.telegram_id, pears.id, 1)

    with pytest.raises(Forbidden):
        await set_cart_quantity(db, stranger, anna.telegram_id, pears.id, 5)
    with pytest.raises(Forbidden):
        await get_cart(db, stranger, anna.telegram_id, shop.id)
    support = Actor(next(_customers), platform_roles=frozenset({Role.SUPPORT}))
    seen = await get_cart(db, support, anna.telegram_id, shop.id)
    assert seen.quantity_of(pears.id) == 1


async def test_concurrent_taps_are_all_counted(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    anna = await customer(db)
    pears = await offer(db, shop, category, stock=100)

    await asyncio.gather(
        *(step_cart_quantity(db, anna, anna.telegram_id, pears.id, 1) for _ in range(20))
    )
    cart = await get_cart(db, anna, anna.telegram_id, shop.id)
    assert cart.quantity_of(pears.id) == 20
