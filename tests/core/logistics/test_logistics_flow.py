"""A delivery's whole life on real PostgreSQL and Redis: made when the shop accepts, offered
when ready, taken, picked up, handed over with the code (wrong codes lock it until support
helps), or waited for and brought back; assigned by hand; canceled with its order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from logistics_world import World
from sqlalchemy import select

import core.logistics.subscribers  # noqa: F401  (registers the order subscribers)
from core.auth.errors import PermissionDenied
from core.logistics._models import CourierEarning
from core.logistics.api import (
    MAX_CODE_ATTEMPTS,
    WAIT_FOR_CUSTOMER,
    accept_offer,
    assign_manually,
    confirm_pickup,
    courier_stats,
    courier_view,
    customer_unreachable,
    decline_offer,
    deliveries_for_support,
    hand_over,
    handover_code,
    my_deliveries,
    my_open_offer,
    reset_handover,
    return_to_shop,
)
from core.logistics.errors import (
    CourierUnavailable,
    DeliveryStateChanged,
    HandoverBlocked,
    HandoverCodeWrong,
    OfferClosed,
    OfferExpired,
    WaitNotOver,
)
from core.logistics.schemas import DeliveryStatus, OfferStatus
from core.orders.api import cancel_order, get_order, order_history
from core.orders.schemas import CancelReason, OrderStatus, Party
from core.shared.money import Money
from core.workforce.api import get_courier
from core.workforce.schemas import CourierStatus, Vehicle

D = DeliveryStatus


async def test_a_delivery_is_made_on_accept_offered_when_ready_and_handed_over(
    world: World,
) -> None:
    marat = await world.courier(Vehicle.BICYCLE, north_m=400)
    order = await world.ready_order()
    delivery = await world.delivery(order.id)

    assert delivery.status is D.SEARCHING
    assert delivery.shop_name == world.shop.shop.name
    assert delivery.pickup_point == world.shop.point
    assert delivery.dropoff_address == "ул. Садовая, 5"
    assert (delivery.dropoff.entrance, delivery.dropoff.floor) == ("2", 3)
    assert delivery.item_count == 1
    assert delivery.promised_at == order.promised_at
    # 500 m from the shop: 150 ₽ + one started kilometre.
    assert delivery.distance_m == 500
    assert delivery.earning == Money.rub(165)
    assert len(await world.events("logistics.delivery_created", order_id=str(order.id))) == 1

    dispatched = await world.dispatch()
    assert (dispatched.offered, dispatched.unmatched) == (1, 0)
    offer = await my_open_offer(world.db, marat)
    assert offer is not None
    assert offer.delivery_id == delivery.id
    assert offer.expires_at == world.clock.now() + timedelta(seconds=45)
    [made] = await world.events("logistics.offer_made", offer_id=str(offer.id))
    assert made["courier_id"] == marat.telegram_id
    assert made["distance_m"] == 400

    taken = await accept_offer(world.db, marat, offer.id)
    assert taken.status is D.ASSIGNED
    assert taken.courier_id == marat.telegram_id
    assert (await accept_offer(world.db, marat, offer.id)).status is D.ASSIGNED  # a double tap
    assert (await get_order(world.db, world.customer.actor, order.id)).status is (
        OrderStatus.COURIER_ASSIGNED
    )
    assert (await get_courier(world.db, marat.telegram_id)).status is CourierStatus.DELIVERING

    # The courier sees the customer's phone only while the delivery is theirs.
    [mine] = await my_deliveries(world.db, marat)
    assert mine.id == delivery.id
    stranger = await world.courier()
    with pytest.raises(PermissionDenied):
        await courier_view(world.db, stranger, delivery.id)
    with pytest.raises(PermissionDenied):
        await handover_code(world.db, marat, delivery.id)
    code = await handover_code(world.db, world.customer.actor, delivery.id)
    assert code == await handover_code(world.db, world.support, delivery.id)
    assert len(code) == 4
    assert code.isdigit()

    with pytest.raises(DeliveryStateChanged):
        await hand_over(world.db, marat, delivery.id, code)  # not picked up yet
    picked = await confirm_pickup(world.db, marat, delivery.id)
    assert picked.status is D.PICKED_UP
    done = await hand_over(world.db, marat, delivery.id, code)

    assert done.status is D.DELIVERED
    assert done.customer_phone is None
    assert (await get_order(world.db, world.customer.actor, order.id)).status is (
        OrderStatus.DELIVERED
    )
    after = await get_courier(world.db, marat.telegram_id)
    assert (after.status, after.active_deliveries) == (CourierStatus.AVAILABLE, 0)
    async with world.db.sessionmaker() as session:
        [earned] = await session.scalars(
            select(CourierEarning).where(CourierEarning.delivery_id == delivery.id)
        )
    assert (earned.courier_id, earned.amount_minor) == (marat.telegram_id, 16_500)
    stats = await courier_stats(world.db, marat, marat.telegram_id)
    assert (stats.deliveries_done, stats.earnings, stats.offers_accepted) == (
        1,
        Money.rub(165),
        1,
    )
    with pytest.raises(PermissionDenied):
        await courier_stats(world.db, stranger, marat.telegram_id)


async def test_the_customer_phone_shows_while_the_delivery_is_in_hand(world: World) -> None:
    from core.customers.api import save_phone_from_contact
    from core.customers.schemas import SharedContact

    await save_phone_from_contact(
        world.db,
        world.customer.actor,
        SharedContact(
            sender_id=world.customer.id,
            contact_user_id=world.customer.id,
            phone_number="+79031234567",
        ),
    )
    marat = await world.courier()
    order = await world.ready_order()
    offer = await world.offered(marat)
    # Offered, not yet theirs: the card without the phone.
    assert (await courier_view(world.db, marat, offer.delivery_id)).customer_phone is None
    await accept_offer(world.db, marat, offer.id)
    assert (await courier_view(world.db, marat, offer.delivery_id)).customer_phone == (
        "+79031234567"
    )
    assert (await world.delivery(order.id)).customer_phone is None  # support's view


async def test_wrong_codes_count_and_lock_the_handover_until_support_resets_it(
    world: World,
) -> None:
    marat = await world.courier()
    order = await world.ready_order()
    offer = await world.taken(marat)
    await confirm_pickup(world.db, marat, offer.delivery_id)
    code = await handover_code(world.db, world.customer.actor, offer.delivery_id)
    wrong = f"{(int(code) + 1) % 10_000:04d}"

    for left in range(MAX_CODE_ATTEMPTS - 1, 0, -1):
        with pytest.raises(HandoverCodeWrong) as raised:
            await hand_over(world.db, marat, offer.delivery_id, wrong)
        assert raised.value.params == {"attempts_left": left}
    with pytest.raises(HandoverBlocked):
        await hand_over(world.db, marat, offer.delivery_id, wrong)
    with pytest.raises(HandoverBlocked):
        await hand_over(world.db, marat, offer.delivery_id, code)  # locked: even the right one
    locked = await courier_view(world.db, marat, offer.delivery_id)
    assert (locked.status, locked.handover_locked) == (D.PICKED_UP, True)
    assert len(await world.events("logistics.handover_locked", order_id=str(order.id))) == 1

    with pytest.raises(PermissionDenied):
        await reset_handover(world.db, marat, offer.delivery_id)
    reset = await reset_handover(world.db, world.support, offer.delivery_id)
    assert reset.handover_attempts_left == MAX_CODE_ATTEMPTS
    assert (await hand_over(world.db, marat, offer.delivery_id, code)).status is D.DELIVERED


async def test_an_unreachable_customer_is_waited_for_then_the_order_goes_back(
    world: World,
) -> None:
    marat = await world.courier()
    order = await world.ready_order()
    offer = await world.taken(marat)
    with pytest.raises(DeliveryStateChanged):
        await customer_unreachable(world.db, marat, offer.delivery_id)  # not picked up
    await confirm_pickup(world.db, marat, offer.delivery_id)

    waiting = await customer_unreachable(world.db, marat, offer.delivery_id)
    assert waiting.status is D.AWAITING_CUSTOMER
    assert waiting.wait_until == world.clock.now() + WAIT_FOR_CUSTOMER
    world.clock.advance(timedelta(minutes=9))
    with pytest.raises(WaitNotOver):
        await return_to_shop(world.db, marat, offer.delivery_id)
    world.clock.advance(timedelta(minutes=1))
    back = await return_to_shop(world.db, marat, offer.delivery_id)

    assert (back.status, back.earning, back.wait_until) == (D.RETURNED, None, None)
    failed = await get_order(world.db, world.customer.actor, order.id)
    assert failed.status is OrderStatus.DELIVERY_FAILED
    assert (await get_courier(world.db, marat.telegram_id)).active_deliveries == 0
    assert len(await world.events("logistics.returned", order_id=str(order.id))) == 1
    stats = await courier_stats(world.db, world.support, marat.telegram_id)
    assert (stats.deliveries_done, stats.deliveries_returned) == (0, 1)


async def test_the_customer_turning_up_during_the_wait_gets_the_order(world: World) -> None:
    marat = await world.courier()
    await world.ready_order()
    offer = await world.taken(marat)
    await confirm_pickup(world.db, marat, offer.delivery_id)
    await customer_unreachable(world.db, marat, offer.delivery_id)
    code = await handover_code(world.db, world.customer.actor, offer.delivery_id)

    done = await hand_over(world.db, marat, offer.delivery_id, code)

    assert (done.status, done.wait_until) == (D.DELIVERED, None)


async def test_support_assigns_by_hand_and_the_open_offer_is_withdrawn(world: World) -> None:
    marat = await world.courier(north_m=200)
    dima = await world.courier(Vehicle.CAR, north_m=3_000, name="Дима")
    off_shift = await world.courier(shift=False, name="Олег")
    order = await world.ready_order()
    offer = await world.offered(marat)

    with pytest.raises(PermissionDenied):
        await assign_manually(world.db, marat, offer.delivery_id, marat.telegram_id)
    with pytest.raises(CourierUnavailable):
        await assign_manually(world.db, world.support, offer.delivery_id, off_shift.telegram_id)
    assigned = await assign_manually(world.db, world.support, offer.delivery_id, dima.telegram_id)

    assert (assigned.status, assigned.courier_id) == (D.ASSIGNED, dima.telegram_id)
    assert await my_open_offer(world.db, marat) is None
    [withdrawn] = await world.events("logistics.offer_withdrawn", offer_id=str(offer.id))
    assert withdrawn["reason"] == "assigned"
    with pytest.raises(OfferClosed):
        await accept_offer(world.db, marat, offer.id)
    await decline_offer(world.db, marat, offer.id)  # answering a withdrawn offer: nothing
    history = await order_history(world.db, world.support, order.id)
    assert (history[-1].to_status, history[-1].party, history[-1].actor_id) == (
        OrderStatus.COURIER_ASSIGNED,
        Party.SUPPORT,
        world.support.telegram_id,
    )
    with pytest.raises(DeliveryStateChanged):
        await assign_manually(world.db, world.support, offer.delivery_id, marat.telegram_id)
    assert [d.id for d in await deliveries_for_support(world.db, world.support)] == [
        offer.delivery_id
    ]


async def test_canceling_the_order_cancels_the_delivery_and_frees_the_courier(
    world: World,
) -> None:
    marat = await world.courier()
    searching = await world.ready_order()
    taken = await world.ready_order()
    first = await world.offered(marat)
    await accept_offer(world.db, marat, first.id)  # the soonest promised: the first order
    assert (await world.delivery(searching.id)).status is D.ASSIGNED

    await cancel_order(world.db, world.support, searching.id, CancelReason.OTHER)
    await world.relay()

    gone = await world.delivery(searching.id)
    assert (gone.status, gone.earning) == (D.CANCELED, None)
    freed = await get_courier(world.db, marat.telegram_id)
    assert (freed.status, freed.active_deliveries) == (CourierStatus.AVAILABLE, 0)
    [canceled] = await world.events("logistics.delivery_canceled", order_id=str(searching.id))
    assert canceled["courier_id"] == marat.telegram_id

    # The other one gets its offer now, and canceling withdraws it.
    second = await world.offered(marat)
    assert second.delivery_id == (await world.delivery(taken.id)).id
    await cancel_order(world.db, world.support, taken.id, CancelReason.OTHER)
    await world.relay()
    assert await my_open_offer(world.db, marat) is None
    [withdrawn] = await world.events("logistics.offer_withdrawn", offer_id=str(second.id))
    assert withdrawn["reason"] == "canceled"


async def test_a_late_accept_fails_and_the_delivery_moves_on(world: World) -> None:
    slow = await world.courier(north_m=100, name="Медленный")
    quick = await world.courier(north_m=900, name="Быстрый")
    await world.ready_order()
    offer = await world.offered(slow)
    assert await my_open_offer(world.db, quick) is None

    world.clock.advance(timedelta(seconds=45))
    with pytest.raises(OfferExpired):
        await accept_offer(world.db, slow, offer.id)
    dispatched = await world.dispatch()

    assert (dispatched.expired, dispatched.offered) == (1, 1)
    assert (await world.events("logistics.offer_expired", offer_id=str(offer.id)))[0][
        "courier_id"
    ] == slow.telegram_id
    nxt = await my_open_offer(world.db, quick)
    assert nxt is not None
    assert nxt.delivery_id == offer.delivery_id
    with pytest.raises(OfferExpired):
        await accept_offer(world.db, slow, offer.id)
    # Never asked twice: the slow courier gets nothing more for this delivery.
    await decline_offer(world.db, quick, nxt.id)
    assert (await world.dispatch()).unmatched == 1
    assert await my_open_offer(world.db, slow) is None
    stats = await courier_stats(world.db, slow, slow.telegram_id)
    assert (stats.offers_expired, stats.offers_declined) == (1, 0)
    assert OfferStatus.DECLINED.value == "declined"
