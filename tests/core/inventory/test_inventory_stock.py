"""Staff counting stock: recounts, deliveries, write-offs, the history, who may do it."""

from __future__ import annotations

import pytest
from inventory_world import World

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.inventory.api import (
    MAX_QUANTITY,
    adjust_stock,
    get_availability,
    get_stock,
    list_stock,
    reserve,
    set_stock,
    stock_history,
)
from core.inventory.errors import (
    InsufficientStock,
    InvalidStockChange,
    InvalidStockCount,
    NoteTooLong,
    ReasonNotAllowed,
    StockBelowCommitted,
)
from core.inventory.schemas import AdjustmentReason, ReserveLine
from core.shared.ids import new_id
from core.storefront.errors import OfferNotFound


async def test_an_offer_never_counted_has_nothing(world: World) -> None:
    offer = await world.offer()
    stock = await get_stock(world.db, world.owner, offer.id)
    assert (stock.on_hand, stock.reserved, stock.allocated, stock.available) == (0, 0, 0, 0)
    assert stock.updated_at is None
    assert await get_availability(world.db, [offer.id]) == {offer.id: 0}
    assert await stock_history(world.db, world.owner, offer.id) == []


async def test_recount_delivery_and_write_off_are_logged(world: World) -> None:
    offer = await world.offer(step_grams=100)
    picker = world.staff(Role.PICKER)
    await set_stock(world.db, world.owner, offer.id, 12_500, note="утренний пересчёт")
    await adjust_stock(world.db, picker, offer.id, 5_000, reason=AdjustmentReason.DELIVERY)
    stock = await adjust_stock(world.db, picker, offer.id, -700, reason="write_off", note="гниль")
    assert (stock.on_hand, stock.available) == (16_800, 16_800)
    history = await stock_history(world.db, world.owner, offer.id)
    assert [(h.reason, h.on_hand_change, h.on_hand, h.actor_id, h.note) for h in history] == [
        (AdjustmentReason.WRITE_OFF, -700, 16_800, picker.telegram_id, "гниль"),
        (AdjustmentReason.DELIVERY, 5_000, 17_500, picker.telegram_id, None),
        (AdjustmentReason.RECOUNT, 12_500, 12_500, world.owner.telegram_id, "утренний пересчёт"),
    ]
    assert {h.who for h in history} == {str(picker.telegram_id), str(world.owner.telegram_id)}
    older = await stock_history(world.db, world.owner, offer.id, limit=1, before=history[0].id)
    assert [h.id for h in older] == [history[1].id]


async def test_a_recount_that_matches_is_still_recorded(world: World) -> None:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, 7)
    await set_stock(world.db, world.owner, offer.id, 7)
    history = await stock_history(world.db, world.owner, offer.id)
    assert [(h.on_hand_change, h.on_hand) for h in history] == [(0, 7), (7, 7)]


async def test_stock_cannot_be_counted_below_what_orders_hold(world: World) -> None:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, 10)
    await reserve(world.db, world.h("order-1"), [ReserveLine(offer.id, 6)])
    with pytest.raises(StockBelowCommitted) as below:
        await set_stock(world.db, world.owner, offer.id, 5)
    assert below.value.params["committed"] == 6
    with pytest.raises(InsufficientStock) as short:
        await adjust_stock(world.db, world.owner, offer.id, -5, reason="write_off")
    assert (short.value.params["requested"], short.value.params["available"]) == (5, 4)
    stock = await set_stock(world.db, world.owner, offer.id, 6)
    assert (stock.on_hand, stock.reserved, stock.available) == (6, 6, 0)


