"""The unit of work: one transaction per public api command.

A command is written as ``@command async def do(tx: Transaction, ...)`` and called as
``await do(db, ...)``. The outermost call opens a transaction, runs the body and commits once,
retrying the whole body a bounded number of times with jitter on serialization failures and
deadlocks, and once at once when its connection turns out dead before the commit (PostgreSQL
restarted: the pool then drops every connection older than that, so the retry gets a fresh one).
That is instead of pinging each connection as it leaves the pool, a round trip per transaction
that cost ~15% of a bot update's CPU to guard against something that happens on a restart.

A command called while another one is running in the same task joins the outer transaction
(found through a context variable), so composite operations commit or roll back as one. Network
calls do not belong inside: ``tx.after_commit`` queues work for after the commit.
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import structlog
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.shared.clock import Clock, SystemClock
from core.shared.db import create_sessionmaker

if TYPE_CHECKING:
    from core.shared.events import Event

log = structlog.get_logger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# SQLSTATEs worth retrying: serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})

AfterCommit = Callable[[], Awaitable[None]]
Publisher = Callable[["Transaction", "Event"], Awaitable[None]]


@dataclass(eq=False)
class Transaction:
    """The running unit of work: the session, the clock and what to do after commit."""

    db: Database
    session: AsyncSession
    _after_commit: list[AfterCommit] = field(default_factory=list)
    # Tasks spawned inside a command inherit the context variable; they must not share the
    # session (it is not safe for concurrent use, and may be closed by the time they run).
    _task: asyncio.Task[Any] | None = field(default_factory=lambda: _running_task(), repr=False)

    @property
    def clock(self) -> Clock:
        return self.db.clock

    def after_commit(self, callback: AfterCommit) -> None:
        """Run ``callback`` once the outermost transaction has committed (never on rollback)."""
        self._after_commit.append(callback)

    async def publish(self, event: Event) -> None:
        """Record ``event`` in the outbox inside this transaction."""
        if self.db.publisher is None:
            raise RuntimeError("no event publisher is configured on this Database")
        await self.db.publisher(self, event)


_current: ContextVar[Transaction | None] = ContextVar("fruktgo_transaction", default=None)


def _running_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop in this thread
        return None


class Database:
    """Engine, sessions and the transaction policy, built once per process."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        clock: Clock | None = None,
        max_attempts: int = 5,
        publisher: Publisher | None = None,
    ) -> None:
        self.engine = engine
        self.sessionmaker: async_sessionmaker[AsyncSession] = create_sessionmaker(engine)
        self.clock: Clock = clock or SystemClock()
        self.max_attempts = max_attempts
        self.publisher = publisher

    async def dispose(self) -> None:
        """Close the pool's connections."""
        await self.engine.dispose()

    def current(self) -> Transaction | None:
        """The transaction this task is running on this database, if any."""
        tx = _current.get()
        if tx is None or tx.db is not self or tx._task is not _running_task():
            return None
        return tx

    async def run(self, body: Callable[[Transaction], Awaitable[R]]) -> R:
        """Run ``body`` in a transaction: join the current one or open, retry and commit."""
        joined = self.current()
        if joined is not None:
            return await body(joined)
        attempt = 1
        reconnected = False
        while True:
            try:
                return await self._run_once(body)
            except _DeadConnection as dead:
                if reconnected:  # a fresh connection failed too: the database is away
                    raise dead.error from None
                reconnected = True
                log.warning("transaction.reconnecting", error=str(dead.error.orig))
            except DBAPIError as exc:
                if not is_retryable(exc):
                    raise
                if attempt >= self.max_attempts:
                    log.warning("transaction.retries_exhausted", attempts=attempt,
                                sqlstate=sqlstate_of(exc))
                    raise
                delay = min(0.5, 0.01 * 2**attempt) * random.uniform(0.5, 1.5)  # noqa: S311
                log.info("transaction.retry", attempt=attempt, delay=round(delay, 3),
                         sqlstate=sqlstate_of(exc))
                attempt += 1
                await asyncio.sleep(delay)

    async def _run_once(self, body: Callable[[Transaction], Awaitable[R]]) -> R:
        async with self.sessionmaker() as session:
            tx = Transaction(self, session)
            token = _current.set(tx)
            try:
                async with session.begin():
                    try:
                        result = await body(tx)
                    except DBAPIError as exc:
                        # Before the commit nothing was written: running again is safe. A
                        # connection lost during the commit is not retried (it may have landed).
                        if exc.connection_invalidated:
                            raise _DeadConnection(exc) from exc
                        raise
            finally:
                _current.reset(token)
        for callback in tx._after_commit:
            try:
                await callback()
            except Exception:  # the commit stands; a failed side effect is logged, not raised
                log.exception("transaction.after_commit_failed")
        return result


class _DeadConnection(Exception):
    """The body's connection was found dead (and the pool refreshed) before any commit."""

    def __init__(self, error: DBAPIError) -> None:
        super().__init__(str(error))
        self.error = error


def sqlstate_of(exc: DBAPIError) -> str | None:
    """PostgreSQL's SQLSTATE behind a driver error, whichever driver raised it."""
    orig: Any = exc.orig
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def is_retryable(exc: DBAPIError) -> bool:
    """Whether running the whole transaction again may succeed (serialization, deadlock)."""
    return sqlstate_of(exc) in RETRYABLE_SQLSTATES


def command(
    fn: Callable[Concatenate[Transaction, P], Awaitable[R]],
) -> Callable[Concatenate[Database, P], Awaitable[R]]:
    """Make ``fn(tx, ...)`` a public command called as ``fn(db, ...)``: one transaction."""

    @functools.wraps(fn)
    async def wrapper(db: Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return await db.run(lambda tx: fn(tx, *args, **kwargs))

    return wrapper
