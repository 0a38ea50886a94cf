"""The outbox and its relay on real PostgreSQL and Redis, in this process.

The crash tests (a worker killed mid-delivery) run real subprocesses: test_outbox_crash.py.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import outbox_doubles as doubles
import pytest
from outbox_doubles import Flaked, Linked, Probed, Slowed
from redis.asyncio import Redis
from sqlalchemy import func, select

from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.outbox import (
    OutboxDelivery,
    OutboxEvent,
    OutboxPublisher,
    RedisNudge,
    Relay,
    outbox_counts,
    purge_delivered,
)
from core.shared.uow import Database, Transaction
from fruktgo.events_admin import list_dead, replay

DEAD_REDIS = "redis://127.0.0.1:1/0"
FIRST, SECOND = "outbox_test.first", "outbox_test.second"
STEADY, FLAKY = "outbox_test.steady", "outbox_test.flaky"


@pytest.fixture(autouse=True)
async def _clean_outbox(db: Database) -> None:
    await doubles.reset(db)


@pytest.fixture
async def dead_redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(DEAD_REDIS, socket_connect_timeout=0.5)
    yield client
    await client.aclose()


async def _event_rows(db: Database) -> list[OutboxEvent]:
    async with db.sessionmaker() as session:
        return list((await session.scalars(select(OutboxEvent))).all())


async def _delivery(db: Database, event_id: uuid.UUID, subscriber: str) -> OutboxDelivery:
    async with db.sessionmaker() as session:
        row = await session.get(OutboxDelivery, (event_id, subscriber))
        assert row is not None
        return row


def _once_each(events: list[Probed]) -> Counter[tuple[uuid.UUID, str]]:
    return Counter({(e.event_id, name): 1 for e in events for name in ("first", "second")})


async def test_a_rolled_back_transaction_publishes_nothing(db: Database) -> None:
    class Refused(Exception):
        pass

    async def body(tx: Transaction) -> None:
        await tx.publish(Probed(probe=1))
        raise Refused

    with pytest.raises(Refused):
        await db.run(body)

    assert await Relay(db).run_until_idle() == 0
    assert await _event_rows(db) == []
    assert await doubles.effects(db) == Counter()


async def test_publishing_stores_the_event_with_the_clock_time(
    db: Database, clock: FrozenClock
) -> None:
    event = Probed(probe=5, tags=("a", "b"))

    await doubles.publish(db, event)

    [row] = await _event_rows(db)
    assert row.id == event.event_id
    assert row.name == "outbox_test.probed"
    assert row.payload == {"probe": 5, "tags": ["a", "b"]}
    assert row.occurred_at == clock.now()
    assert row.fanned_out_at is None


async def test_publishing_refuses_what_is_not_a_registered_event(db: Database) -> None:
    async def body(tx: Transaction) -> None:
        await tx.publish("orders.placed")  # type: ignore[arg-type]

    with pytest.raises(TypeError):
        await db.run(body)
    assert await _event_rows(db) == []


async def test_a_committed_event_reaches_each_subscriber_once(db: Database) -> None:
    events = [Probed(probe=i) for i in range(12)]
    await doubles.publish(db, *events)
    relays = [Relay(db) for _ in range(4)]

    assert await relays[0].fan_out() == 12
    attempts = await asyncio.gather(*(relay.run_until_idle() for relay in relays))
    again = await asyncio.gather(*(relay.run_until_idle() for relay in relays))

    assert sum(attempts) == 24
    assert sum(again) == 0
    assert await doubles.effects(db) == _once_each(events)
    assert set((await doubles.deliveries(db)).values()) == {("done", 1)}


async def test_concurrent_relays_fan_out_and_deliver_without_duplicates(db: Database) -> None:
    events = [Probed(probe=i) for i in range(30)]
    await doubles.publish(db, *events)

    await asyncio.gather(*(Relay(db, batch_size=7).run_until_idle() for _ in range(3)))

    assert await doubles.effects(db) == _once_each(events)
    assert len(await doubles.deliveries(db)) == 60
    assert await outbox_counts(db) == {"pending": 0, "done": 60, "dead": 0, "unfanned": 0}


async def test_a_subscriber_may_publish_and_the_next_event_is_relayed(db: Database) -> None:
    await doubles.publish(db, Linked(probe=9))

    await Relay(db).run_until_idle()

    effects = await doubles.effects(db)
    assert [subscriber for _, subscriber in effects] == ["chained"]
    assert sum(effects.values()) == 1


async def test_a_cancelled_delivery_is_redelivered_without_a_second_effect(db: Database) -> None:
    event = Slowed(probe=1)
    await doubles.publish(db, event)
    relay = Relay(db, poll_seconds=0.05)
    running = asyncio.create_task(relay.run())
    await asyncio.wait_for(doubles.switches.slow_started.wait(), 10)

    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running

    assert (await _delivery(db, event.event_id, "outbox_test.slow")).status == "pending"
    assert await doubles.effects(db) == Counter()
    doubles.switches.slow_release.set()
    await Relay(db).run_until_idle()
    assert await doubles.effects(db) == Counter({(event.event_id, "slow"): 1})
    assert (await _delivery(db, event.event_id, "outbox_test.slow")).attempts == 1


async def test_stop_lets_the_delivery_in_progress_finish(db: Database) -> None:
    event = Slowed(probe=2)
    await doubles.publish(db, event)
    relay = Relay(db, poll_seconds=0.05)
    running = asyncio.create_task(relay.run())
    await asyncio.wait_for(doubles.switches.slow_started.wait(), 10)

    relay.stop()
    doubles.switches.slow_release.set()
    await asyncio.wait_for(running, 10)

    assert (await _delivery(db, event.event_id, "outbox_test.slow")).status == "done"
    assert await doubles.effects(db) == Counter({(event.event_id, "slow"): 1})


async def test_a_nudge_wakes_a_waiting_relay(
    db: Database, clock: FrozenClock, redis: Redis
) -> None:
    early, late = Probed(probe=1), Probed(probe=2)
    await doubles.publish(db, early)
    nudging = Database(db.engine, clock=clock, publisher=OutboxPublisher(RedisNudge(redis)))
    # Polling is far slower than the test's patience: only a nudge delivers in time.
    relay = Relay(db, redis=redis, poll_seconds=60)
    running = asyncio.create_task(relay.run())
    try:
        await doubles.wait_until(lambda: _delivered(db, [early]), what="the first pass")
        await asyncio.wait_for(relay.nudges_ready.wait(), 10)

        await doubles.publish(nudging, late)

        await doubles.wait_until(lambda: _delivered(db, [early, late]), within=10,
                                 what="a nudged delivery")
    finally:
        relay.stop()
        await asyncio.wait_for(running, 10)


async def test_with_redis_down_commits_succeed_and_events_wait_for_polling(
    db: Database, clock: FrozenClock, dead_redis: Redis
) -> None:
    publishing = Database(
        db.engine, clock=clock, publisher=OutboxPublisher(RedisNudge(dead_redis))
    )
    events = [Probed(probe=i) for i in range(3)]

    for event in events:
        await doubles.publish(publishing, event)  # each commit survives its failed nudge

    assert {row.id for row in await _event_rows(db)} == {e.event_id for e in events}
    assert await doubles.effects(db) == Counter()
    relay = Relay(db, redis=dead_redis, poll_seconds=0.05)
    running = asyncio.create_task(relay.run())
    try:
        await doubles.wait_until(lambda: _delivered(db, events), what="polled deliveries")
    finally:
        relay.stop()
        await asyncio.wait_for(running, 10)
    assert not relay.nudges_ready.is_set()
    assert await doubles.effects(db) == _once_each(events)


async def test_events_published_while_redis_was_down_are_delivered_when_it_returns(
    db: Database, clock: FrozenClock, dead_redis: Redis, redis: Redis
) -> None:
    publishing = Database(
        db.engine, clock=clock, publisher=OutboxPublisher(RedisNudge(dead_redis))
    )
    events = [Probed(probe=i) for i in range(3)]
    await doubles.publish(publishing, *events)

    relay = Relay(db, redis=redis, poll_seconds=0.05)
    running = asyncio.create_task(relay.run())
    try:
        await doubles.wait_until(lambda: _delivered(db, events), what="late deliveries")
    finally:
        relay.stop()
        await asyncio.wait_for(running, 10)
    assert await doubles.effects(db) == _once_each(events)


async def test_a_failing_subscriber_backs_off_dies_and_is_replayed(
    db: Database, clock: FrozenClock, settings: Settings
) -> None:
    event = Flaked(probe=7)
    await doubles.publish(db, event)
    base = timedelta(seconds=10)
    relay = Relay(db, max_attempts=3, backoff_base=base)

    await relay.run_until_idle()

    assert (await _delivery(db, event.event_id, STEADY)).status == "done"
    for attempt in (1, 2):
        flaky = await _delivery(db, event.event_id, FLAKY)
        assert (flaky.status, flaky.attempts) == ("pending", attempt)
        ceiling = base * 2 ** (attempt - 1)
        assert clock.now() + ceiling / 2 <= flaky.next_attempt_at <= clock.now() + ceiling
        assert flaky.last_error == "RuntimeError: flaky subscriber refuses probe 7"
        assert await relay.run_until_idle() == 0  # not due before its time
        clock.advance(ceiling)
        assert await relay.run_until_idle() == 1

    flaky = await _delivery(db, event.event_id, FLAKY)
    assert (flaky.status, flaky.attempts) == ("dead", 3)
    assert await doubles.effects(db) == Counter({(event.event_id, "steady"): 1})
    clock.advance(timedelta(days=1))
    assert await relay.run_until_idle() == 0

    listing = io.StringIO()
    assert await list_dead(settings, limit=10, out=listing) == 0
    table = listing.getvalue()
    assert str(event.event_id) in table
    assert "outbox_test.flaked" in table
    assert FLAKY in table
    assert STEADY not in table
    assert "RuntimeError: flaky subscriber refuses probe 7" in table

    doubles.switches.flaky_fails = False
    answer = io.StringIO()
    assert await replay(settings, [str(event.event_id)], replay_all=False, out=answer) == 0
    assert "replayed 1 delivery" in answer.getvalue()
    flaky = await _delivery(db, event.event_id, FLAKY)
    assert (flaky.status, flaky.attempts) == ("pending", 0)

    # The command ran on the system clock; bring the test clock up to it.
    clock.set(datetime.now(UTC) + timedelta(seconds=1))
    assert await relay.run_until_idle() == 1
    assert (await _delivery(db, event.event_id, FLAKY)).status == "done"
    assert await doubles.effects(db) == Counter(
        {(event.event_id, "steady"): 1, (event.event_id, "flaky"): 1}
    )
    empty = io.StringIO()
    assert await list_dead(settings, out=empty) == 0
    assert empty.getvalue() == "no dead deliveries\n"


async def test_replay_refuses_unknown_ids_and_can_replay_everything(
    db: Database, settings: Settings
) -> None:
    events = [Flaked(probe=1), Flaked(probe=2)]
    await doubles.publish(db, *events)
    await Relay(db, max_attempts=1).run_until_idle()
    stranger, out = uuid.uuid4(), io.StringIO()

    assert await replay(settings, [str(events[0].event_id), str(stranger)], replay_all=False,
                        out=out) == 1
    assert await replay(settings, ["not-an-id"], replay_all=False, out=out) == 1
    assert await replay(settings, [], replay_all=False, out=out) == 1

    assert str(stranger) in out.getvalue()
    assert "not-an-id" in out.getvalue()
    assert {s for (_, name), (s, _) in (await doubles.deliveries(db)).items()
            if name == FLAKY} == {"dead"}  # all or nothing
    everything = io.StringIO()
    assert await replay(settings, [], replay_all=True, out=everything) == 0
    assert "replayed 2 deliveries" in everything.getvalue()
    assert (await outbox_counts(db))["dead"] == 0
    nothing = io.StringIO()
    assert await replay(settings, [], replay_all=True, out=nothing) == 0
    assert nothing.getvalue() == "no dead deliveries to replay\n"


async def test_backoff_grows_exponentially_up_to_the_cap(db: Database) -> None:
    relay = Relay(db, backoff_base=timedelta(seconds=2), backoff_cap=timedelta(minutes=1))

    delays = [relay.backoff(attempt) for attempt in range(1, 12)]

    for attempt, delay in enumerate(delays[:5], start=1):
        ceiling = timedelta(seconds=2 * 2 ** (attempt - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert all(timedelta(seconds=30) <= delay <= timedelta(minutes=1) for delay in delays[6:])
    assert relay.backoff(10_000) <= timedelta(minutes=1)


async def test_housekeeping_deletes_only_old_fully_delivered_events(
    db: Database, clock: FrozenClock
) -> None:
    done, dead, waiting = Probed(probe=1), Flaked(probe=2), Flaked(probe=3)
    await doubles.publish(db, done, dead)
    await Relay(db, max_attempts=1).run_until_idle()
    await doubles.publish(db, waiting)
    await Relay(db, max_attempts=5).run_until_idle()  # flaky stays pending, backing off
    clock.advance(timedelta(days=8))
    recent, unfanned = Probed(probe=4), Probed(probe=5)
    await doubles.publish(db, recent)
    await Relay(db, max_attempts=5).run_until_idle()
    await doubles.publish(db, unfanned)

    deleted = await purge_delivered(db, older_than=timedelta(days=7))
    again = await purge_delivered(db, older_than=timedelta(days=7))

    assert (deleted, again) == (1, 0)
    remaining = {row.id for row in await _event_rows(db)}
    assert remaining == {dead.event_id, waiting.event_id, recent.event_id, unfanned.event_id}
    deliveries = await doubles.deliveries(db)
    assert not [key for key in deliveries if key[0] == done.event_id]
    assert deliveries[(dead.event_id, FLAKY)][0] == "dead"
    assert deliveries[(dead.event_id, STEADY)][0] == "done"


async def test_housekeeping_works_in_batches(db: Database, clock: FrozenClock) -> None:
    events = [Probed(probe=i) for i in range(7)]
    await doubles.publish(db, *events)
    await Relay(db).run_until_idle()
    clock.advance(timedelta(days=2))

    assert await purge_delivered(db, older_than=timedelta(days=1), batch_size=3) == 7

    async with db.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxDelivery)) == 0


async def _delivered(db: Database, events: list[Probed]) -> bool:
    return await doubles.effects(db) == _once_each(events)
