"""What the benchmarks share: a scratch database, bulk loading, shops, pgbench, timing, results."""

from __future__ import annotations

import asyncio
import gc
import math
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.engine import URL, make_url

from core.auth.api import remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.business import api as business
from core.business.schemas import BusinessApplication, ShopForm
from core.shared.clock import Clock
from core.shared.config import SettingsError, load_settings
from core.shared.db import Base, create_engine
from core.shared.discovery import import_domain
from core.shared.logging import configure_logging
from core.shared.migrate import upgrade_to_head
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database

# PostgreSQL cuts identifiers longer than this; a cut name could meet another run's.
_MAX_IDENTIFIER = 63


@dataclass(frozen=True)
class Scratch:
    """A benchmark's own database: its URL, the app's ``Database`` on it, bulk loading."""

    url: URL
    db: Database

    @property
    def name(self) -> str:
        return str(self.url.database)

    async def copy(
        self, table: str, columns: Sequence[str], records: Iterable[Sequence[object]]
    ) -> int:
        """Load rows into ``table`` with COPY, the fastest way in; returns how many."""
        # Checked against the models so a renamed column fails here, not as a COPY error.
        known = Base.metadata.tables[table].c
        unknown = [name for name in columns if name not in known]
        if unknown:
            raise KeyError(f"{table} has no column(s) {', '.join(unknown)}")
        rows = [tuple(record) for record in records]
        conn = await asyncpg.connect(_dsn(self.url))
        try:
            await conn.copy_records_to_table(table, records=rows, columns=list(columns))
        finally:
            await conn.close()
        return len(rows)

    async def analyze(self) -> None:
        """Refresh the planner's statistics after loading, as autovacuum would in time."""
        conn = await asyncpg.connect(_dsn(self.url))
        try:
            await conn.execute("ANALYZE")
        finally:
            await conn.close()


def _dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def _maintenance(server: URL, statement: str) -> None:
    conn = await asyncpg.connect(_dsn(server.set(database="postgres")))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def databases_named(pattern: str, *, server_url: str | None = None) -> list[str]:
    """The databases on the configured server (or ``server_url``'s) whose name is LIKE
    ``pattern``: how a test sees that a scratch database was dropped."""
    server = make_url(server_url or str(load_settings().database_url))
    conn = await asyncpg.connect(_dsn(server.set(database="postgres")))
    try:
        rows = await conn.fetch("SELECT datname FROM pg_database WHERE datname LIKE $1", pattern)
    finally:
        await conn.close()
    return [row["datname"] for row in rows]


def _scratch_name(server: URL, name: str) -> str:
    database = f"{server.database}_bench_{name}_{uuid.uuid4().hex[:8]}"
    if len(database) > _MAX_IDENTIFIER:
        raise ValueError(f"scratch database name too long: {database}")
    return database


