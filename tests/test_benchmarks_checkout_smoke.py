"""The checkout benchmark runs end to end on a tiny plan, so CI exercises its code (never
timings): every cart is checked out, the hot offer sells exactly its units, the stock agrees."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

from benchmarks._harness import databases_named, parse_pgbench_tps, pgbench_tps
from benchmarks.checkout import REFUSED, Plan, benchmark
from core.shared.config import Settings

TINY = Plan(
    shops=2,
    offers=40,
    customers=24,
    workers=4,
    warmup=4,
    seconds=600.0,  # far more than needed: the round ends when every cart is checked out
    hot_units=5,
)
RESULT = re.compile(
    r"^checkout (spread|hot offer): \d+\.\d\d (orders|checkouts)/s;"
    r" ratio [0-9.e+-]+ to pgbench TPC-B tps$"
)
PGBENCH_OUTPUT = """\
transaction type: <builtin: TPC-B (sort of)>
scaling factor: 1
number of clients: 32
number of transactions actually processed: 6045
latency average = 26.502 ms
initial connection time = 53.235 ms
tps = 1207.434199 (without initial connection time)
"""


async def test_checkout_benchmark_sells_the_hot_offer_exactly_once_per_unit(
    settings: Settings,
) -> None:
    said: list[str] = []
    report = await benchmark(
        TINY, server_url=str(settings.database_url), say=said.append, baseline_tps=1000.0
    )

    assert RESULT.match(report.result), report.result
    assert report.result.startswith("checkout spread: ")
    assert RESULT.match(report.hot_result), report.hot_result
    assert report.hot_result.startswith("checkout hot offer: ")
    assert said == [*report.lines]
    assert report.lines[-1] == report.hot_result  # the spread's line is the caller's to print
    # Every cart after the warm-up was checked out, and none refused.
    assert (report.spread.placed, report.spread.checkouts) == (20, 20)
    assert not report.spread.refused
    # Ten buyers at once for five units: five orders, five told the cart changed.
    assert (report.hot.placed, report.hot.checkouts) == (5, 10)
    assert report.hot.refused == {REFUSED: 5}
    assert sum(line.startswith("stock checked:") for line in report.lines) == 2
    scratch = report.lines[1].rsplit(" ", 1)[1]
    assert await databases_named(scratch, server_url=str(settings.database_url)) == []


async def test_pgbench_runs_in_a_database_of_its_own_and_reports_tps(settings: Settings) -> None:
    tps = await pgbench_tps(server_url=str(settings.database_url), clients=2, threads=1, seconds=1)

    assert tps > 0
    name = make_url(str(settings.database_url)).database
    left = await databases_named(f"{name}_bench_pgbench_%", server_url=str(settings.database_url))
    assert left == []


def test_the_tps_is_read_from_pgbench_output() -> None:
    assert parse_pgbench_tps(PGBENCH_OUTPUT) == 1207.434199
