"""The bot throughput and memory benchmarks run end to end on tiny plans, so CI exercises their
code (never timings): every press became an edit, every echo and /catalog got its answer."""

from __future__ import annotations

import re

from benchmarks import bot_throughput, memory
from core.shared.config import Settings

THROUGHPUT = re.compile(
    r"^bot throughput: \d+\.\d\d updates/s; ratio [0-9.e+-]+ to a bare aiogram echo bot$"
)
MEMORY = re.compile(r"^memory after 1k updates: \d+\.\d\d MB; ratio [0-9.e+-]+ to 200 MB$")


async def test_bot_throughput_benchmark_edits_a_page_for_every_press(settings: Settings) -> None:
    plan = bot_throughput.Plan(users=4, updates=24, warmup=8)
    said: list[str] = []
    report = await bot_throughput.benchmark(
        plan,
        server_url=str(settings.database_url),
        redis_url=str(settings.redis_url),
        say=said.append,
    )
    assert THROUGHPUT.match(report.result)
    assert report.ours.updates == report.echo.updates == plan.updates
    assert report.ours.rate > 0
    assert report.echo.rate > 0
    presses = plan.updates + plan.warmup
    assert report.calls == {"answerCallbackQuery": presses, "editMessageText": presses}
    assert report.errors == {}
    assert said == list(report.lines)


async def test_memory_benchmark_reads_the_app_before_and_after_its_updates(
    settings: Settings,
) -> None:
    plan = memory.Plan(users=3, updates=12, settle_seconds=0.1)
    report = await memory.benchmark(
        plan,
        server_url=str(settings.database_url),
        redis_url=str(settings.redis_url),
        say=lambda line: None,
    )
    assert MEMORY.match(report.result)
    assert report.answered == plan.updates
    assert 0 < report.idle_mb <= report.after_mb * 1.5
    assert len(report.lines) == 3
