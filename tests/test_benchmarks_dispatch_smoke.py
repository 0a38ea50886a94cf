"""The dispatch benchmark runs end to end on a tiny plan, so CI exercises its code (never
timings): every choice finds a courier, and the scratch database and Redis db are given back."""

from __future__ import annotations

import re

from redis.asyncio import Redis

from benchmarks._harness import databases_named, scratch_redis
from benchmarks.dispatch import Plan, benchmark
from core.shared.config import Settings

TINY = Plan(
    couriers=300,
    shops=3,
    spread_m=6_000,
    shops_within_m=1_000,
    baseline_iterations=3,
    search_iterations=3,
    choice_iterations=6,
    warmup=1,
)
RESULT = re.compile(r"^dispatch choice p95: \d+\.\d\d ms; ratio [0-9.e+-]+ to bare GEOSEARCH p95$")


async def test_dispatch_benchmark_runs_on_a_tiny_plan_and_gives_back_its_stores(
    settings: Settings,
) -> None:
    said: list[str] = []
    report = await benchmark(
        TINY,
        server_url=str(settings.database_url),
        redis_url=str(settings.redis_url),
        say=said.append,
    )

    assert RESULT.match(report.result), report.result
    assert said == list(report.lines)
    assert [len(t.seconds) for t in report.timings] == [3, 3, 6]
    # 300 couriers within 6 km and the shops within 1 km of the centre: someone always fits.
    assert report.chosen == 6
    assert report.candidates_seen > 0
    assert "300 couriers on shift" in report.lines[1]

    first = report.lines[0]
    scratch = first.split("scratch database ", 1)[1].split(",", 1)[0]
    assert await databases_named(scratch, server_url=str(settings.database_url)) == []
    number = int(first.rsplit(" ", 1)[1])
    used = Redis.from_url(f"{str(settings.redis_url).rsplit('/', 1)[0]}/{number}")
    try:
        assert await used.dbsize() == 0  # positions and the claim are gone
    finally:
        await used.aclose()


async def test_scratch_redis_takes_a_db_nobody_holds(settings: Settings, redis: Redis) -> None:
    mine = redis.connection_pool.connection_kwargs["db"]
    async with scratch_redis(server_url=str(settings.redis_url)) as first:
        async with scratch_redis(server_url=str(settings.redis_url)) as second:
            numbers = {
                mine,
                first.connection_pool.connection_kwargs["db"],
                second.connection_pool.connection_kwargs["db"],
            }
            assert len(numbers) == 3
            await first.set("k", "first")
            assert await second.get("k") is None
        assert await first.get("k") == b"first"
