"""Checkout benchmark: orders per second from 32 customers at once, and a hot offer selling out.

Sets up 4 shops at Moscow's centre through the business api (open now, each delivering to the
whole centre), 20k products and offers with plenty of stock by COPY, and customers with a
default address inside the zones and a cart of five lines of one shop's offers, also by COPY:
the set-up is not measured. Then, through ``core.orders.api.place_order`` on one ``Database``:

- spread: 32 workers each take the next customer and check out, for 12 seconds (after a short
  unmeasured warm-up); the figure is orders placed per second, all processes together. The
  workers run in 2 OS processes of 16, each with its own ``Database`` and pool, as production
  runs several processes (DESIGN §12): one Python process cannot keep PostgreSQL busy. The
  processes start the timed round together (a barrier) and its length is the longest one's;
- hot offer: one offer with N units and 2N customers with it in their cart all check out at
  once; exactly N orders must be placed and the others refused with ``checkout_cart_changed``.
  The figure is checkouts answered (placed or refused) per second.

After each round the stock is checked against the orders, or the run fails: nothing is below
zero, what is on hand did not move, and every offer's reserved count equals the sum of its order
lines (no oversell, no lost reservation). pgbench's TPC-B (32 clients, 2 threads, 10 s, scale 1)
runs first in a database of its own; both figures are printed as ratios to its tps, the hot
offer's first and the spread's last. The goal is a spread ratio of at least 0.3.
"""

from __future__ import annotations

import asyncio
import gc
import math
import multiprocessing
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock_time
from uuid import UUID

from sqlalchemy import text

from benchmarks._harness import (
    Scratch,
    Transcript,
    open_shops,
    percentile,
    pgbench_tps,
    result_line,
    run,
    scratch_database,
)
from benchmarks.storefront import OFFER_COLUMNS, PRODUCT_COLUMNS, STOCK_COLUMNS
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.schemas import BusinessApplication, DayHours, ShopForm, TaxSystem, WeeklyHours
from core.catalog import api as catalog
from core.catalog.schemas import CategoryForm, Unit
from core.geo import api as geo
from core.geo.schemas import Point
from core.orders.api import place_order
from core.orders.errors import CartNeedsAttention
from core.orders.schemas import CheckoutForm
from core.shared.clock import FrozenClock
from core.shared.db import create_engine
from core.shared.discovery import import_domain
from core.shared.errors import CoreError
from core.shared.ids import new_id
from core.shared.logging import configure_logging
from core.shared.money import Money
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database

SPREAD = "checkout spread"
HOT = "checkout hot offer"
BASELINE = "pgbench TPC-B tps"
REFUSED = CartNeedsAttention.code

CENTRE = Point(55.7558, 37.6173)
# A Wednesday, 13:00 in Moscow: every shop is open.
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
ADMIN = Actor(9_413_000_001, platform_roles=frozenset({Role.ADMIN}))
OWNER_ID = 9_413_000_002
FIRST_CUSTOMER = 9_413_100_000  # this benchmark's Telegram ids, out of everyone else's way
INN = "7700000016"  # a legal entity's INN with a valid check digit
ZONE_M = 15_000
ADDRESSES_WITHIN_M = 6_000
PIECES_ON_HAND = 1_000  # per offer: far more than the round can sell
HOT_PRICE = Money.rub(500)


@dataclass(frozen=True)
class Plan:
    """How much data and how long to run; the defaults are the benchmark's."""

    shops: int = 4
    offers: int = 20_000
    customers: int = 10_000  # spread carts; the round ends early if they run out
    lines: int = 5
    workers: int = 32
    processes: int = 2  # the spread's workers are shared out over this many OS processes
    warmup: int = 64  # checkouts before the timed round, not counted
    seconds: float = 12.0
    hot_units: int = 50
    pgbench_seconds: int = 10
    seed: int = 6


