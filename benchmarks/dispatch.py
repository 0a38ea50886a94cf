"""Dispatch benchmark: choosing a courier for a delivery among 10k online couriers.

Sets up 20 shops around Moscow's centre through the business api, and by COPY one order per
shop with its delivery searching for a courier, and 10k approved couriers (users, courier
profiles, open shifts) spread over a disk of 15 km around the centre: most available, some
delivering (with room for more or without), some on a break, on foot, by bicycle and by car.
Each courier's live position goes to Redis through ``core.geo.api.record_position``, most of
them fresh, some older than dispatch accepts. Redis is a logical db claimed for the run, so
the app's positions are never touched. Then, through the same redis client:

- a bare GEOSEARCH around the shop, the same radius and count dispatch uses: the baseline;
- ``core.geo.api.nearest_couriers`` (the search with its freshness check), for reference;
- ``core.logistics.api.choose_courier`` for each delivery in turn: the measured call (the
  delivery loaded, the nearest fresh couriers, who of them is on shift with free capacity and
  holds no offer, ranked by minutes to the shop).

It prints p50 and p95 of each and, last, the choice's p95 as a ratio to the baseline's p95.
The goal is a ratio of at least 0.1: choosing a courier costs no more than ten bare searches.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from uuid import UUID

from redis.asyncio import Redis

from benchmarks._harness import (
    Scratch,
    Timings,
    Transcript,
    measure_each,
    open_shops,
    result_line,
    run,
    scratch_database,
    scratch_redis,
)
from core.auth.api import remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.schemas import BusinessApplication, DayHours, ShopForm, TaxSystem, WeeklyHours
from core.geo import api as geo
from core.geo._positions import GEO_KEY
from core.geo.schemas import Point
from core.logistics import api as logistics
from core.shared.clock import FrozenClock
from core.shared.ids import new_id
from core.shared.money import Money

NAME = "dispatch choice p95"
BASELINE = "bare GEOSEARCH p95"

CENTRE = Point(55.7558, 37.6173)
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
ADMIN = Actor(7_920_000_502, platform_roles=frozenset({Role.ADMIN}))
OWNER_ID = 7_920_000_501
CUSTOMER_ID = 7_920_000_500
FIRST_COURIER_ID = 7_920_100_000
INN = "7700000016"  # a legal entity's INN with a valid check digit
# What dispatch asks GEOSEARCH for: its radius, and its candidates (nearest_couriers' default).
CANDIDATES = 50

# (vehicle, share of couriers, capacity) and (status, share) of the couriers on shift.
VEHICLES = (("foot", 0.3, 1), ("bicycle", 0.45, 2), ("car", 0.25, 3))
STATUSES = (("available", 0.75), ("delivering", 0.2), ("on_break", 0.05))


@dataclass(frozen=True)
class Plan:
    """How much data and how many timed runs; the defaults are the benchmark's."""

    couriers: int = 10_000
    shops: int = 20
    spread_m: float = 15_000  # couriers within this distance of the centre
    shops_within_m: float = 8_000
    stale_share: float = 0.05  # couriers whose position is older than dispatch accepts
    baseline_iterations: int = 2_000
    search_iterations: int = 1_000
    choice_iterations: int = 500
    warmup: int = 20
    seed: int = 11


@dataclass(frozen=True)
class Report:
    """What a run measured: the report's lines, the result line, and how many choices found
    a courier (so a test can see the measured call did real work)."""

    lines: tuple[str, ...]
    result: str
    timings: tuple[Timings, ...]
    chosen: int
    candidates_seen: int


def _around(rng: random.Random, centre: Point, within_m: float) -> Point:
    # A uniformly spread place within ``within_m`` metres of ``centre`` (flat earth is plenty).
    distance = within_m * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    lat = centre.lat + distance * math.cos(bearing) / 111_320
    lon = centre.lon + distance * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return Point(round(lat, 6), round(lon, 6))


