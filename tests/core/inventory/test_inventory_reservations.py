"""Reservations by holder: checkout, acceptance, assembly with real weights, cancellation."""

from __future__ import annotations

import uuid

import pytest
from inventory_world import Offer, World, count_events

from core.auth.policy import Role
from core.inventory.api import (
    DEFAULT_RESERVATION_TTL,
    allocate,
    get_reservations,
    get_stock,
    list_stock,
    release,
    reserve,
    set_low_stock_threshold,
    set_stock,
    settle,
    stock_history,
)
from core.inventory.errors import (
    DuplicateLine,
    InsufficientStock,
    InvalidHolder,
    InvalidQuantity,
    NoLines,
    QuantityOffStep,
    ReservationExists,
    ReservationNotAllocated,
    ReservationNotFound,
    ReservationSettled,
)
from core.inventory.schemas import (
    AdjustmentReason,
    ReservationStatus,
    ReserveLine,
    StockOut,
    TakenLine,
)
from core.shared.ids import new_id
from core.shared.uow import Transaction
from core.storefront.errors import OfferNotFound


async def stocked(world: World, on_hand: int, *, step_grams: int | None = None) -> Offer:
    offer = await world.offer(step_grams=step_grams)
    await set_stock(world.db, world.owner, offer.id, on_hand)
    return offer


async def counters(world: World, offer: Offer) -> tuple[int, int, int]:
    stock: StockOut = await get_stock(world.db, world.owner, offer.id)
    return stock.on_hand, stock.reserved, stock.allocated


async def test_a_weighed_order_from_checkout_to_assembly(world: World) -> None:
    apples = await stocked(world, 10_000, step_grams=100)
    order_id = new_id()
    [line] = await reserve(world.db, order_id, [ReserveLine(apples.id, 1_500)])
    assert (line.holder, line.status, line.quantity) == (str(order_id), "reserved", 1_500)
    assert line.expires_at == world.db.clock.now() + DEFAULT_RESERVATION_TTL
    assert await counters(world, apples) == (10_000, 1_500, 0)

    picker = world.staff(Role.PICKER)
    [line] = await allocate(world.db, order_id, by=picker)
    assert (line.status, line.expires_at) == (ReservationStatus.ALLOCATED, None)
    assert await counters(world, apples) == (10_000, 0, 1_500)

    [line] = await settle(world.db, order_id, [TakenLine(apples.id, 1_620)], by=picker)
    assert (line.status, line.taken) == (ReservationStatus.SETTLED, 1_620)
    assert await counters(world, apples) == (8_380, 0, 0)
    history = await stock_history(world.db, world.owner, apples.id)
    changes = [(h.reason, h.on_hand_change, h.reserved_change, h.allocated_change)
               for h in history]
    assert changes == [
        (AdjustmentReason.ASSEMBLED, -1_620, 0, -1_500),
        (AdjustmentReason.ALLOCATED, 0, -1_500, 1_500),
        (AdjustmentReason.RESERVED, 0, 1_500, 0),
        (AdjustmentReason.RECOUNT, 10_000, 0, 0),
    ]
    assert [h.holder for h in history[:3]] == [str(order_id)] * 3
    assert [h.actor_id for h in history[:3]] == [picker.telegram_id, picker.telegram_id, None]


@pytest.mark.parametrize(("taken", "on_hand"), [(900, 9_100), (0, 10_000), (1_000, 9_000)])
async def test_taking_less_gives_the_rest_back(world: World, taken: int, on_hand: int) -> None:
    apples = await stocked(world, 10_000, step_grams=100)
    await reserve(world.db, world.h("order-less"), [ReserveLine(apples.id, 1_000)])
    await allocate(world.db, world.h("order-less"))
    await settle(world.db, world.h("order-less"), [TakenLine(apples.id, taken)])
    assert await counters(world, apples) == (on_hand, 0, 0)


async def test_taking_more_takes_only_what_is_available(world: World) -> None:
    apples = await stocked(world, 2_000, step_grams=100)
    await reserve(world.db, world.h("big"), [ReserveLine(apples.id, 1_500)])
    await allocate(world.db, world.h("big"))
    await reserve(world.db, world.h("other"), [ReserveLine(apples.id, 300)])
    with pytest.raises(InsufficientStock) as short:
        await settle(world.db, world.h("big"), [TakenLine(apples.id, 1_701)])
    assert (short.value.params["requested"], short.value.params["available"]) == (1_701, 1_700)
    assert await counters(world, apples) == (2_000, 300, 1_500)
    await settle(world.db, world.h("big"), [TakenLine(apples.id, 1_700)])
    assert await counters(world, apples) == (300, 300, 0)