@asynccontextmanager
async def scratch_database(
    name: str, *, server_url: str | None = None, clock: Clock | None = None, pool_size: int = 5
) -> AsyncIterator[Scratch]:
    """A fresh database next to the configured one (or ``server_url``'s), migrated to head,
    with a ``Database`` on it; dropped on the way out, whatever happened."""
    server = make_url(server_url or str(load_settings().database_url))
    database = _scratch_name(server, name)
    url = server.set(database=database)
    await _maintenance(server, f'CREATE DATABASE "{database}"')
    try:
        await asyncio.to_thread(upgrade_to_head, url.render_as_string(hide_password=False))
        import_domain()  # every table in Base.metadata, for ``Scratch.copy``'s check
        db = Database(
            create_engine(url.render_as_string(hide_password=False), pool_size=pool_size),
            clock=clock,
            publisher=publish_to_outbox,
        )
        try:
            yield Scratch(url, db)
        finally:
            await db.dispose()
    finally:
        # Also after Ctrl-C: asyncio.run cancels the main task, and this still runs.
        await _maintenance(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# -- shops, through the business api --------------------------------------------------------


async def open_shops(
    db: Database,
    admin: Actor,
    owner: TelegramProfile,
    application: BusinessApplication,
    more: Iterable[ShopForm] = (),
) -> list[UUID]:
    """Approved, active shops of one business: ``owner`` applies with ``application`` (its
    shop first), ``admin`` approves it and adds, submits and approves each of ``more``; their
    ids in that order."""
    await remember_user(db, owner)
    applied = await business.apply(db, Actor(owner.telegram_id), application)
    decided = await business.approve_application(db, admin, applied.business.id)
    shop_ids = [decided.shops[0].id]
    for form in more:
        draft = await business.add_shop(db, admin, decided.business.id, form)
        await business.submit_shop(db, admin, draft.id)
        shop_ids.append((await business.approve_shop(db, admin, draft.id)).id)
    return shop_ids


# -- a scratch Redis database ---------------------------------------------------------------

# The logical dbs test sessions claim (tests/conftest.py), from the other end: a claim is a key
# set with NX in the db itself, so a benchmark and a test session never take the same one, and
# the app's own db (0 unless configured otherwise) is never touched.
SCRATCH_REDIS_DBS = (3, 5, 7, 9, 11, 13, 15)
_REDIS_CLAIM_KEY = "fruktgo:test-session-claim"
_REDIS_CLAIM_SECONDS = 3 * 3600


@asynccontextmanager
async def scratch_redis(*, server_url: str | None = None) -> AsyncIterator[Redis]:
    """A Redis client on a logical db claimed for this run on the configured server (or
    ``server_url``'s), emptied before and after; the claim is released on the way out."""
    base = server_url or str(load_settings().redis_url)
    token = uuid.uuid4().hex
    for number in SCRATCH_REDIS_DBS:
        client = Redis.from_url(urlsplit(base)._replace(path=f"/{number}").geturl())
        try:
            if not await client.set(_REDIS_CLAIM_KEY, token, nx=True, ex=_REDIS_CLAIM_SECONDS):
                continue
            try:
                await client.flushdb()
                await client.set(_REDIS_CLAIM_KEY, token, ex=_REDIS_CLAIM_SECONDS)
                yield client
            finally:
                if await client.get(_REDIS_CLAIM_KEY) == token.encode():
                    await client.flushdb()
        finally:
            await client.aclose()
        return
    raise RuntimeError("every scratch Redis db is claimed by a test session or benchmark")


# -- pgbench, the server's own yardstick ---------------------------------------------------

_TPS = re.compile(r"^tps = ([0-9]+(?:\.[0-9]+)?)", re.MULTILINE)


def parse_pgbench_tps(output: str) -> float:
    """The tps figure in pgbench's report (the first one: without connection time)."""
    found = _TPS.search(output)
    if found is None:
        raise ValueError(f"no tps in pgbench's output: {output[-300:]!r}")
    return float(found.group(1))


async def _pgbench(url: URL, *arguments: str) -> str:
    executable = shutil.which("pgbench")
    if executable is None:
        raise FileNotFoundError("pgbench is not installed (Debian: postgresql-client)")
    environment = {
        **os.environ,
        "PGHOST": url.host or "127.0.0.1",
        "PGPORT": str(url.port or 5432),
        "PGUSER": url.username or "postgres",
        "PGDATABASE": str(url.database),
    }
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    process = await asyncio.create_subprocess_exec(
        executable,
        *arguments,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"pgbench {' '.join(arguments)} failed: {text[-500:]}")
    return text


async def pgbench_tps(
    *,
    server_url: str | None = None,
    clients: int = 32,
    threads: int = 2,
    seconds: int = 10,
    scale: int = 1,
) -> float:
    """pgbench's TPC-B tps on the server: ``pgbench -i -s scale`` into a database of its own,
    then ``-c clients -j threads -T seconds`` of the default script; the database is dropped."""
    server = make_url(server_url or str(load_settings().database_url))
    database = _scratch_name(server, "pgbench")
    await _maintenance(server, f'CREATE DATABASE "{database}"')
    try:
        url = server.set(database=database)
        await _pgbench(url, "--initialize", "--quiet", f"--scale={scale}")
        output = await _pgbench(
            url, f"--client={clients}", f"--jobs={threads}", f"--time={seconds}"
        )
    finally:
        await _maintenance(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return parse_pgbench_tps(output)


# -- timing ---------------------------------------------------------------------------------


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with ``fraction`` of them at or below."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Timings:
    """How long each run of one measured call took, in seconds."""

    label: str
    seconds: tuple[float, ...]

    @property
    def p50_ms(self) -> float:
        return percentile(self.seconds, 0.50) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 0.95) * 1000

    def describe(self) -> str:
        """One line for the report: label, p50, p95 and how many runs."""
        return (
            f"{self.label:<34} p50 {self.p50_ms:8.2f} ms   p95 {self.p95_ms:8.2f} ms"
            f"   (n={len(self.seconds)})"
        )


async def measure(
    label: str,
    call: Callable[[int], Awaitable[object]],
    *,
    iterations: int,
    warmup: int = 0,
) -> Timings:
    """Run ``call(i)`` ``warmup`` times unmeasured, then ``iterations`` times timed one by one;
    ``i`` counts on across both, so calls can vary their arguments."""
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    for i in range(warmup):
        await call(i)
    # Garbage left by the set-up would otherwise be collected during the first timed runs.
    gc.collect()
    seconds = []
    for i in range(warmup, warmup + iterations):
        start = time.perf_counter()
        await call(i)
        seconds.append(time.perf_counter() - start)
    return Timings(label, tuple(seconds))


async def measure_each(
    runs: Iterable[tuple[str, Callable[[int], Awaitable[object]], int]],
    *,
    warmup: int,
    report: Callable[[str], None],
) -> list[Timings]:
    """``measure`` each (label, call, iterations) in turn, reporting each one as it is done."""
    timings = []
    for label, call, iterations in runs:
        timings.append(await measure(label, call, iterations=iterations, warmup=warmup))
        report(timings[-1].describe())
    return timings


class Transcript:
    """A benchmark's report as it goes: each line said at once and kept for its ``Report``."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self._say = say
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        self._say(line)


def result_line(name: str, value: float, unit: str, ratio: float, baseline: str) -> str:
    """The figure a benchmark prints last: ``<name>: <value> <unit>; ratio <r> to <baseline>``."""
    return f"{name}: {value:.2f} {unit}; ratio {ratio:.3g} to {baseline}"


def run(benchmark: Callable[[], Coroutine[Any, Any, str]]) -> int:
    """Run a benchmark from ``python -m``: quiet logs, its result line printed last; the exit
    status (2 for a bad setting, 130 after Ctrl-C)."""
    configure_logging(json=False, level="WARNING")
    try:
        line = asyncio.run(benchmark())
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the scratch database was dropped", file=sys.stderr)
        return 130
    print(line, flush=True)
    return 0
