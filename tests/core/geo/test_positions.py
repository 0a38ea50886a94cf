"""Live courier positions in Redis: nearest first, within the radius, fresh ones only, newest fix
wins, forgetting."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from core.geo.api import (
    LivePosition,
    NearCourier,
    distance_m,
    forget_position,
    nearest_couriers,
    position_of,
    record_position,
)
from core.geo.errors import InvalidCoordinates, InvalidRadius
from core.geo.schemas import Point

NOW = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
FRESH = timedelta(minutes=2)
SHOP = Point(55.7558, 37.6173)
COURIER = 7_920_000_001
METRES_PER_DEGREE_LAT = 6_371_008.8 * math.pi / 180


def north_of(point: Point, metres: float) -> Point:
    """A point ``metres`` due north along the meridian (exact on a sphere)."""
    return Point(point.lat + metres / METRES_PER_DEGREE_LAT, point.lon)


def east_of(point: Point, metres: float) -> Point:
    """About ``metres`` due east (along the parallel, close enough at a few kilometres)."""
    per_degree = METRES_PER_DEGREE_LAT * math.cos(math.radians(point.lat))
    return Point(point.lat, point.lon + metres / per_degree)


async def near(redis: Redis, point: Point = SHOP, **options: object) -> list[NearCourier]:
    arguments: dict[str, object] = {"radius_m": 5_000, "now": NOW, "max_age": FRESH}
    arguments.update(options)
    return await nearest_couriers(redis, point, **arguments)  # type: ignore[arg-type]


async def test_a_recorded_fix_is_read_back_exactly(redis: Redis) -> None:
    where = Point(55.751244, 37.618423)
    at = NOW - timedelta(seconds=7, microseconds=250)
    await record_position(redis, COURIER, where, at)
    assert await position_of(redis, COURIER) == LivePosition(COURIER, where, at)
    assert await position_of(redis, COURIER + 1) is None


async def test_nearest_first_with_distances_and_ages(redis: Redis) -> None:
    far = COURIER + 1
    middle = COURIER + 2
    close = COURIER + 3
    await record_position(redis, far, north_of(SHOP, 3_000), NOW - timedelta(seconds=30))
    await record_position(redis, middle, east_of(SHOP, 1_500), NOW - timedelta(seconds=5))
    await record_position(redis, close, north_of(SHOP, 200), NOW)
    found = await near(redis)
    assert [c.courier_id for c in found] == [close, middle, far]
    assert found[0].distance_m == pytest.approx(200, abs=0.01)
    assert found[1].distance_m == pytest.approx(1_500, rel=1e-3)
    assert found[2].distance_m == pytest.approx(3_000, abs=0.01)
    assert [c.age_seconds for c in found] == [0, 5, 30]
    assert [c.courier_id for c in await near(redis, limit=2)] == [close, middle]


async def test_the_radius_bounds_the_search(redis: Redis) -> None:
    inside = COURIER + 10
    outside = COURIER + 11
    await record_position(redis, inside, north_of(SHOP, 990), NOW)
    await record_position(redis, outside, north_of(SHOP, 1_010), NOW)
    assert [c.courier_id for c in await near(redis, radius_m=1_000)] == [inside]
    assert [c.courier_id for c in await near(redis, radius_m=1_020)] == [inside, outside]
    assert await near(redis, radius_m=900) == []


async def test_stale_fixes_are_skipped_at_the_given_now(redis: Redis) -> None:
    stale = COURIER + 20
    edge = COURIER + 21
    await record_position(redis, stale, north_of(SHOP, 100), NOW - FRESH - timedelta(seconds=1))
    await record_position(redis, edge, north_of(SHOP, 400), NOW - FRESH)
    assert [c.courier_id for c in await near(redis)] == [edge]
    # The same data a minute earlier: both are fresh.
    earlier = await near(redis, now=NOW - timedelta(minutes=1))
    assert [c.courier_id for c in earlier] == [stale, edge]
    assert [c.age_seconds for c in earlier] == [61, 60]
    # A minute later nobody is.
    assert await near(redis, now=NOW + timedelta(minutes=1)) == []
    # A stale courier is still where they were last seen.
    last = await position_of(redis, stale)
    assert last is not None
    assert last.at == NOW - FRESH - timedelta(seconds=1)


async def test_an_older_fix_arriving_late_is_ignored(redis: Redis) -> None:
    newer = north_of(SHOP, 300)
    older = north_of(SHOP, 4_000)
    await record_position(redis, COURIER, newer, NOW)
    await record_position(redis, COURIER, older, NOW - timedelta(seconds=3))
    assert await position_of(redis, COURIER) == LivePosition(COURIER, newer, NOW)
    found = await near(redis)
    assert [(c.courier_id, round(c.distance_m)) for c in found] == [(COURIER, 300)]
    # Another fix of the same second is taken: edits carry whole seconds.
    again = north_of(SHOP, 500)
    await record_position(redis, COURIER, again, NOW)
    assert await position_of(redis, COURIER) == LivePosition(COURIER, again, NOW)
    assert [round(c.distance_m) for c in await near(redis)] == [500]


async def test_forgetting_a_position(redis: Redis) -> None:
    await record_position(redis, COURIER, north_of(SHOP, 100), NOW)
    await record_position(redis, COURIER + 1, north_of(SHOP, 200), NOW)
    await forget_position(redis, COURIER)
    await forget_position(redis, COURIER + 99)  # nobody: nothing happens
    assert await position_of(redis, COURIER) is None
    assert [c.courier_id for c in await near(redis)] == [COURIER + 1]
    # Sharing again after stopping counts, even with an old timestamp.
    await record_position(redis, COURIER, north_of(SHOP, 50), NOW - timedelta(seconds=30))
    assert [c.courier_id for c in await near(redis)] == [COURIER, COURIER + 1]


async def test_fresh_couriers_behind_many_stale_ones_are_found(redis: Redis) -> None:
    for n in range(60):
        await record_position(
            redis, COURIER + 100 + n, north_of(SHOP, 10 + n), NOW - timedelta(minutes=30)
        )
    await record_position(redis, COURIER + 1, north_of(SHOP, 2_000), NOW)
    await record_position(redis, COURIER + 2, north_of(SHOP, 2_500), NOW)
    await record_position(redis, COURIER + 3, north_of(SHOP, 3_000), NOW)
    found = await near(redis, limit=2)
    assert [c.courier_id for c in found] == [COURIER + 1, COURIER + 2]


async def test_very_old_fixes_are_removed_when_met(redis: Redis) -> None:
    await record_position(redis, COURIER, north_of(SHOP, 100), NOW - timedelta(hours=13))
    await record_position(redis, COURIER + 1, north_of(SHOP, 200), NOW - timedelta(hours=1))
    assert await near(redis) == []
    assert await position_of(redis, COURIER) is None
    assert await position_of(redis, COURIER + 1) is not None
    assert await redis.zcard("fruktgo:geo:couriers") == 1


async def test_the_search_agrees_with_a_brute_force_one(redis: Redis) -> None:
    rng = random.Random(7)
    fixes: dict[int, tuple[Point, datetime]] = {}
    for n in range(300):
        # Up to 8 km away in any direction, some of them around the 5 km radius.
        metres = rng.uniform(0, 8_000)
        bearing = rng.uniform(0, 2 * math.pi)
        where = east_of(north_of(SHOP, metres * math.cos(bearing)), metres * math.sin(bearing))
        at = NOW - timedelta(seconds=rng.randrange(0, 300))
        fixes[COURIER + n] = (where, at)
        await record_position(redis, COURIER + n, where, at)
    for radius, limit in ((5_000, 1_000), (5_000, 10), (1_500, 50), (8_000, 300)):
        expected = sorted(
            (distance_m(SHOP, where), courier_id)
            for courier_id, (where, at) in fixes.items()
            if NOW - at <= FRESH and distance_m(SHOP, where) <= radius
        )[:limit]
        found = await near(redis, radius_m=radius, limit=limit)
        assert [c.courier_id for c in found] == [courier_id for _, courier_id in expected]
        assert [c.distance_m for c in found] == pytest.approx([d for d, _ in expected])


async def test_bad_input_is_refused(redis: Redis) -> None:
    with pytest.raises(InvalidCoordinates):
        await record_position(redis, COURIER, Point(86.0, 10.0), NOW)
    with pytest.raises(InvalidCoordinates):
        await near(redis, Point(-89.0, 10.0))
    with pytest.raises(InvalidRadius):
        await near(redis, radius_m=0)
    with pytest.raises(InvalidRadius):
        await near(redis, radius_m=float("nan"))
    with pytest.raises(ValueError, match="timezone-aware"):
        await record_position(redis, COURIER, SHOP, datetime(2026, 1, 1, 9, 0))  # noqa: DTZ001
    with pytest.raises(ValueError, match="limit"):
        await near(redis, limit=0)
    assert await redis.exists("fruktgo:geo:couriers", "fruktgo:geo:couriers:at") == 0