def _pick(rng: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for name, share in shares:
        if roll < share:
            return name
        roll -= share
    return shares[-1][0]


def _shop_form(number: int, where: Point) -> ShopForm:
    return ShopForm(
        name=f"Фрукты рядом №{number + 1}",
        address=f"Москва, ул. Пятницкая, {number + 1}",
        point=where,
        timezone="Europe/Moscow",
        hours=WeeklyHours.every_day(DayHours(clock_time(8), clock_time(22))),
        zone=geo.radius_zone(where, 5_000),
        min_order=Money.rub(300),
        delivery_fee=Money.rub(99),
        assembly_minutes=15,
    )


@dataclass(frozen=True)
class _Shop:
    id: UUID
    name: str
    address: str
    point: Point


async def _open_shops(scratch: Scratch, points: list[Point]) -> list[_Shop]:
    """Approved shops of one business at ``points``, through the business api."""
    forms = [_shop_form(n, where) for n, where in enumerate(points)]
    application = BusinessApplication(
        legal_name='ООО "Фрукты рядом"',
        inn=INN,
        tax_system=TaxSystem.USN_INCOME,
        phone="+79160000001",
        email="bench@frukty-ryadom.example",
        shop=forms[0],
    )
    owner = TelegramProfile(OWNER_ID, "Ольга")
    ids = await open_shops(scratch.db, ADMIN, owner, application, forms[1:])
    return [
        _Shop(shop_id, form.name, form.address, form.point)
        for shop_id, form in zip(ids, forms, strict=True)
    ]


ORDER_COLUMNS = (
    "id",
    "number",
    "customer_id",
    "shop_id",
    "status",
    "payment_method",
    "payment_status",
    "latitude",
    "longitude",
    "address_text",
    "delivery_kind",
    "promised_at",
    "currency",
    "subtotal_minor",
    "delivery_fee_minor",
    "total_minor",
    "estimated",
    "idempotency_key",
    "created_at",
    "updated_at",
)
DELIVERY_COLUMNS = (
    "id",
    "order_id",
    "order_number",
    "shop_id",
    "customer_id",
    "status",
    "shop_name",
    "pickup_address",
    "pickup_lat",
    "pickup_lon",
    "dropoff_text",
    "dropoff_lat",
    "dropoff_lon",
    "distance_m",
    "route_minutes",
    "item_count",
    "promised_at",
    "earning_minor",
    "currency",
    "handover_code",
    "handover_attempts",
    "searching_since",
    "created_at",
    "updated_at",
)
USER_COLUMNS = ("telegram_id", "first_name", "created_at", "last_seen_at")
COURIER_COLUMNS = (
    "telegram_id",
    "name",
    "phone",
    "vehicle",
    "application",
    "joined_via",
    "applied_at",
    "decided_at",
    "decided_by",
    "status",
    "active_deliveries",
    "shift_started_at",
    "break_started_at",
    "created_at",
    "updated_at",
)
SHIFT_COLUMNS = ("id", "courier_id", "started_at")


async def _searching_deliveries(
    scratch: Scratch, rng: random.Random, shops: list[_Shop]
) -> list[UUID]:
    """One ready order per shop and its delivery, searching for a courier, by COPY."""
    await remember_user(scratch.db, TelegramProfile(CUSTOMER_ID, "Павел"))
    orders: list[tuple[object, ...]] = []
    deliveries: list[tuple[object, ...]] = []
    ids: list[UUID] = []
    promised = NOW + timedelta(minutes=40)
    for number, shop in enumerate(shops, start=1001):
        order_id, delivery_id = new_id(), new_id()
        ids.append(delivery_id)
        dropoff = _around(rng, shop.point, 3_000)
        distance = round(geo.distance_m(shop.point, dropoff))
        address = f"Москва, ул. Большая Полянка, {number - 1000}"
        total = 150_000
        orders.append(
            (
                order_id,
                number,
                CUSTOMER_ID,
                shop.id,
                "ready",
                "cash",
                "none",
                dropoff.lat,
                dropoff.lon,
                address,
                "asap",
                promised,
                "RUB",
                total,
                0,
                total,
                False,
                f"bench-{number}",
                NOW - timedelta(minutes=30),
                NOW - timedelta(minutes=1),
            )
        )
        deliveries.append(
            (
                delivery_id,
                order_id,
                number,
                shop.id,
                CUSTOMER_ID,
                "searching",
                shop.name,
                shop.address,
                shop.point.lat,
                shop.point.lon,
                address,
                dropoff.lat,
                dropoff.lon,
                distance,
                geo.travel_minutes(distance, geo.TravelMode.BICYCLE),
                5,
                promised,
                logistics.earning_for(distance).minor,
                "RUB",
                f"{rng.randrange(10_000):04d}",
                0,
                NOW - timedelta(minutes=1),
                NOW - timedelta(minutes=25),
                NOW - timedelta(minutes=1),
            )
        )
    await scratch.copy("orders", ORDER_COLUMNS, orders)
    await scratch.copy("deliveries", DELIVERY_COLUMNS, deliveries)
    return ids


async def _couriers(
    scratch: Scratch, redis: Redis, rng: random.Random, plan: Plan
) -> tuple[int, int]:
    """Couriers on shift by COPY, their positions through core.geo; (couriers, stale ones)."""
    users: list[tuple[object, ...]] = []
    couriers: list[tuple[object, ...]] = []
    shifts: list[tuple[object, ...]] = []
    positions: list[tuple[int, Point, datetime]] = []
    vehicles = tuple((name, share) for name, share, _ in VEHICLES)
    capacity = {name: seats for name, _, seats in VEHICLES}
    stale = 0
    for n in range(plan.couriers):
        telegram_id = FIRST_COURIER_ID + n
        vehicle = _pick(rng, vehicles)
        status = _pick(rng, STATUSES)
        active = rng.randint(1, capacity[vehicle]) if status == "delivering" else 0
        started = NOW - timedelta(minutes=rng.randrange(5, 480))
        on_break = NOW - timedelta(minutes=rng.randrange(1, 15)) if status == "on_break" else None
        users.append((telegram_id, f"Курьер {n + 1}", started, NOW))
        couriers.append(
            (
                telegram_id,
                f"Курьер {n + 1}",
                f"+7916{n:07d}",
                vehicle,
                "approved",
                "application",
                started - timedelta(days=30),
                started - timedelta(days=29),
                ADMIN.telegram_id,
                status,
                active,
                started,
                on_break,
                started - timedelta(days=30),
                started,
            )
        )
        shifts.append((new_id(), telegram_id, started))
        if rng.random() < plan.stale_share:
            stale += 1
            age = timedelta(seconds=rng.randrange(240, 1_800))  # the phone lost its signal
        else:
            age = timedelta(seconds=rng.randrange(0, 150))  # Telegram moves it every few seconds
        positions.append((telegram_id, _around(rng, CENTRE, plan.spread_m), NOW - age))
    await scratch.copy("users", USER_COLUMNS, users)
    await scratch.copy("couriers", COURIER_COLUMNS, couriers)
    await scratch.copy("courier_shifts", SHIFT_COLUMNS, shifts)
    for telegram_id, where, at in positions:
        await geo.record_position(redis, telegram_id, where, at)
    return len(couriers), stale


async def benchmark(
    plan: Plan = Plan(),
    *,
    server_url: str | None = None,
    redis_url: str | None = None,
    say: Callable[[str], None] = print,
) -> Report:
    """Set up a scratch database and Redis db as ``plan`` says, measure, and report."""
    report = Transcript(say)
    rng = random.Random(plan.seed)
    async with (
        scratch_database("dispatch", server_url=server_url, clock=FrozenClock(NOW)) as scratch,
        scratch_redis(server_url=redis_url) as redis,
    ):
        db = scratch.db
        number = redis.connection_pool.connection_kwargs.get("db")
        report(f"dispatch benchmark in scratch database {scratch.name}, Redis db {number}")
        started = time.perf_counter()
        shop_points = [_around(rng, CENTRE, plan.shops_within_m) for _ in range(plan.shops)]
        shops = await _open_shops(scratch, shop_points)
        delivery_ids = await _searching_deliveries(scratch, rng, shops)
        couriers, stale = await _couriers(scratch, redis, rng, plan)
        await scratch.analyze()
        in_reach = [
            len(
                await geo.nearest_couriers(
                    redis,
                    shop.point,
                    radius_m=logistics.SEARCH_RADIUS_M,
                    now=NOW,
                    max_age=logistics.POSITION_MAX_AGE,
                    limit=plan.couriers,
                )
            )
            for shop in shops
        ]
        report(
            f"set up in {time.perf_counter() - started:.1f} s: {len(shops)} shops with a "
            f"searching delivery each, {couriers} couriers on shift ({stale} with a stale "
            f"position); {min(in_reach)}–{max(in_reach)} fresh ones within "
            f"{logistics.SEARCH_RADIUS_M} m of a shop"
        )
        seen: list[int] = []
        choices: list[int | None] = []

        async def bare(i: int) -> None:
            where = shops[i % len(shops)].point
            await redis.geosearch(
                GEO_KEY,
                longitude=where.lon,
                latitude=where.lat,
                radius=logistics.SEARCH_RADIUS_M,
                unit="m",
                sort="ASC",
                count=CANDIDATES,
                withdist=True,
            )

        async def search(i: int) -> None:
            found = await geo.nearest_couriers(
                redis,
                shops[i % len(shops)].point,
                radius_m=logistics.SEARCH_RADIUS_M,
                now=NOW,
                max_age=logistics.POSITION_MAX_AGE,
                limit=CANDIDATES,
            )
            seen.append(len(found))

        async def choose(i: int) -> None:
            choices.append(
                await logistics.choose_courier(
                    db, redis, delivery_ids[i % len(delivery_ids)], now=NOW
                )
            )

        baseline, nearest, choice = await measure_each(
            (
                ("bare GEOSEARCH (baseline)", bare, plan.baseline_iterations),
                ("nearest_couriers (geo)", search, plan.search_iterations),
                ("choose_courier (logistics)", choose, plan.choice_iterations),
            ),
            warmup=plan.warmup,
            report=report,
        )
    ratio = baseline.p95_ms / choice.p95_ms
    result = result_line(NAME, choice.p95_ms, "ms", ratio, BASELINE)
    timed = choices[-plan.choice_iterations :]
    chosen = sum(courier_id is not None for courier_id in timed)
    return Report(tuple(report.lines), result, (baseline, nearest, choice), chosen, sum(seen))


async def _main() -> str:
    return (await benchmark()).result


if __name__ == "__main__":
    raise SystemExit(run(_main))
