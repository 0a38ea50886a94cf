"""Test-only events and subscribers for the outbox tests.

Each subscriber records its effect as a row in ``outbox_test.effects`` inside the delivery's
transaction, so a row exists exactly when the effect was committed. The schema lies outside the
models (alembic's comparison looks at ``public`` only). Imported by the tests and by the
worker subprocess (outbox_worker_proc.py), so subscriber names are given explicitly.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import text

from core.shared.events import Event, subscriber
from core.shared.uow import Database, Transaction

HANG_ENV = "OUTBOX_TEST_HANG"


@dataclass(frozen=True)
class Probed(Event, name="outbox_test.probed"):
    probe: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flaked(Event, name="outbox_test.flaked"):
    probe: int


@dataclass(frozen=True)
class Slowed(Event, name="outbox_test.slowed"):
    probe: int


@dataclass(frozen=True)
class Linked(Event, name="outbox_test.linked"):
    probe: int


@dataclass(frozen=True)
class Chained(Event, name="outbox_test.chained"):
    probe: int


class Switches:
    """What the in-process subscribers should do; reset before every test."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.flaky_fails = True
        self.slow_started = asyncio.Event()
        self.slow_release = asyncio.Event()


switches = Switches()


async def record(tx: Transaction, event: Event, subscriber_name: str, probe: int) -> None:
    await tx.session.execute(
        text(
            "INSERT INTO outbox_test.effects (event_id, subscriber, probe) "
            "VALUES (:event_id, :subscriber, :probe)"
        ),
        {"event_id": event.event_id, "subscriber": subscriber_name, "probe": probe},
    )


@subscriber(Probed, name="outbox_test.first")
async def first(tx: Transaction, event: Probed) -> None:
    await record(tx, event, "first", event.probe)
    if os.environ.get(HANG_ENV):
        # The effect is written but not committed: tell the test, then hang until killed.
        sys.stdout.write(f"started {event.event_id}\n")
        sys.stdout.flush()
        await asyncio.Event().wait()


@subscriber(Probed, name="outbox_test.second")
async def second(tx: Transaction, event: Probed) -> None:
    await record(tx, event, "second", event.probe)


@subscriber(Flaked, name="outbox_test.steady")
async def steady(tx: Transaction, event: Flaked) -> None:
    await record(tx, event, "steady", event.probe)


@subscriber(Flaked, name="outbox_test.flaky")
async def flaky(tx: Transaction, event: Flaked) -> None:
    # Written first so that a failure proves the partial effect is rolled back with it.
    await record(tx, event, "flaky", event.probe)
    if switches.flaky_fails:
        raise RuntimeError(f"flaky subscriber refuses probe {event.probe}")


@subscriber(Slowed, name="outbox_test.slow")
async def slow(tx: Transaction, event: Slowed) -> None:
    await record(tx, event, "slow", event.probe)
    switches.slow_started.set()
    await switches.slow_release.wait()


@subscriber(Linked, name="outbox_test.link")
async def link(tx: Transaction, event: Linked) -> None:
    # A subscriber publishing in its own transaction: the next event commits with "done".
    await tx.publish(Chained(probe=event.probe))


@subscriber(Chained, name="outbox_test.chained")
async def chained(tx: Transaction, event: Chained) -> None:
    await record(tx, event, "chained", event.probe)


async def reset(db: Database) -> None:
    """Empty the outbox and the effects table; reset the switches."""
    switches.reset()
    async with db.engine.begin() as conn:
        # A transaction left open by a broken test would block TRUNCATE: fail, don't hang.
        await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        await conn.execute(text("CREATE SCHEMA IF NOT EXISTS outbox_test"))
        await conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS outbox_test.effects ("
                " id bigserial PRIMARY KEY, event_id uuid NOT NULL,"
                " subscriber text NOT NULL, probe integer NOT NULL)"
            )
        )
        await conn.execute(text("TRUNCATE outbox_test.effects"))
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))


async def effects(db: Database) -> Counter[tuple[uuid.UUID, str]]:
    """Committed effects counted by (event id, subscriber)."""
    async with db.engine.connect() as conn:
        rows = await conn.execute(text("SELECT event_id, subscriber FROM outbox_test.effects"))
        return Counter((row.event_id, row.subscriber) for row in rows)


async def deliveries(db: Database) -> dict[tuple[uuid.UUID, str], tuple[str, int]]:
    """Every delivery's (status, attempts) by (event id, subscriber name)."""
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT event_id, subscriber, status, attempts FROM outbox_deliveries")
        )
        return {(r.event_id, r.subscriber): (r.status, r.attempts) for r in rows}


async def publish(db: Database, *events: Event) -> None:
    """Commit ``events`` in one transaction."""

    async def body(tx: Transaction) -> None:
        for event in events:
            await tx.publish(event)

    await db.run(body)


async def wait_until(
    check: Callable[[], Awaitable[bool]], *, within: float = 15.0, what: str = "condition"
) -> None:
    """Poll ``check`` (a database read) until it holds; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)