@dataclass(frozen=True)
class Round:
    """What one round did: orders placed, refusals by error code, how long, each checkout's
    seconds."""

    checkouts: int
    placed: int
    refused: Counter[str]
    seconds: float
    latencies: tuple[float, ...]

    @property
    def orders_per_second(self) -> float:
        return self.placed / self.seconds

    @property
    def checkouts_per_second(self) -> float:
        return self.checkouts / self.seconds

    def describe(self, label: str) -> str:
        """One line: how many, how fast, and the checkouts' p50 and p95."""
        refused = ", ".join(f"{n} {code}" for code, n in sorted(self.refused.items())) or "none"
        p50, p95 = (percentile(self.latencies, f) * 1000 for f in (0.50, 0.95))
        return (
            f"{label}: {self.placed} orders of {self.checkouts} checkouts in {self.seconds:.2f} s"
            f" (refused: {refused}); checkout p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )


@dataclass(frozen=True)
class Report:
    """The report's lines, the result line (the spread's), the hot offer's line, both rounds
    and the baseline they are measured against."""

    lines: tuple[str, ...]
    result: str
    hot_result: str
    spread: Round
    hot: Round
    baseline_tps: float


# -- setting up -----------------------------------------------------------------------------


USER_COLUMNS = (
    "telegram_id",
    "first_name",
    "last_name",
    "username",
    "language",
    "created_at",
    "last_seen_at",
)
PROFILE_COLUMNS = (
    "customer_id",
    "phone",
    "phone_shared_at",
    "onboarded_at",
    "created_at",
    "updated_at",
)
ADDRESS_COLUMNS = (
    "id",
    "customer_id",
    "label",
    "latitude",
    "longitude",
    "text",
    "entrance",
    "floor",
    "apartment",
    "comment",
    "is_default",
    "created_at",
    "updated_at",
)
CART_COLUMNS = ("id", "customer_id", "shop_id", "created_at", "updated_at")
CART_LINE_COLUMNS = (
    "cart_id",
    "offer_id",
    "quantity",
    "seen_price_minor",
    "currency",
    "added_at",
    "updated_at",
)


@dataclass(frozen=True)
class Customer:
    """A customer ready to check out: who, the shop of their cart, their address."""

    actor: Actor
    shop_id: UUID
    address_id: UUID

    @property
    def id(self) -> int:
        return self.actor.telegram_id


@dataclass
class _Rows:
    """Rows waiting for COPY, table by table."""

    users: list[tuple[object, ...]] = field(default_factory=list)
    profiles: list[tuple[object, ...]] = field(default_factory=list)
    addresses: list[tuple[object, ...]] = field(default_factory=list)
    carts: list[tuple[object, ...]] = field(default_factory=list)
    lines: list[tuple[object, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class _Offer:
    id: UUID
    price_minor: int
    step: int  # the smallest quantity: one piece or a weight step in grams


@dataclass(frozen=True)
class World:
    spread: list[Customer]
    hot: list[Customer]
    hot_offer_id: UUID
    on_hand: int  # everything on hand, summed, as loaded


def _shop_form(number: int) -> ShopForm:
    return ShopForm(
        name=f"Фрукты у дома №{number + 1}",
        address=f"Москва, ул. Тверская, {number + 1}",
        point=CENTRE,
        timezone="Europe/Moscow",
        hours=WeeklyHours.every_day(DayHours(clock_time(8), clock_time(22))),
        zone=geo.radius_zone(CENTRE, ZONE_M),
        min_order=Money.rub(100),
        delivery_fee=Money.rub(99),
        assembly_minutes=15,
    )


async def _open_shops(db: Database, count: int) -> list[UUID]:
    """``count`` approved, active shops of one business, through the business api."""
    application = BusinessApplication(
        legal_name='ООО "Фрукты у дома"',
        inn=INN,
        tax_system=TaxSystem.USN_INCOME,
        phone="+79160000000",
        email="bench@frukty.example",
        shop=_shop_form(0),
    )
    more = [_shop_form(number) for number in range(1, count)]
    return await open_shops(db, ADMIN, TelegramProfile(OWNER_ID, "Игорь"), application, more)


def _near_centre(rng: random.Random) -> Point:
    # A uniformly spread place within ADDRESSES_WITHIN_M of the centre (flat earth is plenty).
    distance = ADDRESSES_WITHIN_M * rng.random() ** 0.5
    bearing = rng.uniform(0, 2 * math.pi)
    lat = CENTRE.lat + distance * math.cos(bearing) / 111_320
    lon = CENTRE.lon + distance * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return Point(round(lat, 6), round(lon, 6))


class _Catalog:
    """Products, offers and stock rows for COPY: each shop offers every product."""

    def __init__(self, rng: random.Random, category_id: UUID, now: datetime) -> None:
        self.rng = rng
        self.category_id = category_id
        self.now = now
        self.products: list[tuple[object, ...]] = []
        self.offers: list[tuple[object, ...]] = []
        self.stock: list[tuple[object, ...]] = []
        self.on_hand = 0  # summed over every offer, to compare with the stock after a round

    def product(self, number: int, *, weight: bool) -> tuple[UUID, int]:
        """A platform product; its id and its step (1 for pieces)."""
        product_id = new_id()
        step = 100 if weight else 1
        unit = Unit.WEIGHT if weight else Unit.PIECE
        self.products.append(
            (
                product_id,
                None,
                self.category_id,
                f"Яблоки Гала, партия {number}",
                f"Gala apples, lot {number}",
                None,
                None,
                unit.value,
                step if weight else None,
                None,
                [],
                [],
                None,
                False,
                ADMIN.telegram_id,
                self.now,
                self.now,
            )
        )
        return product_id, step

    def offer(
        self, shop_id: UUID, product_id: UUID, step: int, price_minor: int, on_hand: int
    ) -> _Offer:
        offer_id = new_id()
        row = (offer_id, shop_id, product_id, price_minor, None, "RUB", True, 0, OWNER_ID)
        self.offers.append((*row, self.now, self.now))
        self.stock.append((offer_id, shop_id, on_hand, 0, 0, None, False, self.now, self.now))
        self.on_hand += on_hand
        return _Offer(offer_id, price_minor, step)


def _customer(
    rows: _Rows, rng: random.Random, telegram_id: int, shop_id: UUID, now: datetime
) -> tuple[Customer, UUID]:
    """The person, their profile and default address, an empty cart; the cart's id."""
    where = _near_centre(rng)
    address_id, cart_id = new_id(), new_id()
    rows.users.append((telegram_id, "Вера", None, None, "ru", now, now))
    rows.profiles.append((telegram_id, None, None, now, now, now))
    rows.addresses.append(
        (
            address_id,
            telegram_id,
            "home",
            where.lat,
            where.lon,
            "Москва, ул. Садовая, 5",
            "2",
            3,
            "41",
            None,
            True,
            now,
            now,
        )
    )
    rows.carts.append((cart_id, telegram_id, shop_id, now, now))
    return Customer(Actor(telegram_id), shop_id, address_id), cart_id


def _line(rows: _Rows, cart_id: UUID, offer: _Offer, quantity: int, now: datetime) -> None:
    rows.lines.append((cart_id, offer.id, quantity, offer.price_minor, "RUB", now, now))


async def set_up(scratch: Scratch, plan: Plan, say: Callable[[str], None]) -> World:
    """Shops and a category through the api; products, offers, stock, customers and their
    carts by COPY; ANALYZE."""
    rng = random.Random(plan.seed)
    db = scratch.db
    now = db.clock.now()
    started = time.perf_counter()
    shop_ids = await _open_shops(db, plan.shops)
    category = await catalog.create_category(
        db, ADMIN, CategoryForm(slug="apples", name_ru="Яблоки", name_en="Apples", emoji="🍎")
    )
    made = _Catalog(rng, category.id, now)
    per_shop: dict[UUID, list[_Offer]] = {shop_id: [] for shop_id in shop_ids}
    for number in range(plan.offers // plan.shops):
        weight = number % 4 == 3  # a quarter sold by weight, in steps of 100 g
        product_id, step = made.product(number, weight=weight)
        for shop_id in shop_ids:
            price = rng.randrange(3_000, 150_000, 10)  # kopecks per piece or per kg
            offer = made.offer(shop_id, product_id, step, price, PIECES_ON_HAND * step)
            per_shop[shop_id].append(offer)
    hot_product, _ = made.product(plan.offers, weight=False)
    hot = made.offer(shop_ids[0], hot_product, 1, HOT_PRICE.minor, plan.hot_units)

    rows = _Rows()
    spread: list[Customer] = []
    for number in range(plan.customers):
        shop_id = shop_ids[number % len(shop_ids)]
        who, cart_id = _customer(rows, rng, FIRST_CUSTOMER + number, shop_id, now)
        for offer in rng.sample(per_shop[shop_id], plan.lines):
            _line(rows, cart_id, offer, offer.step * rng.randint(1, 3), now)
        spread.append(who)
    buyers: list[Customer] = []
    for number in range(2 * plan.hot_units):
        telegram_id = FIRST_CUSTOMER + plan.customers + number
        who, cart_id = _customer(rows, rng, telegram_id, shop_ids[0], now)
        _line(rows, cart_id, hot, 1, now)
        buyers.append(who)

    await scratch.copy("products", PRODUCT_COLUMNS, made.products)
    await scratch.copy("offers", OFFER_COLUMNS, made.offers)
    await scratch.copy("inventory_stock", STOCK_COLUMNS, made.stock)
    await scratch.copy("users", USER_COLUMNS, rows.users)
    await scratch.copy("customer_profiles", PROFILE_COLUMNS, rows.profiles)
    await scratch.copy("customer_addresses", ADDRESS_COLUMNS, rows.addresses)
    await scratch.copy("carts", CART_COLUMNS, rows.carts)
    await scratch.copy("cart_lines", CART_LINE_COLUMNS, rows.lines)
    await scratch.analyze()
    say(
        f"set up in {time.perf_counter() - started:.1f} s: {len(shop_ids)} shops, "
        f"{len(made.offers)} offers, {len(spread)} carts of {plan.lines} lines, "
        f"{len(buyers)} carts holding the hot offer ({plan.hot_units} units)"
    )
    return World(spread, buyers, hot.id, made.on_hand)


# -- measuring ------------------------------------------------------------------------------


async def _checkout(db: Database, who: Customer) -> str | None:
    """Check out the customer's cart; None when an order was placed, else the error's code."""
    form = CheckoutForm(
        shop_id=who.shop_id, address_id=who.address_id, idempotency_key=uuid.uuid4().hex
    )
    try:
        await place_order(db, who.actor, who.id, form)
    except CoreError as exc:
        return exc.code
    return None


@dataclass
class _Tally:
    placed: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)

    async def checkout(self, db: Database, who: Customer) -> None:
        start = time.perf_counter()
        code = await _checkout(db, who)
        self.latencies.append(time.perf_counter() - start)
        if code is None:
            self.placed += 1
        else:
            self.refused[code] += 1

    def round(self, seconds: float) -> Round:
        checkouts = len(self.latencies)
        return Round(checkouts, self.placed, self.refused, seconds, tuple(self.latencies))


async def _drive(
    db: Database, customers: Sequence[Customer], workers: int, seconds: float
) -> Round:
    """``workers`` at once, each checking out the next customer until ``seconds`` are up or
    nobody is left; the round lasts until the last checkout is answered."""
    queue: Iterator[Customer] = iter(customers)
    tally = _Tally()
    gc.collect()  # garbage from the set-up would otherwise be collected during the round
    start = time.perf_counter()
    deadline = start + seconds

    async def worker() -> None:
        # One event loop: ``next`` on the shared iterator hands each customer out once.
        while time.perf_counter() < deadline:
            who = next(queue, None)
            if who is None:
                return
            await tally.checkout(db, who)

    await asyncio.gather(*(worker() for _ in range(workers)))
    return tally.round(time.perf_counter() - start)


def _merged(rounds: Sequence[Round]) -> Round:
    """Rounds run side by side as one: everything summed, as long as the longest."""
    refused: Counter[str] = Counter()
    for each in rounds:
        refused.update(each.refused)
    return Round(
        sum(each.checkouts for each in rounds),
        sum(each.placed for each in rounds),
        refused,
        max(each.seconds for each in rounds),
        tuple(seconds for each in rounds for seconds in each.latencies),
    )


# Set in each spread process when it starts: the processes wait there for each other.
_start_together: multiprocessing.synchronize.Barrier | None = None


def _join_spread(barrier: multiprocessing.synchronize.Barrier) -> None:
    global _start_together
    _start_together = barrier
    configure_logging(json=False, level="WARNING")


def _spread_in_process(
    url: str, people: Sequence[tuple[int, UUID, UUID]], warmup: int, workers: int, seconds: float
) -> Round:
    """One spread process: its own ``Database``, its warm-up, then the timed round."""
    return asyncio.run(_spread_here(url, people, warmup, workers, seconds))


async def _spread_here(
    url: str, people: Sequence[tuple[int, UUID, UUID]], warmup: int, workers: int, seconds: float
) -> Round:
    import_domain()
    # Half the workers' count, as the pool may open as many again: a connection per worker.
    engine = create_engine(url, pool_size=max(1, workers // 2))
    db = Database(engine, clock=FrozenClock(NOW), publisher=publish_to_outbox)
    try:
        customers = [Customer(Actor(who), shop, address) for who, shop, address in people]
        if warmup:
            await _drive(db, customers[:warmup], workers, math.inf)
        assert _start_together is not None
        await asyncio.to_thread(_start_together.wait)
        return await _drive(db, customers[warmup:], workers, seconds)
    finally:
        await db.dispose()


async def _spread(scratch: Scratch, customers: Sequence[Customer], plan: Plan) -> Round:
    """The spread round: ``plan.workers`` over ``plan.processes`` processes, each checking
    out its share of the customers (the first ``plan.warmup`` of them to warm up)."""
    if plan.processes <= 1:
        warm = customers[: plan.warmup]
        if warm:
            await _drive(scratch.db, warm, plan.workers, math.inf)
        return await _drive(scratch.db, customers[len(warm) :], plan.workers, plan.seconds)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited loop
    url = scratch.url.render_as_string(hide_password=False)
    workers = max(1, plan.workers // plan.processes)
    with ProcessPoolExecutor(
        plan.processes,
        mp_context=context,
        initializer=_join_spread,
        initargs=(context.Barrier(plan.processes),),
    ) as pool:
        loop = asyncio.get_running_loop()
        rounds = await asyncio.gather(
            *(
                loop.run_in_executor(
                    pool,
                    _spread_in_process,
                    url,
                    [
                        (who.id, who.shop_id, who.address_id)
                        for who in customers[number :: plan.processes]
                    ],
                    len(customers[: plan.warmup][number :: plan.processes]),
                    workers,
                    plan.seconds,
                )
                for number in range(plan.processes)
            )
        )
    return _merged(rounds)


async def _all_at_once(db: Database, customers: Sequence[Customer]) -> Round:
    """Every customer checks out at the same moment (the pool queues what it cannot serve)."""
    tally = _Tally()
    gc.collect()
    start = time.perf_counter()
    await asyncio.gather(*(tally.checkout(db, who) for who in customers))
    return tally.round(time.perf_counter() - start)


async def _check_stock(db: Database, on_hand: int) -> str:
    """Fail unless the stock agrees with the orders; a line saying what was checked."""
    async with db.sessionmaker() as session:
        negative = await session.scalar(
            text(
                "SELECT count(*) FROM inventory_stock WHERE on_hand < 0 OR reserved < 0"
                " OR allocated < 0 OR on_hand - reserved - allocated < 0"
            )
        )
        mismatched = await session.scalar(
            text(
                "SELECT count(*) FROM inventory_stock s FULL JOIN"
                " (SELECT offer_id, sum(quantity) AS ordered FROM order_lines GROUP BY offer_id)"
                " o USING (offer_id) WHERE coalesce(s.reserved, 0) <> coalesce(o.ordered, 0)"
            )
        )
        held = await session.scalar(
            text(
                "SELECT coalesce(sum(quantity), 0) FROM inventory_reservations"
                " WHERE status = 'reserved'"
            )
        )
        ordered = await session.scalar(text("SELECT coalesce(sum(quantity), 0) FROM order_lines"))
        total = await session.scalar(text("SELECT coalesce(sum(on_hand), 0) FROM inventory_stock"))
    problems = []
    if negative:
        problems.append(f"{negative} stock rows below zero")
    if mismatched:
        problems.append(f"{mismatched} offers whose reserved count is not what was ordered")
    if held != ordered:
        problems.append(f"{held} held by reservations, {ordered} in order lines")
    if total != on_hand:
        problems.append(f"{total} on hand, {on_hand} loaded")
    if problems:
        raise RuntimeError("stock does not match the orders: " + "; ".join(problems))
    return f"stock checked: nothing below zero, reserved = ordered = {ordered} on every offer"


async def _hot_offer_left(db: Database, offer_id: UUID) -> int:
    async with db.sessionmaker() as session:
        left = await session.scalar(
            text("SELECT on_hand - reserved - allocated FROM inventory_stock WHERE offer_id = :id"),
            {"id": offer_id},
        )
    return int(left)


async def benchmark(
    plan: Plan = Plan(),
    *,
    server_url: str | None = None,
    say: Callable[[str], None] = print,
    baseline_tps: float | None = None,
) -> Report:
    """Measure pgbench (unless ``baseline_tps`` is given), set up a scratch database as
    ``plan`` says, run both rounds, check the stock, and report."""
    report = Transcript(say)
    if baseline_tps is None:
        baseline_tps = await pgbench_tps(
            server_url=server_url, clients=32, threads=2, seconds=plan.pgbench_seconds
        )
        report(f"pgbench TPC-B, 32 clients, {plan.pgbench_seconds} s: {baseline_tps:.1f} tps")
    else:
        report(f"pgbench not run; baseline given: {baseline_tps:.1f} tps")

    # Half the workers' count, as the pool may open as many again: a connection per worker.
    pool = max(1, plan.workers // 2)
    async with scratch_database(
        "checkout", server_url=server_url, clock=FrozenClock(NOW), pool_size=pool
    ) as scratch:
        db = scratch.db
        report(f"checkout benchmark in scratch database {scratch.name}")
        world = await set_up(scratch, plan, report)

        spread = await _spread(scratch, world.spread, plan)
        report(spread.describe(f"spread, {plan.workers} workers in {plan.processes} processes"))
        if min(plan.warmup, len(world.spread)) + spread.checkouts == len(world.spread):
            report("spread: every cart was checked out before the time was up")
        if spread.refused:
            raise RuntimeError(f"spread checkouts refused: {dict(spread.refused)}")
        report(await _check_stock(db, world.on_hand))

        hot = await _all_at_once(db, world.hot)
        report(hot.describe(f"hot offer, {len(world.hot)} buyers at once"))
        left = await _hot_offer_left(db, world.hot_offer_id)
        if hot.placed != plan.hot_units or set(hot.refused) - {REFUSED} or left != 0:
            raise RuntimeError(
                f"hot offer: {hot.placed} orders for {plan.hot_units} units, refusals"
                f" {dict(hot.refused)}, {left} left"
            )
        report(await _check_stock(db, world.on_hand))

    hot_line = result_line(
        HOT,
        hot.checkouts_per_second,
        "checkouts/s",
        hot.checkouts_per_second / baseline_tps,
        BASELINE,
    )
    report(hot_line)
    result = result_line(
        SPREAD,
        spread.orders_per_second,
        "orders/s",
        spread.orders_per_second / baseline_tps,
        BASELINE,
    )
    return Report(tuple(report.lines), result, hot_line, spread, hot, baseline_tps)


async def _main() -> str:
    return (await benchmark()).result


if __name__ == "__main__":
    raise SystemExit(run(_main))
