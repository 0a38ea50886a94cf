"""The unit of work on real PostgreSQL: one commit per command, nesting, rollback, after-commit
callbacks, and the bounded retry of serialization failures and deadlocks."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from core.shared.db import create_engine
from core.shared.uow import Database, Transaction, command, is_retryable, sqlstate_of

ALWAYS_SERIALIZATION_FAILURE = (
    "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure'; END $$"
)
ALWAYS_DEADLOCK = "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'deadlock_detected'; END $$"


@pytest.fixture
async def table(db: Database) -> AsyncIterator[str]:
    """A scratch table (id, value) of its own, dropped afterwards."""
    name = f"uow_probe_{uuid.uuid4().hex[:10]}"
    async with db.engine.begin() as conn:
        await conn.execute(text(f"CREATE TABLE {name} (id int PRIMARY KEY, value int NOT NULL)"))
    yield name
    async with db.engine.begin() as conn:
        await conn.execute(text(f"DROP TABLE {name}"))


@pytest.fixture
def commits(db: Database) -> Any:
    """Every COMMIT the engine issues, as a list that grows."""
    seen: list[object] = []

    def on_commit(conn: object) -> None:
        seen.append(conn)

    event.listen(db.engine.sync_engine, "commit", on_commit)
    yield seen
    event.remove(db.engine.sync_engine, "commit", on_commit)


async def rows(db: Database, table: str) -> dict[int, int]:
    """What another connection sees right now."""
    async with db.engine.connect() as conn:
        result = await conn.execute(text(f"SELECT id, value FROM {table} ORDER BY id"))
        return {key: value for key, value in result.all()}


async def seed(db: Database, table: str, **values: int) -> None:
    async with db.engine.begin() as conn:
        for key, value in values.items():
            await conn.execute(
                text(f"INSERT INTO {table} (id, value) VALUES (:id, :value)"),
                {"id": int(key.removeprefix("r")), "value": value},
            )


async def checkpoint(reached: asyncio.Event, running: asyncio.Task[Any]) -> None:
    """Wait until the command reaches ``reached``; fail at once if it ends before that."""
    waiter = asyncio.ensure_future(reached.wait())
    await asyncio.wait({waiter, running}, return_when=asyncio.FIRST_COMPLETED)
    if not waiter.done():
        waiter.cancel()
        running.result()  # re-raises what the command died of
        raise AssertionError("the command returned before the checkpoint")


async def meet(barrier: asyncio.Barrier) -> None:
    """Rendezvous of two commands, bounded: a broken partner fails the test, never hangs it."""
    async with asyncio.timeout(10):
        await barrier.wait()


@command
async def insert(tx: Transaction, table: str, key: int, value: int = 0) -> Transaction:
    await tx.session.execute(
        text(f"INSERT INTO {table} (id, value) VALUES (:id, :value)"), {"id": key, "value": value}
    )
    return tx


# --- one transaction per command --------------------------------------------------------------


async def test_a_commands_writes_are_invisible_until_it_returns_and_it_commits_once(
    db: Database, table: str, commits: list[object]
) -> None:
    inside, release = asyncio.Event(), asyncio.Event()

    @command
    async def two_inserts(tx: Transaction) -> str:
        await insert(tx.db, table, 1)
        await insert(tx.db, table, 2)
        inside.set()
        await release.wait()
        return "done"

    running = asyncio.create_task(two_inserts(db))
    try:
        await checkpoint(inside, running)
        seen_meanwhile, commits_meanwhile = await rows(db, table), len(commits)
    finally:
        release.set()
    assert await running == "done"
    assert seen_meanwhile == {}
    assert commits_meanwhile == 0
    assert await rows(db, table) == {1: 0, 2: 0}
    assert len(commits) == 1


async def test_a_nested_command_joins_the_outer_transaction(db: Database, table: str) -> None:
    inner_done, release = asyncio.Event(), asyncio.Event()

    @command
    async def outer(tx: Transaction) -> tuple[Transaction, Transaction]:
        inner_tx = await insert(tx.db, table, 1)
        inner_done.set()
        await release.wait()
        return tx, inner_tx

    running = asyncio.create_task(outer(db))
    try:
        await checkpoint(inner_done, running)
        seen_meanwhile = await rows(db, table)
    finally:
        release.set()
    outer_tx, inner_tx = await running
    assert seen_meanwhile == {}  # the inner command returned but did not commit
    assert inner_tx is outer_tx
    assert await rows(db, table) == {1: 0}


async def test_the_outer_failing_after_the_inner_returned_rolls_back_both(
    db: Database, table: str
) -> None:
    @command
    async def outer(tx: Transaction) -> None:
        await insert(tx.db, table, 1)
        await tx.session.execute(text(f"INSERT INTO {table} (id, value) VALUES (2, 0)"))
        raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError, match="changed my mind"):
        await outer(db)
    assert await rows(db, table) == {}


async def test_an_exception_rolls_back_and_propagates_without_retry(
    db: Database, table: str
) -> None:
    calls = 0

    @command
    async def failing(tx: Transaction) -> None:
        nonlocal calls
        calls += 1
        await insert(tx.db, table, 1)
        raise LookupError("no such shop")

    with pytest.raises(LookupError, match="no such shop"):
        await failing(db)
    assert calls == 1
    assert await rows(db, table) == {}
    assert db.current() is None


async def test_sequential_commands_are_separate_transactions(db: Database, table: str) -> None:
    first = await insert(db, table, 1)
    second = await insert(db, table, 2)
    assert first is not second
    assert db.current() is None
    with pytest.raises(IntegrityError):
        await insert(db, table, 1)
    assert await rows(db, table) == {1: 0, 2: 0}


async def test_the_transaction_carries_the_databases_clock(db: Database) -> None:
    @command
    async def now(tx: Transaction) -> object:
        return tx.clock.now()

    assert await now(db) == db.clock.now()


# --- after commit -----------------------------------------------------------------------------


async def test_after_commit_runs_only_after_the_commit(db: Database, table: str) -> None:
    seen: list[tuple[str, dict[int, int]]] = []
    body_finished = False

    async def record(label: str) -> None:
        assert body_finished
        seen.append((label, await rows(db, table)))

    @command
    async def inner(tx: Transaction) -> None:
        await insert(tx.db, table, 1)
        tx.after_commit(lambda: record("inner"))

    @command
    async def outer(tx: Transaction) -> None:
        nonlocal body_finished
        await inner(tx.db)
        tx.after_commit(lambda: record("outer"))
        assert seen == []
        body_finished = True

    await outer(db)
    # In registration order, each seeing the committed row from another connection.
    assert seen == [("inner", {1: 0}), ("outer", {1: 0})]


async def test_after_commit_never_runs_on_rollback(db: Database, table: str) -> None:
    ran: list[str] = []

    async def callback() -> None:
        ran.append("ran")

    @command
    async def failing(tx: Transaction) -> None:
        await insert(tx.db, table, 1)
        tx.after_commit(callback)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing(db)
    assert ran == []


async def test_a_failing_callback_does_not_undo_the_commit(db: Database, table: str) -> None:
    ran: list[str] = []

    async def broken() -> None:
        raise ConnectionError("telegram is down")

    async def fine() -> None:
        ran.append("fine")

    @command
    async def work(tx: Transaction) -> str:
        await insert(tx.db, table, 1)
        tx.after_commit(broken)
        tx.after_commit(fine)
        return "result"

    assert await work(db) == "result"
    assert ran == ["fine"]
    assert await rows(db, table) == {1: 0}


# --- retries ----------------------------------------------------------------------------------


async def test_concurrent_serializable_read_modify_write_is_retried(
    db: Database, table: str
) -> None:
    await seed(db, table, r1=0)
    barrier = asyncio.Barrier(2)
    attempts: list[str] = []
    committed: list[str] = []

    @command
    async def increment(tx: Transaction, who: str) -> None:
        first_attempt = who not in attempts
        attempts.append(who)
        await tx.session.execute(text("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
        value = (await tx.session.execute(text(f"SELECT value FROM {table} WHERE id = 1"))).scalar()
        if first_attempt:
            await meet(barrier)  # both have read the same value: now they truly conflict
        await tx.session.execute(
            text(f"UPDATE {table} SET value = :value WHERE id = 1"), {"value": value + 1}
        )

        async def done() -> None:
            committed.append(who)

        tx.after_commit(done)

    await asyncio.gather(increment(db, "a"), increment(db, "b"))
    assert await rows(db, table) == {1: 2}
    assert len(attempts) >= 3  # at least one of the two ran again
    assert sorted(committed) == ["a", "b"]  # a failed attempt's callbacks are dropped


async def test_write_skew_failing_at_commit_is_retried(db: Database, table: str) -> None:
    # Two couriers on shift; each may leave only if another stays. Serializable isolation turns
    # the second leaver's commit into a serialization failure; the retry sees the first leave.
    await seed(db, table, r1=1, r2=1)
    barrier = asyncio.Barrier(2)
    attempts: list[int] = []

    @command
    async def leave(tx: Transaction, me: int) -> bool:
        first_attempt = me not in attempts
        attempts.append(me)
        await tx.session.execute(text("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
        on_shift = (await tx.session.execute(text(f"SELECT sum(value) FROM {table}"))).scalar()
        if first_attempt:
            await meet(barrier)
        if on_shift < 2:
            return False
        await tx.session.execute(text(f"UPDATE {table} SET value = 0 WHERE id = :me"), {"me": me})
        return True

    left = await asyncio.gather(leave(db, 1), leave(db, 2))
    assert sorted(left) == [False, True]
    assert sum((await rows(db, table)).values()) == 1
    assert len(attempts) >= 3


async def test_a_deadlock_is_retried_and_both_complete(db: Database, table: str) -> None:
    await seed(db, table, r1=0, r2=0)
    barrier = asyncio.Barrier(2)
    attempts: list[str] = []

    @command
    async def bump_both(tx: Transaction, who: str, first: int, second: int) -> None:
        first_attempt = who not in attempts
        attempts.append(who)
        # Superuser in tests: detect the deadlock quickly instead of after the default second.
        await tx.session.execute(text("SET LOCAL deadlock_timeout = '50ms'"))
        bump = text(f"UPDATE {table} SET value = value + 1 WHERE id = :id")
        await tx.session.execute(bump, {"id": first})
        if first_attempt:
            await meet(barrier)  # each holds one row and now reaches for the other's
        await tx.session.execute(bump, {"id": second})

    await asyncio.gather(bump_both(db, "a", 1, 2), bump_both(db, "b", 2, 1))
    assert await rows(db, table) == {1: 2, 2: 2}
    assert len(attempts) >= 3


async def test_a_non_retryable_database_error_is_not_retried(db: Database) -> None:
    calls = 0

    @command
    async def divide(tx: Transaction) -> None:
        nonlocal calls
        calls += 1
        await tx.session.execute(text("SELECT 1 / 0"))

    with pytest.raises(DBAPIError) as raised:
        await divide(db)
    assert calls == 1
    assert sqlstate_of(raised.value) == "22012"
    assert not is_retryable(raised.value)


@pytest.mark.parametrize(
    ("statement", "sqlstate", "max_attempts"),
    [
        (ALWAYS_SERIALIZATION_FAILURE, "40001", 3),
        (ALWAYS_DEADLOCK, "40P01", 2),
        (ALWAYS_SERIALIZATION_FAILURE, "40001", 1),
    ],
)
async def test_retries_are_bounded(
    db: Database, statement: str, sqlstate: str, max_attempts: int
) -> None:
    bounded = Database(db.engine, clock=db.clock, max_attempts=max_attempts)
    calls = 0

    @command
    async def doomed(tx: Transaction) -> None:
        nonlocal calls
        calls += 1
        await tx.session.execute(text(statement))

    with pytest.raises(DBAPIError) as raised:
        await doomed(bounded)
    assert calls == max_attempts
    assert sqlstate_of(raised.value) == sqlstate
    assert is_retryable(raised.value)


async def test_a_retry_reruns_the_whole_outer_command(db: Database, table: str) -> None:
    outer_calls = 0

    @command
    async def flaky_inner(tx: Transaction) -> None:
        if outer_calls == 1:
            await tx.session.execute(text(ALWAYS_SERIALIZATION_FAILURE))

    @command
    async def outer(tx: Transaction) -> None:
        nonlocal outer_calls
        outer_calls += 1
        await insert(tx.db, table, 1)  # rolled back with attempt 1, or attempt 2 would collide
        await flaky_inner(tx.db)

    await outer(db)
    assert outer_calls == 2
    assert await rows(db, table) == {1: 0}


async def test_commands_of_another_database_do_not_join(db: Database, table: str) -> None:
    other = Database(db.engine, clock=db.clock)

    @command
    async def outer(tx: Transaction) -> bool:
        inner_tx = await insert(other, table, 1)
        return inner_tx is tx

    assert await outer(db) is False
    assert await rows(db, table) == {1: 0}


async def test_a_task_spawned_inside_a_command_gets_its_own_transaction(
    db: Database, table: str
) -> None:
    @command
    async def outer(tx: Transaction) -> tuple[Transaction, Transaction, Transaction]:
        await insert(tx.db, table, 1)
        # A session is not safe for concurrent use: concurrent tasks must not share this one.
        first, second = await asyncio.gather(insert(tx.db, table, 2), insert(tx.db, table, 3))
        return tx, first, second

    outer_tx, first, second = await outer(db)
    assert len({id(outer_tx), id(first), id(second)}) == 3
    assert await rows(db, table) == {1: 0, 2: 0, 3: 0}


async def test_a_task_outliving_its_command_does_not_use_the_closed_transaction(
    db: Database, table: str
) -> None:
    spawned: list[asyncio.Task[Transaction]] = []

    @command
    async def outer(tx: Transaction) -> Transaction:
        spawned.append(asyncio.create_task(insert(tx.db, table, 2)))
        return tx

    outer_tx = await outer(db)
    assert await spawned[0] is not outer_tx
    assert await rows(db, table) == {2: 0}


def test_no_transaction_outside_an_event_loop() -> None:
    idle = Database(create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none"))
    assert idle.current() is None