async def test_settling_line_by_line_and_twice(world: World) -> None:
    apples, pears = await stocked(world, 5_000, step_grams=250), await stocked(world, 10)
    await reserve(world.db, world.h("o"), [ReserveLine(apples.id, 1_000), ReserveLine(pears.id, 4)])
    with pytest.raises(ReservationNotAllocated):
        await settle(world.db, world.h("o"), [TakenLine(pears.id, 4)])
    await allocate(world.db, world.h("o"))
    [pear_line] = await settle(world.db, world.h("o"), [TakenLine(pears.id, 3)])
    assert (pear_line.offer_id, pear_line.taken) == (pears.id, 3)
    again = await settle(world.db, world.h("o"), [TakenLine(pears.id, 3)])  # a double tap
    assert [line.taken for line in again] == [3]
    with pytest.raises(ReservationSettled) as settled:
        await settle(world.db, world.h("o"), [TakenLine(pears.id, 4)])
    assert settled.value.params["taken"] == 3
    assert await counters(world, pears) == (7, 0, 0)
    assert await counters(world, apples) == (5_000, 0, 1_000)
    with pytest.raises(ReservationNotFound):
        await settle(world.db, world.h("o"), [TakenLine(new_id(), 1)])
    await settle(world.db, world.h("o"), [TakenLine(apples.id, 1_013)])
    assert await counters(world, apples) == (3_987, 0, 0)
    lines = await get_reservations(world.db, world.h("o"))
    statuses = {line.offer_id: line.status for line in lines}
    assert statuses == {apples.id: "settled", pears.id: "settled"}


async def test_quantities_are_checked_before_anything_is_held(world: World) -> None:
    apples, pears = await stocked(world, 5_000, step_grams=100), await stocked(world, 10)
    bad: list[tuple[list[ReserveLine], type[Exception]]] = [
        ([ReserveLine(apples.id, 150)], QuantityOffStep),
        ([ReserveLine(pears.id, 0)], InvalidQuantity),
        ([ReserveLine(pears.id, -2)], InvalidQuantity),
        ([ReserveLine(pears.id, True)], InvalidQuantity),
        ([ReserveLine(pears.id, 1), ReserveLine(pears.id, 1)], DuplicateLine),
        ([], NoLines),
        ([ReserveLine(new_id(), 1)], OfferNotFound),
    ]
    for lines, error in bad:
        with pytest.raises(error):
            await reserve(world.db, world.h("checked"), lines)
    for holder in ("", "   ", "x" * 101):
        with pytest.raises(InvalidHolder):
            await reserve(world.db, holder, [ReserveLine(pears.id, 1)])
    assert await get_reservations(world.db, world.h("checked")) == []
    both = [ReserveLine(apples.id, 200), ReserveLine(pears.id, 7)]
    await reserve(world.db, world.h("checked"), both)
    assert await counters(world, pears) == (10, 7, 0)


async def test_an_offer_never_counted_cannot_be_reserved(world: World) -> None:
    offer = await world.offer()
    with pytest.raises(InsufficientStock) as short:
        await reserve(world.db, world.h("nothing"), [ReserveLine(offer.id, 1)])
    assert short.value.params["available"] == 0


async def test_several_lines_are_reserved_all_or_none(world: World) -> None:
    a, b, c = await stocked(world, 5), await stocked(world, 2), await stocked(world, 5)
    lines = [ReserveLine(a.id, 3), ReserveLine(b.id, 3), ReserveLine(c.id, 6)]
    with pytest.raises(InsufficientStock) as short:
        await reserve(world.db, world.h("cart"), lines)
    assert short.value.params["short"] == sorted([str(b.id), str(c.id)])
    for offer in (a, b, c):
        assert (await counters(world, offer))[1] == 0
        assert len(await stock_history(world.db, world.owner, offer.id)) == 1
    assert await get_reservations(world.db, world.h("cart")) == []


async def test_a_caller_that_catches_the_error_keeps_a_clean_transaction(world: World) -> None:
    a, b = await stocked(world, 5), await stocked(world, 1)

    async def checkout(tx: Transaction) -> int:
        try:
            await reserve(tx.db, "caught", [ReserveLine(a.id, 2), ReserveLine(b.id, 2)])
        except InsufficientStock as exc:
            return int(exc.params["available"])
        raise AssertionError("reserved what is not there")

    assert await world.db.run(checkout) == 1
    assert await counters(world, a) == (5, 0, 0)
    assert await get_reservations(world.db, world.h("caught")) == []


