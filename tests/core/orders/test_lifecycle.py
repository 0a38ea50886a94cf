"""The order lifecycle: who may move an order where, history, events, stock, and races."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from catalog_factories import SellerShop
from order_flow_helpers import (
    buyer,
    courier,
    event_count,
    held,
    offer,
    order_of,
    stock_of,
    support,
)

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.catalog.schemas import CategoryOut
from core.orders.api import (
    accept_order,
    answer_substitute,
    assign_courier,
    cancel_order,
    complete_order,
    get_cart,
    get_order,
    mark_delivered,
    mark_delivery_failed,
    mark_missing,
    mark_picked_up,
    mark_ready,
    order_history,
    propose_substitute,
    record_actual,
    reject_order,
    reorder,
    resolve_overdue_proposals,
    shop_orders,
    start_assembly,
)
from core.orders.errors import (
    LineStateChanged,
    OrderStateChanged,
    ProposalPending,
    ReasonRequired,
    SubstituteAnswerTooLate,
    SubstituteInvalid,
    TransitionNotAllowed,
)
from core.orders.schemas import (
    CancelReason,
    LineStatus,
    OrderStatus,
    Party,
    SubstitutionPreference,
)
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.money import Money
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database

S = OrderStatus


@pytest.fixture
async def single(settings: Settings, clock: FrozenClock) -> AsyncIterator[Database]:
    """One attempt per transaction: a deadlock in a race would fail the test, not be retried."""
    database = Database(
        create_engine(str(settings.database_url), pool_size=8),
        clock=clock,
        publisher=publish_to_outbox,
        max_attempts=1,
    )
    yield database
    await database.dispose()


async def test_an_order_goes_all_the_way_with_weighed_goods(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    picker = shop.staff(Role.PICKER)
    rider = courier()
    pears = await offer(db, shop, category, price=Money.rub(45))
    apples = await offer(db, shop, category, weight=True, price=Money.rub(189), stock=5_000)
    placed = await order_of(db, shop, vera, (pears, 4), (apples, 1_500))
    assert placed.total == Money(18_000 + 28_350 + 9_900)

    await accept_order(db, picker, placed.id)
    assert await held(db, placed.id) == {
        pears.id: ("allocated", 4),
        apples.id: ("allocated", 1_500),
    }
    await start_assembly(db, picker, placed.id)
    weighing = await record_actual(db, picker, placed.id, placed.lines[1].id, 1_620)
    # 1620 g at 189 ₽/kg = 306,18 ₽
    assert weighing.lines[1].final_total == Money(30_618)
    assert weighing.current_total == Money(18_000 + 30_618 + 9_900)
    ready = await mark_ready(db, picker, placed.id)

    assert ready.status is S.READY
    assert ready.final_subtotal == Money(18_000 + 30_618)
    assert ready.final_total == Money(18_000 + 30_618 + 9_900)
    assert [(line.status, line.quantity_actual) for line in ready.lines] == [
        (LineStatus.PICKED, 4),
        (LineStatus.PICKED, 1_620),
    ]
    apples_left = await stock_of(db, shop, apples)
    assert (apples_left.on_hand, apples_left.reserved, apples_left.allocated) == (3_380, 0, 0)
    assert (
        await event_count(
            db, "orders.ready", order_id=str(placed.id), final_total_minor=ready.final_total.minor
        )
        == 1
    )

    await assign_courier(db, None, placed.id, rider.telegram_id)
    with pytest.raises(PermissionDenied):
        await mark_picked_up(db, courier(), placed.id)  # not this order's courier
    await mark_picked_up(db, rider, placed.id)
    with pytest.raises(OrderStateChanged):
        await cancel_order(db, support(), placed.id, CancelReason.OTHER)
    await mark_delivered(db, rider, placed.id)
    done = await complete_order(db, vera.actor, placed.id)

    assert done.status is S.COMPLETED
    assert done.courier_id == rider.telegram_id
    history = await order_history(db, vera.actor, placed.id)
    assert [(h.from_status, h.to_status, h.party) for h in history] == [
        (None, S.PLACED, Party.CUSTOMER),
        (S.PLACED, S.ACCEPTED, Party.SHOP),
        (S.ACCEPTED, S.ASSEMBLING, Party.SHOP),
        (S.ASSEMBLING, S.READY, Party.SHOP),
        (S.READY, S.COURIER_ASSIGNED, Party.SYSTEM),
        (S.COURIER_ASSIGNED, S.PICKED_UP, Party.COURIER),
        (S.PICKED_UP, S.DELIVERED, Party.COURIER),
        (S.DELIVERED, S.COMPLETED, Party.CUSTOMER),
    ]
    assert (await get_order(db, rider, placed.id)).status is S.COMPLETED


async def test_who_may_cancel_when(db: Database, shop: SellerShop, category: CategoryOut) -> None:
    vera = await buyer(db, shop)
    manager = shop.staff(Role.MANAGER)
    melons = await offer(db, shop, category, price=Money.rub(350))
    placed = await order_of(db, shop, vera, (melons, 1))

    with pytest.raises(PermissionDenied):
        await accept_order(db, vera.actor, placed.id)  # customers never accept
    with pytest.raises(PermissionDenied):
        await cancel_order(db, Actor(7_869_999_999), placed.id)  # a stranger
    with pytest.raises(PermissionDenied):
        await get_order(db, Actor(7_869_999_998), placed.id)
    await accept_order(db, manager, placed.id)
    await start_assembly(db, manager, placed.id)
    with pytest.raises(TransitionNotAllowed) as too_late:
        await cancel_order(db, vera.actor, placed.id)
    assert too_late.value.params == {"status": "assembling", "target": "canceled"}
    with pytest.raises(ReasonRequired):
        await cancel_order(db, manager, placed.id)
    with pytest.raises(PermissionDenied):
        await reject_order(db, support(), placed.id, CancelReason.OTHER)

    rejected = await reject_order(db, manager, placed.id, CancelReason.OUT_OF_STOCK, "нет дынь")

    assert rejected.canceled_by is Party.SHOP
    assert rejected.cancel_reason is CancelReason.OUT_OF_STOCK
    assert rejected.cancel_note == "нет дынь"
    assert (await stock_of(db, shop, melons)).available == 10
    assert (
        await event_count(
            db,
            "orders.canceled",
            order_id=str(placed.id),
            party="shop",
            reason="out_of_stock",
            actor_id=manager.telegram_id,
        )
        == 1
    )


async def test_support_cancels_until_pickup_and_marks_a_failed_delivery(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    agent = support()
    melons = await offer(db, shop, category, price=Money.rub(350))
    first = await order_of(db, shop, await buyer(db, shop), (melons, 1))
    second = await order_of(db, shop, await buyer(db, shop), (melons, 1))
    for order in (first, second):
        await accept_order(db, shop.owner, order.id)
        await start_assembly(db, shop.owner, order.id)
        await mark_ready(db, shop.owner, order.id)

    canceled = await cancel_order(db, agent, first.id, CancelReason.DUPLICATE)
    assert canceled.canceled_by is Party.SUPPORT

    rider = courier()
    await assign_courier(db, agent, second.id, rider.telegram_id)
    await mark_picked_up(db, rider, second.id)
    failed = await mark_delivery_failed(db, agent, second.id, "никто не открыл")
    assert failed.status is S.DELIVERY_FAILED


async def test_accept_against_cancel_exactly_one_wins(
    single: Database, db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    melons = await offer(db, shop, category, price=Money.rub(350), stock=50)
    for _ in range(5):
        vera = await buyer(db, shop)
        placed = await order_of(db, shop, vera, (melons, 2))

        outcomes = await asyncio.gather(
            accept_order(single, shop.owner, placed.id),
            cancel_order(single, vera.actor, placed.id),
            return_exceptions=True,
        )

        errors = [o for o in outcomes if isinstance(o, BaseException)]
        assert len(errors) == 1
        assert isinstance(errors[0], OrderStateChanged)
        final = await get_order(db, vera.actor, placed.id)
        assert errors[0].params["status"] == final.status.value
        expected = {melons.id: ("allocated", 2)} if final.status is S.ACCEPTED else {}
        assert await held(db, placed.id) == expected
        assert len(await order_history(db, vera.actor, placed.id)) == 2
    stock = await stock_of(db, shop, melons)
    assert stock.reserved == 0
    assert stock.available == 50 - stock.allocated


async def test_a_double_tapped_accept_accepts_once(
    single: Database, db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350))
    placed = await order_of(db, shop, vera, (melons, 1))

    outcomes = await asyncio.gather(
        accept_order(single, shop.owner, placed.id),
        accept_order(single, shop.owner, placed.id),
        return_exceptions=True,
    )

    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(errors) == 1
    assert isinstance(errors[0], OrderStateChanged)
    assert errors[0].params["status"] == "accepted"
    assert await event_count(db, "orders.accepted", order_id=str(placed.id)) == 1
    assert (await stock_of(db, shop, melons)).allocated == 1


async def test_two_pickers_take_turns(
    single: Database, db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    anna, boris = shop.staff(Role.PICKER), shop.staff(Role.PICKER)
    apples = await offer(db, shop, category, weight=True, price=Money.rub(189), stock=5_000)
    pears = await offer(db, shop, category, weight=True, price=Money.rub(150), stock=5_000)
    placed = await order_of(db, shop, vera, (apples, 1_000), (pears, 1_000))
    await accept_order(db, anna, placed.id)
    await start_assembly(db, anna, placed.id)

    # Both propose a substitute for the same missing line: one proposal stands.
    outcomes = await asyncio.gather(
        propose_substitute(single, anna, placed.id, placed.lines[0].id, pears.id, 500),
        propose_substitute(single, boris, placed.id, placed.lines[0].id, pears.id, 700),
        return_exceptions=True,
    )
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(errors) == 1
    assert isinstance(errors[0], LineStateChanged)
    await answer_substitute(
        db, vera.actor, placed.id, (await get_order(db, vera.actor, placed.id)).lines[2].id, False
    )

    # Both mark it ready: one does, the other hears it moved on; stock is settled once.
    outcomes = await asyncio.gather(
        mark_ready(single, anna, placed.id),
        mark_ready(single, boris, placed.id),
        return_exceptions=True,
    )
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(errors) == 1
    assert isinstance(errors[0], OrderStateChanged)
    assert (await stock_of(db, shop, apples)).on_hand == 5_000  # missing: nothing taken
    assert (await stock_of(db, shop, pears)).on_hand == 4_000
    assert (await stock_of(db, shop, pears)).available == 4_000


async def test_substitutes_accepted_declined_and_left_to_the_preference(
    db: Database, shop: SellerShop, category: CategoryOut, clock: FrozenClock
) -> None:
    vera = await buyer(db, shop)
    picker = shop.staff(Role.PICKER)
    golden = await offer(db, shop, category, weight=True, price=Money.rub(200), stock=5_000)
    red = await offer(db, shop, category, weight=True, price=Money.rub(180), stock=5_000)
    kiwi = await offer(db, shop, category, price=Money.rub(30), stock=20)
    lime = await offer(db, shop, category, price=Money.rub(25), stock=20)
    plum = await offer(db, shop, category, price=Money.rub(40), stock=20)
    placed = await order_of(
        db,
        shop,
        vera,
        (golden, 1_000),
        (kiwi, 5),
        (lime, 4),
        (plum, 2),
        substitutions={
            golden.id: SubstitutionPreference.REPLACE,
            lime.id: SubstitutionPreference.REMOVE,
        },
    )
    golden_line, kiwi_line, lime_line, plum_line = placed.lines
    await accept_order(db, picker, placed.id)
    with pytest.raises(OrderStateChanged):
        await record_actual(db, picker, placed.id, golden_line.id, 900)  # not assembling yet
    await start_assembly(db, picker, placed.id)

    # Golden apples are gone: red ones proposed; nobody answers, "replace" takes them.
    await propose_substitute(db, picker, placed.id, golden_line.id, red.id, 1_100)
    # Kiwis are gone: "call me"; plums are proposed and the customer declines them.
    await mark_missing(db, picker, placed.id, kiwi_line.id)
    proposed = await propose_substitute(db, picker, placed.id, kiwi_line.id, plum.id, 3)
    kiwi_sub = proposed.lines[-1]
    assert kiwi_sub.status is LineStatus.PROPOSED
    with pytest.raises(ProposalPending):
        await mark_ready(db, picker, placed.id)
    with pytest.raises(PermissionDenied):
        await answer_substitute(db, picker, placed.id, kiwi_sub.id, True)
    await answer_substitute(db, vera.actor, placed.id, kiwi_sub.id, False)
    # Limes: "remove" is never replaced.
    removed = await mark_missing(db, picker, placed.id, lime_line.id)
    assert removed.lines[2].status is LineStatus.REMOVED
    with pytest.raises(SubstituteInvalid):
        await propose_substitute(db, picker, placed.id, lime_line.id, plum.id, 1)

    clock.advance(timedelta(minutes=6))
    golden_sub = next(line for line in removed.lines if line.offer_id == red.id)
    with pytest.raises(SubstituteAnswerTooLate):  # before the deadline task has run
        await answer_substitute(db, vera.actor, placed.id, golden_sub.id, False)
    assert await resolve_overdue_proposals(db) == 1
    assert await resolve_overdue_proposals(db) == 0
    ready = await mark_ready(db, picker, placed.id)

    statuses = [(line.offer_id, line.status) for line in ready.lines]
    assert statuses == [
        (golden.id, LineStatus.SUBSTITUTED),
        (kiwi.id, LineStatus.REMOVED),
        (lime.id, LineStatus.REMOVED),
        (plum.id, LineStatus.PICKED),
        (red.id, LineStatus.PICKED),
        (plum.id, LineStatus.REMOVED),
    ]
    # 1100 g of red apples at 180 ₽/kg + 2 plums at 40 ₽; delivery 99 ₽.
    assert ready.final_subtotal == Money(19_800 + 8_000)
    assert ready.final_total == Money(19_800 + 8_000 + 9_900)
    assert (await stock_of(db, shop, red)).on_hand == 3_900
    assert (await stock_of(db, shop, golden)).on_hand == 5_000
    plums = await stock_of(db, shop, plum)
    assert (plums.on_hand, plums.reserved, plums.allocated) == (18, 0, 0)
    assert (
        await event_count(
            db,
            "orders.substitute_answered",
            order_id=str(placed.id),
            accepted=True,
            by_preference=True,
        )
        == 1
    )


async def test_the_board_and_reordering(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=3)
    pears = await offer(db, shop, category, price=Money.rub(45), stock=10)
    placed = await order_of(db, shop, vera, (melons, 2), (pears, 4))
    assert [o.id for o in await shop_orders(db, shop.owner, shop.id)] == [placed.id]
    assert await shop_orders(db, shop.owner, shop.id, [S.READY]) == []
    with pytest.raises(PermissionDenied):
        await shop_orders(db, vera.actor, shop.id)
    await cancel_order(db, vera.actor, placed.id)
    assert await shop_orders(db, shop.owner, shop.id) == []

    other = await buyer(db, shop)
    await order_of(db, shop, other, (melons, 2))
    again = await reorder(db, vera.actor, placed.id)

    assert again.reduced == (melons.id,)
    assert again.skipped == ()
    assert again.cart.quantity_of(melons.id) == 1
    assert again.cart.quantity_of(pears.id) == 4
    assert (await get_cart(db, vera.actor, vera.id, shop.id)).quantity_of(pears.id) == 4
    with pytest.raises(PermissionDenied):
        await reorder(db, other.actor, placed.id)
