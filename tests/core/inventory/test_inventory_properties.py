"""Property tests: random sequences of stock operations against a plain Python model.

Each example gets new offers (one counted in pieces, one in grams with a 50 g step) and its own
holders, runs the operations on the real database and on ``inventory_model.Model``, and checks
after every step that both agree on the outcome and on the counters, that available never goes
below zero, and at the end that the adjustment log replays to the counters.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from inventory_model import Model
from inventory_world import World
from sqlalchemy import select

from core.inventory._models import Adjustment
from core.inventory.api import (
    adjust_stock,
    allocate,
    expire_reservations,
    extend_reservation,
    get_reservations,
    get_stock,
    release,
    reserve,
    set_stock,
    settle,
)
from core.inventory.schemas import ReserveLine, TakenLine
from core.shared.clock import FrozenClock
from core.shared.errors import CoreError

STEP = 50  # grams, the weight offer's step
UNITS = (1, STEP)  # offer 0 in pieces, offer 1 in grams
HOLDERS = 2  # few, so that operations often meet the same holder

EXAMPLES = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

offer_index = st.integers(0, len(UNITS) - 1)
holder_index = st.integers(0, HOLDERS - 1)


def _cart(quantities: tuple[int, int]) -> dict[int, int]:
    # 0 leaves the offer out; an empty cart becomes one piece of the first offer.
    return {offer: q for offer, q in enumerate(quantities) if q} or {0: 1}


reserving = st.tuples(
    st.just("reserve"),
    holder_index,
    st.tuples(st.integers(0, 8), st.integers(0, 8)).map(_cart),
    st.sampled_from([1, 5, None]),
)
allocating = st.tuples(st.just("allocate"), holder_index)
settling = st.tuples(
    st.just("settle"), holder_index, offer_index, st.integers(0, 10), st.integers(0, STEP - 1)
)
# The order flow's steps come more than once: a sequence then often reaches assembly.
operation = st.one_of(
    st.tuples(st.just("adjust"), offer_index,
              st.tuples(st.sampled_from([-1, 1]), st.integers(1, 30)).map(lambda s: s[0] * s[1])),
    st.tuples(st.just("set"), offer_index, st.integers(0, 40)),
    reserving, reserving, allocating, allocating, settling, settling, settling,
    st.tuples(st.just("release"), holder_index),
    st.tuples(st.just("tick"), st.integers(0, 6)),
    st.tuples(st.just("expire")),
)


async def outcome(call: Any) -> str:
    try:
        await call
    except CoreError as exc:
        return type(exc).__name__
    return "ok"


class Run:
    """One example: real offers and holders beside the model."""

    def __init__(self, world: World, clock: FrozenClock, offers: list[uuid.UUID]) -> None:
        self.world, self.clock, self.offers = world, clock, offers
        self.model = Model()
        for index in range(len(offers)):
            self.model.add_offer(index)
        tag = uuid.uuid4().hex[:8]
        self.holders = [world.h(f"{tag}-{n}") for n in range(HOLDERS)]

    async def step(self, op: tuple[Any, ...]) -> None:
        db, owner, model, now = self.world.db, self.world.owner, self.model, self.clock.now()
        kind = op[0]
        if kind == "adjust":
            _, offer, units = op
            change = units * UNITS[offer]
            reason = "delivery" if change > 0 else "write_off"
            got = await outcome(adjust_stock(db, owner, self.offers[offer], change, reason=reason))
            expected = model.adjust(offer, change)
        elif kind == "set":
            _, offer, units = op
            got = await outcome(set_stock(db, owner, self.offers[offer], units * UNITS[offer]))
            expected = model.set(offer, units * UNITS[offer])
        elif kind == "reserve":
            _, holder, wanted, minutes = op
            grams = {offer: units * UNITS[offer] for offer, units in wanted.items()}
            ttl = None if minutes is None else timedelta(minutes=minutes)
            lines = [ReserveLine(self.offers[offer], q) for offer, q in grams.items()]
            got = await outcome(reserve(db, self.holders[holder], lines, ttl=ttl))
            expected = model.reserve(holder, grams, None if ttl is None else now + ttl)
        elif kind == "release":
            got = await outcome(release(db, self.holders[op[1]]))
            expected = model.release(op[1])
        elif kind == "allocate":
            got = await outcome(allocate(db, self.holders[op[1]]))
            expected = model.allocate(op[1], now)
        elif kind == "settle":
            _, holder, offer, units, extra = op
            # Real weights are off the step: a weighed line may take any number of grams.
            taken = units * UNITS[offer] + (extra if UNITS[offer] > 1 else 0)
            line = TakenLine(self.offers[offer], taken)
            got = await outcome(settle(db, self.holders[holder], [line]))
            expected = model.settle(holder, offer, taken)
        elif kind == "tick":
            self.clock.advance(timedelta(minutes=op[1]))
            return
        else:
            await expire_reservations(db)
            model.expire(now)
            return
        event(f"{kind}: {got}")
        assert got == expected, (op, got, expected)

    async def check_counters(self) -> None:
        for index, offer_id in enumerate(self.offers):
            stock = await get_stock(self.world.db, self.world.owner, offer_id)
            model = self.model
            assert stock.available >= 0
            assert (stock.on_hand, stock.reserved, stock.allocated) == (
                model.on_hand[index], model.reserved[index], model.allocated[index]
            )
            assert stock.available == model.available(index)

    async def check_lines(self) -> None:
        index_of = {offer_id: index for index, offer_id in enumerate(self.offers)}
        for holder, key in enumerate(self.holders):
            real = sorted(
                (index_of[line.offer_id], line.quantity, line.status.value, line.taken)
                for line in await get_reservations(self.world.db, key)
            )
            modelled = sorted(
                (line.offer, line.quantity, line.status, line.taken)
                for line in self.model.lines.get(holder, [])
            )
            assert real == modelled

    async def check_log(self) -> None:
        """The log chains from zero to the counters: nothing changed without an entry."""
        async with self.world.db.sessionmaker() as session:
            for offer_id in self.offers:
                entries = (await session.scalars(
                    select(Adjustment).where(Adjustment.offer_id == offer_id)
                    .order_by(Adjustment.id)
                )).all()
                state = (0, 0, 0)
                for entry in entries:
                    state = (
                        state[0] + entry.on_hand_change,
                        state[1] + entry.reserved_change,
                        state[2] + entry.allocated_change,
                    )
                    assert state == (entry.on_hand_after, entry.reserved_after,
                                     entry.allocated_after)
                    assert state[0] - state[1] - state[2] >= 0
                stock = await get_stock(self.world.db, self.world.owner, offer_id)
                assert state == (stock.on_hand, stock.reserved, stock.allocated)


@EXAMPLES
@given(
    initial=st.tuples(st.integers(0, 40), st.integers(0, 40)),
    ops=st.lists(operation, min_size=10, max_size=30),
)
async def test_stock_arithmetic_matches_the_model(
    world: World, clock: FrozenClock, initial: tuple[int, int], ops: list[tuple[Any, ...]]
) -> None:
    offers = [(await world.offer()).id, (await world.offer(step_grams=STEP)).id]
    run = Run(world, clock, offers)
    for offer, units in enumerate(initial):
        await run.step(("set", offer, units))
    for op in ops:
        await run.step(op)
        await run.check_counters()
    await run.check_lines()
    await run.check_log()


expiry_action = st.tuples(
    st.integers(0, 400),  # seconds passing before it
    st.sampled_from(["expire", "allocate", "extend", "release"]),
    holder_index,
    st.one_of(st.none(), st.integers(1, 900)),  # a new ttl in seconds, for "extend"
)


@EXAMPLES
@given(
    ttls=st.lists(st.one_of(st.none(), st.integers(1, 900)), min_size=1, max_size=HOLDERS),
    actions=st.lists(expiry_action, min_size=3, max_size=12),
)
async def test_reservations_expire_exactly_at_their_deadline(
    world: World,
    clock: FrozenClock,
    ttls: list[int | None],
    actions: list[tuple[int, str, int, int | None]],
) -> None:
    offer = (await world.offer()).id
    run = Run(world, clock, [offer])
    await set_stock(world.db, world.owner, offer, 100)
    run.model.set(0, 100)
    for holder, seconds in enumerate(ttls):
        ttl = None if seconds is None else timedelta(seconds=seconds)
        await reserve(world.db, run.holders[holder], [ReserveLine(offer, holder + 1)], ttl=ttl)
        run.model.reserve(holder, {0: holder + 1}, None if ttl is None else clock.now() + ttl)
    for wait, action, holder, seconds in actions:
        clock.advance(timedelta(seconds=wait))
        now, key, model = clock.now(), run.holders[holder], run.model
        if action == "expire":
            await expire_reservations(world.db)
            model.expire(now)
            continue
        if action == "allocate":
            got, expected = await outcome(allocate(world.db, key)), model.allocate(holder, now)
        elif action == "release":
            got, expected = await outcome(release(world.db, key)), model.release(holder)
        else:
            ttl = None if seconds is None else timedelta(seconds=seconds)
            got = await outcome(extend_reservation(world.db, key, ttl=ttl))
            expected = model.extend(holder, now, None if ttl is None else now + ttl)
        assert got == expected, (action, got, expected)
        await run.check_counters()
    await expire_reservations(world.db)
    run.model.expire(clock.now())
    await run.check_counters()
    await run.check_lines()
    for line in await get_reservations(world.db, run.holders[0]):
        assert line.status != "reserved" or line.expires_at is None or (
            line.expires_at > clock.now()
        )
    await run.check_log()