@pytest.mark.parametrize(("change", "reason", "error"), [
    (0, "correction", InvalidStockChange),
    (-3, "delivery", InvalidStockChange),
    (-3, "return", InvalidStockChange),
    (3, "write_off", InvalidStockChange),
    (MAX_QUANTITY + 1, "delivery", InvalidStockChange),
    (True, "delivery", InvalidStockChange),
    (3, "recount", ReasonNotAllowed),
    (3, "reserved", ReasonNotAllowed),
    (3, "stolen", ReasonNotAllowed),
])
async def test_bad_adjustments_are_refused(
    world: World, change: int, reason: str, error: type[Exception]
) -> None:
    offer = await world.offer()
    with pytest.raises(error):
        await adjust_stock(world.db, world.owner, offer.id, change, reason=reason)
    assert await stock_history(world.db, world.owner, offer.id) == []


@pytest.mark.parametrize("count", [-1, MAX_QUANTITY + 1, 2.5])
async def test_bad_counts_are_refused(world: World, count: int) -> None:
    offer = await world.offer()
    with pytest.raises(InvalidStockCount):
        await set_stock(world.db, world.owner, offer.id, count)


async def test_a_correction_goes_either_way_and_notes_are_bounded(world: World) -> None:
    offer = await world.offer()
    await adjust_stock(world.db, world.owner, offer.id, 4, reason="correction")
    stock = await adjust_stock(world.db, world.owner, offer.id, -1, reason="correction")
    assert stock.on_hand == 3
    with pytest.raises(NoteTooLong):
        await adjust_stock(world.db, world.owner, offer.id, 1, reason="return", note="x" * 501)
    with pytest.raises(ReasonNotAllowed):
        await set_stock(world.db, world.owner, offer.id, 1, reason="assembled")
    stock = await set_stock(world.db, world.owner, offer.id, 1, reason="write_off", note="   ")
    history = await stock_history(world.db, world.owner, offer.id)
    assert (history[0].reason, history[0].note, stock.on_hand) == ("write_off", None, 1)


async def test_an_unknown_offer_is_not_found(world: World) -> None:
    with pytest.raises(OfferNotFound):
        await set_stock(world.db, world.owner, new_id(), 1)
    unknown = new_id()
    assert await get_availability(world.db, [unknown]) == {unknown: 0}


@pytest.mark.parametrize("role", [Role.OWNER, Role.MANAGER, Role.PICKER])
async def test_every_staff_role_of_the_shop_counts_stock(world: World, role: Role) -> None:
    offer = await world.offer()
    staff = world.staff(role)
    await set_stock(world.db, staff, offer.id, 3)
    stock = await adjust_stock(world.db, staff, offer.id, 2, reason="delivery")
    assert stock.on_hand == 5
    assert [s.offer_id for s in await list_stock(world.db, staff, world.shop_id)] == [offer.id]


async def test_customers_and_other_shops_staff_may_not(world: World) -> None:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, 3)
    strangers = [
        Actor(world.owner.telegram_id + 10**6),
        world.staff(Role.OWNER, shop_id=new_id()),
        world.staff(Role.PICKER, shop_id=new_id()),
    ]
    for stranger in strangers:
        with pytest.raises(PermissionDenied):
            await set_stock(world.db, stranger, offer.id, 100)
        with pytest.raises(PermissionDenied):
            await adjust_stock(world.db, stranger, offer.id, 100, reason="delivery")
        with pytest.raises(PermissionDenied):
            await stock_history(world.db, stranger, offer.id)
        with pytest.raises(PermissionDenied):
            await get_stock(world.db, stranger, offer.id)
        with pytest.raises(PermissionDenied):
            await list_stock(world.db, stranger, world.shop_id)
    stock = await get_stock(world.db, world.owner, offer.id)
    assert stock.on_hand == 3
    assert len(await stock_history(world.db, world.owner, offer.id)) == 1


async def test_support_reads_the_history_but_does_not_count(world: World) -> None:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, 3)
    support = Actor(world.owner.telegram_id + 2 * 10**6, platform_roles=frozenset({Role.SUPPORT}))
    assert len(await stock_history(world.db, support, offer.id)) == 1
    with pytest.raises(PermissionDenied):
        await set_stock(world.db, support, offer.id, 4)
