"""The broadcast benchmark runs end to end on a tiny plan, so CI exercises its code (never
timings): everything sent once, no 429 from the emulator, the result line in its shape."""

from __future__ import annotations

import re

from benchmarks.broadcast import Plan, benchmark
from core.shared.config import Settings

RESULT = re.compile(r"^broadcast rate: \d+\.\d\d msg/s; ratio [0-9.e+-]+ to the per-bot limit$")


async def test_broadcast_benchmark_runs_on_a_tiny_plan(settings: Settings) -> None:
    said: list[str] = []
    report = await benchmark(Plan(people=40), settings=settings, say=said.append)

    assert RESULT.match(report.result), report.result
    assert (report.sent, report.too_many_requests) == (40, 0)
    assert said == list(report.lines[:-1])
    assert "the emulator took 40, answered 429 0 times" in report.lines[2]
