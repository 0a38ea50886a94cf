"""Memory benchmark: resident memory of ``fruktgo run`` (four bots and the web server).

Seeds the demo world and many onboarded customers into a scratch database, starts the Telegram
emulator in this process (limits off), and runs ``python -m fruktgo run`` in webhook mode as a
child process against it. Its resident set size (VmRSS from ``/proc/<pid>/status``) is read once
the webhooks are set and the process is idle, and again after the customers have sent ``/catalog``
``updates`` times through the emulator's webhooks (in waves of one per person, each answered
before the next) and every answer has arrived.

The figure is the RSS after the updates in MB (2**20 bytes); the ratio is 200 MB to it, so
above 1 means under the goal of 200 MB.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from aiohttp import ClientError, ClientSession

from benchmarks._harness import Transcript, result_line, run
from benchmarks.bot_throughput import WEBHOOK_SECRET, emulated_app, onboard_customers
from core.shared.config import BotRole
from fruktgo.demo import seed_into
from sandbox.telegram.people.messages import send
from sandbox.telegram.server import EmulatorHandle

NAME = "memory after 1k updates"
BASELINE = "200 MB"
GOAL_MB = 200.0
ROOT = Path(__file__).resolve().parent.parent
FIRST_USER_ID = 9_631_000_001


@dataclass(frozen=True)
class Plan:
    """How many people write and how many updates they send; defaults are the benchmark's."""

    users: int = 50
    updates: int = 1_000
    start_timeout: float = 60.0
    updates_timeout: float = 300.0
    settle_seconds: float = 1.0  # idle time before the first reading


@dataclass(frozen=True)
class Report:
    """The report's lines, the result line, both readings in MB, and the answers counted."""

    lines: tuple[str, ...]
    result: str
    idle_mb: float
    after_mb: float
    answered: int


def rss_mb(pid: int) -> float:
    """A process's resident set size in MB, from /proc (kB there)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def _healthy(url: str, seconds: float, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + seconds
    async with ClientSession() as session:
        while True:
            if process.returncode is not None:
                raise RuntimeError(f"fruktgo run exited with {process.returncode}")
            try:
                async with session.get(f"{url}/healthz") as answer:
                    if answer.status == 200:
                        return
            except ClientError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("fruktgo run did not start serving")
            await asyncio.sleep(0.1)


def _answers(emulator: EmulatorHandle, username: str) -> int:
    calls = emulator.state.stats.calls_by_bot.get(username)
    return calls["sendMessage"] if calls is not None else 0


def _answered(emulator: EmulatorHandle, username: str, count: int) -> bool:
    return _answers(emulator, username) >= count


async def benchmark(
    plan: Plan = Plan(),
    *,
    server_url: str | None = None,
    redis_url: str | None = None,
    say: Callable[[str], None] = print,
) -> Report:
    """Seed a scratch world, run ``fruktgo run`` against the emulator, read its memory."""
    report = Transcript(say)
    async with emulated_app("memory", server_url=server_url, redis_url=redis_url) as (
        emulator,
        scratch,
        container,
    ):
        report(f"memory benchmark in scratch database {scratch.name}")
        settings = container.settings
        await seed_into(container)
        users = await onboard_customers(container, emulator, plan.users, first_id=FIRST_USER_ID)
        port = _free_port()
        web_url = f"http://127.0.0.1:{port}"
        environment = {
            **os.environ,
            "FRUKTGO_DATABASE_URL": scratch.url.render_as_string(hide_password=False),
            "FRUKTGO_REDIS_URL": str(settings.redis_url),
            "FRUKTGO_TELEGRAM_API_URL": emulator.url,
            "FRUKTGO_BOT_MODE": "webhook",
            "FRUKTGO_WEBHOOK_BASE_URL": web_url,
            "FRUKTGO_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "FRUKTGO_WEB_HOST": "127.0.0.1",
            "FRUKTGO_WEB_PORT": str(port),
            "FRUKTGO_LOG_LEVEL": "WARNING",
        }
        for role in BotRole:
            token = settings.bot_token(role)
            assert token is not None
            environment[f"FRUKTGO_{role.value.upper()}_BOT_TOKEN"] = token
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "fruktgo",
            "run",
            cwd=ROOT,
            env=environment,
            stdout=asyncio.subprocess.DEVNULL,
        )
        try:
            idle, after, answered = await _measure(emulator, process, web_url, users, plan, report)
        finally:
            if process.returncode is None:
                process.terminate()
                await process.wait()
    result = result_line(NAME, after, "MB", GOAL_MB / after, BASELINE)
    return Report(tuple(report.lines), result, idle, after, answered)


async def _measure(
    emulator: EmulatorHandle,
    process: asyncio.subprocess.Process,
    web_url: str,
    users: list[int],
    plan: Plan,
    report: Callable[[str], None],
) -> tuple[float, float, int]:
    state = emulator.state
    await _healthy(web_url, plan.start_timeout, process)
    await _until(
        lambda: all(bot.webhook is not None for bot in state.bots.values()),
        plan.start_timeout,
        "the four webhooks",
    )
    await asyncio.sleep(plan.settle_seconds)  # start-up work settles before the idle reading
    idle = rss_mb(process.pid)
    report(f"idle, four bots and the web server up:   {idle:7.1f} MB")
    customer = state.bot_by_username("fruktgo_bot")
    assert customer is not None
    before = _answers(emulator, customer.username)
    started = time.perf_counter()
    deadline = time.monotonic() + plan.updates_timeout
    # In waves of one message per person, each wave answered before the next: people wait for
    # the bot, and the app has no bound of its own on the updates it takes in at once.
    for wave in range(0, plan.updates, len(users)):
        sent = min(plan.updates, wave + len(users))
        for user_id in users[: sent - wave]:
            send(state, state.people[user_id], customer, text="/catalog")
        await _until(
            partial(_answered, emulator, customer.username, before + sent),
            deadline - time.monotonic(),
            f"{sent} answers to /catalog",
        )
    answered = _answers(emulator, customer.username) - before
    after = rss_mb(process.pid)
    report(
        f"after {plan.updates} updates (/catalog, {time.perf_counter() - started:.1f} s): "
        f"{after:7.1f} MB"
    )
    return idle, after, answered


async def _main() -> str:
    return (await benchmark()).result


if __name__ == "__main__":
    raise SystemExit(run(_main))
