"""The benchmarks run end to end on a tiny plan, so CI exercises their code (never timings)."""

from __future__ import annotations

import re

from benchmarks._harness import databases_named, percentile, result_line
from benchmarks.storefront import Plan, benchmark
from core.shared.config import Settings

TINY = Plan(
    shops=4,
    products=120,
    offers=200,
    key_iterations=1,
    listing_iterations=1,
    search_iterations=1,
    warmup=0,
)
RESULT = re.compile(
    r"^storefront listing p95: \d+\.\d\d ms; ratio [0-9.e+-]+ to primary-key select p95$"
)


async def test_storefront_benchmark_runs_on_a_tiny_plan_and_drops_its_database(
    settings: Settings,
) -> None:
    said: list[str] = []
    report = await benchmark(TINY, server_url=str(settings.database_url), say=said.append)

    assert RESULT.match(report.result), report.result
    assert report.listed > 0  # the first category page at the centre has offers
    assert [len(t.seconds) for t in report.timings] == [1, 1, 1, 1]
    assert said == list(report.lines)
    assert "200 offers" in report.lines[1]
    scratch = report.lines[0].rsplit(" ", 1)[1]
    assert await databases_named(scratch, server_url=str(settings.database_url)) == []


def test_percentiles_and_the_result_line() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.50) == 50.0
    assert percentile(samples, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0
    assert (
        result_line("storefront listing p95", 4.2149, "ms", 0.1234, "primary-key select p95")
        == "storefront listing p95: 4.21 ms; ratio 0.123 to primary-key select p95"
    )