async def test_a_holder_reserves_once_until_released(world: World) -> None:
    a, b = await stocked(world, 5), await stocked(world, 5)
    await reserve(world.db, world.h("once"), [ReserveLine(a.id, 1)])
    with pytest.raises(ReservationExists):
        await reserve(world.db, world.h("once"), [ReserveLine(b.id, 1)])
    released = await release(world.db, world.h("once"), note="customer changed the cart")
    assert [(line.offer_id, line.status) for line in released] == [(a.id, "released")]
    await reserve(world.db, world.h("once"), [ReserveLine(a.id, 2), ReserveLine(b.id, 1)])
    assert await counters(world, a) == (5, 2, 0)
    lines = await get_reservations(world.db, world.h("once"))
    assert sorted(line.status for line in lines) == ["released", "reserved", "reserved"]


async def test_release_before_and_after_acceptance(world: World) -> None:
    a, b = await stocked(world, 5), await stocked(world, 5)
    await reserve(world.db, world.h("early"), [ReserveLine(a.id, 2), ReserveLine(b.id, 1)])
    await reserve(world.db, world.h("late"), [ReserveLine(a.id, 3)])
    await allocate(world.db, world.h("late"))
    assert await counters(world, a) == (5, 2, 3)
    [line] = await release(world.db, world.h("early"), offer_ids=[b.id])
    assert line.offer_id == b.id
    assert await counters(world, b) == (5, 0, 0)
    await release(world.db, world.h("early"))
    await release(world.db, world.h("late"), by=world.staff(Role.MANAGER))
    assert await counters(world, a) == (5, 0, 0)
    assert await release(world.db, world.h("late")) == []  # nothing left: a no-op
    history = await stock_history(world.db, world.owner, a.id)
    assert [h.reason for h in history[:2]] == ["released", "released"]
    assert (history[0].allocated_change, history[1].reserved_change) == (-3, -2)


async def test_allocate_again_changes_nothing(world: World) -> None:
    a = await stocked(world, 5)
    await reserve(world.db, world.h("twice"), [ReserveLine(a.id, 2)])
    first = await allocate(world.db, world.h("twice"))
    second = await allocate(world.db, world.h("twice"))
    assert [line.id for line in first] == [line.id for line in second]
    assert await counters(world, a) == (5, 0, 2)
    assert len(await stock_history(world.db, world.owner, a.id)) == 3
    with pytest.raises(ReservationNotFound):
        await allocate(world.db, uuid.uuid4())


async def test_low_stock_fires_once_per_crossing(world: World) -> None:
    a = await stocked(world, 10)
    stock = await set_low_stock_threshold(world.db, world.owner, a.id, 5)
    assert not stock.is_low

    async def alerts() -> int:
        return await count_events(world.db, "inventory.low_stock", offer_id=str(a.id))

    await reserve(world.db, world.h("h1"), [ReserveLine(a.id, 4)])  # 6 left
    assert await alerts() == 0
    await reserve(world.db, world.h("h2"), [ReserveLine(a.id, 1)])  # 5: the crossing
    await reserve(world.db, world.h("h3"), [ReserveLine(a.id, 2)])  # 3: still low
    await allocate(world.db, world.h("h3"))
    assert await alerts() == 1
    await release(world.db, world.h("h3"))  # 5: still low
    await release(world.db, world.h("h2"))  # 6: back above, re-armed
    assert await alerts() == 1
    await reserve(world.db, world.h("h4"), [ReserveLine(a.id, 6)])  # 0: a second crossing
    assert await alerts() == 2
    payloads = await count_events(
        world.db, "inventory.low_stock", offer_id=str(a.id), available=0, threshold=5,
        shop_id=str(world.shop_id),
    )
    assert payloads == 1
    assert [s.offer_id for s in await list_stock(world.db, world.owner, world.shop_id,
                                                   low_only=True)] == [a.id]
    await set_low_stock_threshold(world.db, world.owner, a.id, None)
    await release(world.db, world.h("h4"))
    await reserve(world.db, world.h("h5"), [ReserveLine(a.id, 6)])
    assert await alerts() == 2
    # A threshold set at or above what is left right now is a crossing too.
    low = await set_low_stock_threshold(world.db, world.owner, a.id, 0)
    assert low.is_low
    assert await alerts() == 3
    await set_low_stock_threshold(world.db, world.owner, a.id, 0)
    assert await alerts() == 3
