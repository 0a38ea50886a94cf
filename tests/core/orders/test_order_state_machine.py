"""A hypothesis state machine over the order lifecycle, on the real database.

Random people (the customer, the shop's picker, support, the assigned courier, the system, a
stranger) fire random transitions at a few orders; the model below is the specification written
out again, independent of ``core.orders._lifecycle.TRANSITIONS``. After every step: each order's
status is the model's (so no illegal transition ever succeeded and no legal one failed), its
history is exactly the path it took, its totals add up, and the stock counters of the offers are
what the orders hold. Hypothesis runs in a worker thread; each step runs on the test's event loop.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from catalog_factories import SellerShop
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from order_flow_helpers import buyer, courier, offer, order_of, stock_of, support

from core.auth.policy import Actor, Role
from core.catalog.schemas import CategoryOut
from core.orders import _lifecycle
from core.orders.api import (
    expire_unpaid_orders,
    get_order,
    mark_ready,
    order_history,
    record_actual,
)
from core.orders.schemas import CancelReason, OrderStatus, Party, PaymentMethod
from core.shared.clock import FrozenClock
from core.shared.errors import CoreError
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.schemas import OfferOut

T = TypeVar("T")
S = OrderStatus
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)  # noon in Moscow: the shop is open
MELON, APPLE_PER_KG, FEE = 35_000, 18_900, 9_900

# The specification: (from, to) -> who may. Cancel: the customer before assembly, the shop and
# support before pickup, the system while unpaid or waiting for the shop.
LEGAL: dict[tuple[S, S], frozenset[str]] = {
    (S.PENDING_PAYMENT, S.PLACED): frozenset({"system"}),
    (S.PENDING_PAYMENT, S.CANCELED): frozenset({"customer", "support", "system"}),
    (S.PLACED, S.ACCEPTED): frozenset({"shop"}),
    (S.PLACED, S.CANCELED): frozenset({"customer", "shop", "support", "system"}),
    (S.ACCEPTED, S.ASSEMBLING): frozenset({"shop"}),
    (S.ACCEPTED, S.CANCELED): frozenset({"customer", "shop", "support"}),
    (S.ASSEMBLING, S.READY): frozenset({"shop"}),
    (S.ASSEMBLING, S.CANCELED): frozenset({"shop", "support"}),
    (S.READY, S.COURIER_ASSIGNED): frozenset({"system", "support"}),
    (S.READY, S.CANCELED): frozenset({"shop", "support"}),
    (S.COURIER_ASSIGNED, S.PICKED_UP): frozenset({"courier"}),
    (S.COURIER_ASSIGNED, S.CANCELED): frozenset({"shop", "support"}),
    (S.PICKED_UP, S.DELIVERED): frozenset({"courier"}),
    (S.PICKED_UP, S.DELIVERY_FAILED): frozenset({"courier", "support"}),
    (S.DELIVERED, S.COMPLETED): frozenset({"customer", "system"}),
}
WHO = ("customer", "shop", "support", "courier", "system", "stranger")
FINAL = frozenset({S.COMPLETED, S.CANCELED, S.DELIVERY_FAILED})
HOLDING = {
    S.PENDING_PAYMENT: "reserved",
    S.PLACED: "reserved",
    S.ACCEPTED: "allocated",
    S.ASSEMBLING: "allocated",
}


@dataclass
class Modelled:
    id: uuid.UUID
    customer: Actor
    melons: int
    apples: int  # grams, 0: no apple line
    deadline: datetime | None  # online orders
    status: S
    path: list[tuple[S | None, S, Party]] = field(default_factory=list)
    apples_actual: int | None = None
    courier_assigned: bool = False
    taken: tuple[int, int] | None = None  # (melons, grams) taken off the shelf at ready


@dataclass
class Stage:
    """What the machine works with, made once per test: the shop, its people and the loop."""

    loop: asyncio.AbstractEventLoop
    db: Database
    clock: FrozenClock
    shop: SellerShop
    category: CategoryOut
    picker: Actor
    agent: Actor
    rider: Actor
    fired: int = 0  # transitions attempted, over all examples
    reached: set[S] = field(default_factory=set)

    def run(self, coro: Awaitable[T]) -> T:
        return asyncio.run_coroutine_threadsafe(_awaited(coro), self.loop).result()


async def _awaited(coro: Awaitable[T]) -> T:
    return await coro


class OrderLifecycle(RuleBasedStateMachine):
    stage: Stage

    def __init__(self) -> None:
        super().__init__()
        stage = self.stage
        stage.clock.set(START)
        self.orders: list[Modelled] = []
        self.melon: OfferOut = stage.run(
            offer(stage.db, stage.shop, stage.category, price=Money(MELON), stock=1_000)
        )
        self.apple: OfferOut = stage.run(
            offer(
                stage.db,
                stage.shop,
                stage.category,
                weight=True,
                price=Money(APPLE_PER_KG),
                stock=100_000,
            )
        )

    # -- rules ---------------------------------------------------------------------------------

    @precondition(lambda self: len(self.orders) < 3)
    @rule(
        melons=st.integers(1, 3), apples=st.sampled_from([0, 100, 700, 1_500]), online=st.booleans()
    )
    def place(self, melons: int, apples: int, online: bool) -> None:
        stage = self.stage
        who = stage.run(buyer(stage.db, stage.shop))
        items = [(self.melon, melons)] + ([(self.apple, apples)] if apples else [])
        method = PaymentMethod.ONLINE if online else PaymentMethod.CASH
        made = stage.run(order_of(stage.db, stage.shop, who, *items, method=method))
        status = S.PENDING_PAYMENT if online else S.PLACED
        deadline = stage.clock.now() + timedelta(minutes=15) if online else None
        order = Modelled(made.id, who.actor, melons, apples, deadline, status)
        order.path.append((None, status, Party.CUSTOMER))
        self.orders.append(order)

    @precondition(lambda self: self.orders)
    @rule(data=st.data())
    def fire_anything(self, data: st.DataObject) -> None:
        """Anyone fires any transition at an order."""
        order = data.draw(st.sampled_from(self.orders))
        self._fire(order, data.draw(st.sampled_from(WHO)), data.draw(st.sampled_from(list(S))))

    @precondition(lambda self: any(o.status not in FINAL for o in self.orders))
    @rule(data=st.data())
    def fire_onward(self, data: st.DataObject) -> None:
        """A step the specification has from where an order is, mostly by someone allowed: so
        that orders go deep."""
        order = data.draw(st.sampled_from([o for o in self.orders if o.status not in FINAL]))
        onward = sorted({to for (at, to) in LEGAL if at is order.status})
        forward = [to for to in onward if to is not S.CANCELED] or onward
        target = data.draw(st.one_of(*[st.sampled_from(forward)] * 3, st.sampled_from(onward)))
        allowed = sorted(LEGAL[(order.status, target)])
        who = data.draw(st.one_of(*[st.sampled_from(allowed)] * 4, st.sampled_from(WHO)))
        self._fire(order, who, target)

    def _fire(self, order: Modelled, who: str, target: S) -> None:
        expected = self._legal(order, who, target)
        outcome = self._attempt(order, who, target)
        self.stage.fired += 1
        assert outcome == ("ok" if expected else "refused"), (order.status, who, target, outcome)
        if expected:
            self._moved(order, target, who)
            self.stage.reached.add(target)

    @precondition(lambda self: any(o.status is S.ASSEMBLING and o.apples for o in self.orders))
    @rule(data=st.data(), grams=st.integers(1, 3_000))
    def weigh(self, data: st.DataObject, grams: int) -> None:
        order = data.draw(
            st.sampled_from([o for o in self.orders if o.status is S.ASSEMBLING and o.apples])
        )
        stage = self.stage
        made = stage.run(get_order(stage.db, stage.picker, order.id))
        stage.run(record_actual(stage.db, stage.picker, order.id, made.lines[1].id, grams))
        order.apples_actual = grams

    @rule(minutes=st.sampled_from([1, 10, 16]))
    def tick_and_expire(self, minutes: int) -> None:
        stage = self.stage
        stage.clock.advance(timedelta(minutes=minutes))
        stage.run(expire_unpaid_orders(stage.db))
        now = stage.clock.now()
        for order in self.orders:
            if order.status is S.PENDING_PAYMENT and order.deadline and order.deadline <= now:
                self._moved(order, S.CANCELED, "system")

    # -- the model -----------------------------------------------------------------------------

    def _legal(self, order: Modelled, who: str, target: S) -> bool:
        allowed = LEGAL.get((order.status, target), frozenset())
        if who == "courier" and not order.courier_assigned:
            return False
        if (order.status, target) == (S.PENDING_PAYMENT, S.PLACED):
            # Money arriving after the deadline finds the reservation lapsed.
            assert order.deadline is not None
            if self.stage.clock.now() >= order.deadline:
                return False
        return who in allowed

    def _moved(self, order: Modelled, target: S, who: str) -> None:
        party = Party(who)
        order.path.append((order.status, target, party))
        if target is S.READY:
            order.taken = (order.melons, order.apples_actual or order.apples)
        if target is S.COURIER_ASSIGNED:
            order.courier_assigned = True
        order.status = target

    def _actor(self, order: Modelled, who: str) -> Actor | None:
        stage = self.stage
        return {
            "customer": order.customer,
            "shop": stage.picker,
            "support": stage.agent,
            "courier": stage.rider,
            "system": None,
            "stranger": Actor(7_869_000_001),
        }[who]

    def _attempt(self, order: Modelled, who: str, target: S) -> str:
        stage = self.stage
        actor = self._actor(order, who)
        try:
            if target is S.READY and actor is not None:
                stage.run(mark_ready(stage.db, actor, order.id))
            else:
                values: dict[str, Any] = {}
                if target is S.COURIER_ASSIGNED:
                    values["courier_id"] = stage.rider.telegram_id
                if target is S.READY:
                    values.update(final_subtotal_minor=0, final_total_minor=FEE)
                stage.run(
                    stage.db.run(
                        lambda tx: _lifecycle.transition(
                            tx,
                            actor,
                            order.id,
                            target,
                            reason=CancelReason.OTHER,
                            values=values,
                        )
                    )
                )
        except CoreError:
            return "refused"
        return "ok"

    # -- invariants ----------------------------------------------------------------------------

    @invariant()
    def orders_are_where_the_model_says(self) -> None:
        stage = self.stage
        for order in self.orders:
            real = stage.run(get_order(stage.db, stage.agent, order.id))
            assert real.status is order.status
            assert real.total == real.subtotal + real.delivery_fee
            assert real.subtotal == sum((line.total for line in real.lines), Money.zero())
            expected = Money(order.melons * MELON) + Money.for_weight(
                Money(APPLE_PER_KG), order.apples
            )
            assert real.subtotal == expected
            if order.taken is not None:
                melons, grams = order.taken
                final = Money(melons * MELON) + Money.for_weight(Money(APPLE_PER_KG), grams)
                assert real.final_subtotal == final
                assert real.final_total == final + real.delivery_fee
            else:
                assert real.final_total is None
            history = stage.run(order_history(stage.db, stage.agent, order.id))
            assert [(h.from_status, h.to_status, h.party) for h in history] == order.path

    @invariant()
    def stock_is_what_the_orders_hold(self) -> None:
        stage = self.stage
        for made, index in ((self.melon, 0), (self.apple, 1)):
            initial = 1_000 if index == 0 else 100_000
            wants = {"reserved": 0, "allocated": 0}
            taken = 0
            for order in self.orders:
                quantity = order.melons if index == 0 else order.apples
                if order.status in HOLDING:
                    wants[HOLDING[order.status]] += quantity
                if order.taken is not None:
                    taken += order.taken[index]
            stock = stage.run(stock_of(stage.db, stage.shop, made))
            assert (stock.on_hand, stock.reserved, stock.allocated) == (
                initial - taken,
                wants["reserved"],
                wants["allocated"],
            )


async def test_no_illegal_transition_and_the_books_agree(
    db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    picker = shop.staff(Role.PICKER)
    stage = Stage(
        asyncio.get_running_loop(), db, clock, shop, category, picker, support(), courier()
    )
    machine = type("Machine", (OrderLifecycle,), {"stage": stage})
    runs = settings(
        max_examples=40,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    await asyncio.to_thread(run_state_machine_as_test, machine, settings=runs)
    assert stage.fired > 0
