"""The transactional outbox: events stored with the change that caused them, then relayed.

Publishing (``tx.publish``) inserts an ``outbox_events`` row in the caller's transaction, so a
rolled-back transaction publishes nothing; after the commit a Redis message nudges the relays
(best effort: polling finds the row anyway). The relay (``fruktgo worker``) fans each event out
into one ``outbox_deliveries`` row per subscriber registered in this process, then claims due
deliveries with ``FOR UPDATE SKIP LOCKED`` (so any number of workers may run) and calls the
subscriber inside that same transaction: the delivery row marked done in the subscriber's own
transaction is the inbox that makes its effect happen exactly once. A relay killed mid-delivery
never commits, so the row stays pending and is delivered again later. A failing subscriber is
retried with exponential backoff and jitter and, after ``max_attempts``, left ``dead`` for an
operator (``fruktgo events dead`` / ``fruktgo events replay``). Housekeeping deletes delivered
events after the retention period; dead letters stay.
"""

from __future__ import annotations

import random
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, cast

import structlog
from redis.asyncio import Redis
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    and_,
    delete,
    exists,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.config import Settings
from core.shared.db import Base
from core.shared.events import (
    Event,
    find_subscription,
    from_payload,
    require_event,
    subscriber_names,
    subscribers_for,
    to_payload,
)
from core.shared.nudges import Nudge, RedisWake
from core.shared.tasks import TaskContext, task
from core.shared.uow import Database, Transaction
from core.shared.wakeups import Wakeups

log = structlog.get_logger(__name__)

NUDGE_CHANNEL = "fruktgo:outbox:nudge"
_ERROR_LIMIT = 2000


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    DEAD = "dead"


class OutboxEvent(Base):
    """A published event; ``fanned_out_at`` is set once its deliveries exist."""

    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_events_unfanned", "id", postgresql_where=text("fanned_out_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    fanned_out_at: Mapped[datetime | None]


class OutboxDelivery(Base):
    """One event for one subscriber: the relay's work item and the subscriber's inbox."""

    __tablename__ = "outbox_deliveries"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'dead')", name="status"),
        Index(
            "ix_outbox_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_outbox_deliveries_dead", "updated_at", postgresql_where=text("status = 'dead'")),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("outbox_events.id", ondelete="CASCADE"), primary_key=True
    )
    subscriber: Mapped[str] = mapped_column(String(200), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]


_events = cast(Table, OutboxEvent.__table__)
_deliveries = cast(Table, OutboxDelivery.__table__)

# Built once: every command that publishes runs it, checkout among them.
_INSERT_EVENT = _events.insert()


# -- publishing ----------------------------------------------------------------------------


class OutboxPublisher:
    """The ``Database`` publisher: writes the outbox row, then nudges relays after commit."""

    def __init__(self, nudge: Nudge | None = None) -> None:
        self._nudge = nudge
        self._nudging: weakref.WeakSet[Transaction] = weakref.WeakSet()

    async def __call__(self, tx: Transaction, event: Event) -> None:
        require_event(event)
        await tx.session.execute(
            _INSERT_EVENT,
            {
                "id": event.event_id,
                "name": event.event_name,
                "payload": to_payload(event),
                "occurred_at": tx.clock.now(),
            },
        )
        if self._nudge is not None and tx not in self._nudging:
            self._nudging.add(tx)  # one nudge per transaction, however many events
            tx.after_commit(self._nudge)


publish_to_outbox = OutboxPublisher()
"""A publisher without nudges: relays find its events by polling (tests, scripts)."""


class RedisNudge(RedisWake):
    """Wakes the relays through Redis pub/sub; failures are logged ("outbox.nudge_failed") and
    never raised: the relays poll, so a missed nudge only delays delivery by one poll interval."""

    def __init__(self, redis: Redis, *, timeout: float = 0.5, pause_seconds: float = 5.0) -> None:
        super().__init__(
            redis, NUDGE_CHANNEL, "outbox", timeout=timeout, pause_seconds=pause_seconds
        )


# -- relaying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    event_id: uuid.UUID
    event_name: str
    subscriber: str
    attempts: int


class Relay:
    """Delivers outbox events to their subscribers, at least once, each effect exactly once."""

    def __init__(
        self,
        db: Database,
        *,
        redis: Redis | None = None,
        poll_seconds: float = 1.0,
        max_attempts: int = 8,
        backoff_base: timedelta = timedelta(seconds=5),
        backoff_cap: timedelta = timedelta(hours=1),
        batch_size: int = 100,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.poll_seconds = poll_seconds
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.batch_size = batch_size
        self._redis = redis
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self._wakeups = Wakeups(redis, NUDGE_CHANNEL, "outbox")
        self._stopping = self._wakeups.stopping
        self._nudged = self._wakeups.nudged
        self.nudges_ready = self._wakeups.ready
        """Set while the relay is subscribed to nudges (tests wait for it)."""

    @classmethod
    def from_settings(cls, db: Database, redis: Redis | None, settings: Settings) -> Relay:
        """A relay configured by ``FRUKTGO_OUTBOX_*`` settings."""
        return cls(
            db,
            redis=redis,
            poll_seconds=settings.outbox_poll_seconds,
            max_attempts=settings.outbox_max_attempts,
        )

    def stop(self) -> None:
        """Ask ``run`` to return once the delivery in progress (if any) has finished."""
        self._stopping.set()

    async def run(self) -> None:
        """Relay until ``stop()``: work, then wait for a nudge or the poll interval."""
        await self._wakeups.loop(self._work, poll_seconds=self.poll_seconds, label="outbox.relay")

    async def run_until_idle(self) -> int:
        """Fan out and deliver until nothing is due; returns the delivery attempts made."""
        return await self._work()

    async def _work(self) -> int:
        attempts = 0
        while not self._stopping.is_set():
            fanned = await self.fan_out()
            delivered = 0
            while not self._stopping.is_set() and await self.deliver_next():
                delivered += 1
            attempts += delivered
            if not fanned and not delivered:
                break
        return attempts

    async def fan_out(self) -> int:
        """Create the deliveries of new events for the subscribers registered here."""
        total = 0
        while True:
            count = await self.db.run(self._fan_out_batch)
            total += count
            if count < self.batch_size:
                return total

    async def _fan_out_batch(self, tx: Transaction) -> int:
        rows = (
            await tx.session.execute(
                select(_events.c.id, _events.c.name)
                .where(_events.c.fanned_out_at.is_(None))
                .order_by(_events.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if not rows:
            return 0
        now = tx.clock.now()
        deliveries = [
            {
                "event_id": row.id,
                "subscriber": subscription.name,
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for row in rows
            for subscription in subscribers_for(row.name)
        ]
        if deliveries:
            await tx.session.execute(
                pg_insert(_deliveries).values(deliveries).on_conflict_do_nothing()
            )
        await tx.session.execute(
            update(_events)
            .where(_events.c.id.in_([row.id for row in rows]))
            .values(fanned_out_at=now)
        )
        return len(rows)

    async def deliver_next(self) -> bool:
        """Claim one due delivery and run its subscriber; False when none is due."""
        names = subscriber_names()
        if not names:
            return False
        claim: _Claim | None = None

        async def attempt(tx: Transaction) -> bool:
            nonlocal claim
            claim = None
            row = (
                await tx.session.execute(
                    select(
                        _deliveries.c.event_id,
                        _deliveries.c.subscriber,
                        _deliveries.c.attempts,
                        _events.c.name,
                        _events.c.payload,
                        _events.c.occurred_at,
                    )
                    .join(_events, _events.c.id == _deliveries.c.event_id)
                    .where(
                        _deliveries.c.status == DeliveryStatus.PENDING.value,
                        _deliveries.c.next_attempt_at <= tx.clock.now(),
                        _deliveries.c.subscriber.in_(sorted(names)),
                    )
                    .order_by(_deliveries.c.next_attempt_at, _deliveries.c.event_id)
                    .limit(1)
                    .with_for_update(of=_deliveries, skip_locked=True)
                )
            ).one_or_none()
            if row is None:
                return False
            claim = _Claim(row.event_id, row.name, row.subscriber, row.attempts)
            subscription = find_subscription(row.name, row.subscriber)
            if subscription is None:
                raise LookupError(f"no subscriber {row.subscriber!r} of {row.name!r} here")
            event = from_payload(
                row.name, row.payload, event_id=row.event_id, occurred_at=row.occurred_at
            )
            # The subscriber runs in this transaction: its effect and "done" commit together.
            await subscription.handler(tx, event)
            now = tx.clock.now()
            await tx.session.execute(
                update(_deliveries)
                .where(_is(claim))
                .values(
                    status=DeliveryStatus.DONE.value,
                    attempts=_deliveries.c.attempts + 1,
                    delivered_at=now,
                    updated_at=now,
                )
            )
            return True

        try:
            return await self.db.run(attempt)
        except Exception as exc:
            if claim is None:
                raise
            await self._record_failure(claim, exc)
            return True

    def backoff(self, attempts: int) -> timedelta:
        """Delay before the next try after ``attempts`` failures: exponential, jittered."""
        doublings = min(max(attempts - 1, 0), 32)  # bounded: timedelta overflows eventually
        ceiling = min(self.backoff_cap, self.backoff_base * (1 << doublings))
        return ceiling * self._rng.uniform(0.5, 1.0)

    async def _record_failure(self, claim: _Claim, exc: Exception) -> None:
        attempts = claim.attempts + 1
        dead = attempts >= self.max_attempts
        error = _describe(exc)

        async def record(tx: Transaction) -> datetime | None:
            now = tx.clock.now()
            next_at = now if dead else now + self.backoff(attempts)
            result = await tx.session.execute(
                update(_deliveries)
                .where(
                    _is(claim),
                    _deliveries.c.status == DeliveryStatus.PENDING.value,
                    _deliveries.c.attempts == claim.attempts,
                )
                .values(
                    status=(DeliveryStatus.DEAD if dead else DeliveryStatus.PENDING).value,
                    attempts=attempts,
                    last_error=error,
                    next_attempt_at=next_at,
                    updated_at=now,
                )
                .returning(_deliveries.c.next_attempt_at)
            )
            stored: datetime | None = result.scalar_one_or_none()
            return stored

        next_at = await self.db.run(record)
        if next_at is None:  # another relay got to this row first
            return
        fields = {
            "event_id": str(claim.event_id),
            "event_name": claim.event_name,
            "subscriber": claim.subscriber,
            "attempts": attempts,
            "error": error,
        }
        if dead:
            log.error("outbox.dead", **fields, exc_info=exc)
        else:
            log.warning("outbox.retry", **fields, next_attempt_at=next_at.isoformat())


def _is(claim: _Claim) -> Any:
    return and_(
        _deliveries.c.event_id == claim.event_id, _deliveries.c.subscriber == claim.subscriber
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:_ERROR_LIMIT]


# -- dead letters --------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadDelivery:
    event_id: uuid.UUID
    event_name: str
    subscriber: str
    attempts: int
    last_error: str | None
    dead_since: datetime


@dataclass(frozen=True)
class ReplayResult:
    replayed: int
    unknown: list[uuid.UUID]


async def dead_deliveries(db: Database, *, limit: int = 50) -> list[DeadDelivery]:
    """The most recently buried deliveries first."""

    async def query(tx: Transaction) -> list[DeadDelivery]:
        rows = await tx.session.execute(
            select(
                _deliveries.c.event_id,
                _events.c.name,
                _deliveries.c.subscriber,
                _deliveries.c.attempts,
                _deliveries.c.last_error,
                _deliveries.c.updated_at,
            )
            .join(_events, _events.c.id == _deliveries.c.event_id)
            .where(_deliveries.c.status == DeliveryStatus.DEAD.value)
            .order_by(_deliveries.c.updated_at.desc(), _deliveries.c.event_id)
            .limit(limit)
        )
        return [DeadDelivery(*row) for row in rows]

    return await db.run(query)


async def replay_dead(db: Database, event_ids: Sequence[uuid.UUID] | None) -> ReplayResult:
    """Make the dead deliveries of ``event_ids`` (all with None) pending again, attempts 0.

    All or nothing: when an id has no dead delivery, nothing is replayed and it is reported.
    """

    async def replay(tx: Transaction) -> ReplayResult:
        dead = _deliveries.c.status == DeliveryStatus.DEAD.value
        condition = dead
        if event_ids is not None:
            wanted = list(dict.fromkeys(event_ids))
            found = set(
                (
                    await tx.session.execute(
                        select(_deliveries.c.event_id)
                        .where(dead, _deliveries.c.event_id.in_(wanted))
                        .distinct()
                    )
                ).scalars()
            )
            unknown = [event_id for event_id in wanted if event_id not in found]
            if unknown:
                return ReplayResult(0, unknown)
            condition = and_(dead, _deliveries.c.event_id.in_(wanted))
        now = tx.clock.now()
        result = await tx.session.execute(
            update(_deliveries)
            .where(condition)
            .values(
                status=DeliveryStatus.PENDING.value,
                attempts=0,
                next_attempt_at=now,
                updated_at=now,
            )
            .returning(_deliveries.c.event_id)
        )
        return ReplayResult(len(result.all()), [])

    return await db.run(replay)


# -- housekeeping --------------------------------------------------------------------------


async def purge_delivered(db: Database, *, older_than: timedelta, batch_size: int = 1000) -> int:
    """Delete events older than ``older_than`` whose every delivery is done; returns the count.

    Events with a pending or dead delivery stay, and so do their deliveries.
    """

    async def purge_batch(tx: Transaction) -> int:
        cutoff = tx.clock.now() - older_than
        unfinished = exists().where(
            _deliveries.c.event_id == _events.c.id,
            _deliveries.c.status != DeliveryStatus.DONE.value,
        )
        doomed = (
            select(_events.c.id)
            .where(
                _events.c.fanned_out_at.is_not(None),
                _events.c.occurred_at < cutoff,
                ~unfinished,
            )
            .order_by(_events.c.id)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
        result = await tx.session.execute(
            delete(_events).where(_events.c.id.in_(doomed)).returning(_events.c.id)
        )
        return len(result.all())

    total = 0
    while True:
        count = await db.run(purge_batch)
        total += count
        if count < batch_size:
            return total


async def outbox_counts(db: Database) -> dict[str, int]:
    """Deliveries by status plus events not yet fanned out, for operators and metrics."""

    async def query(tx: Transaction) -> dict[str, int]:
        counts = {status.value: 0 for status in DeliveryStatus}
        rows = await tx.session.execute(
            select(_deliveries.c.status, func.count()).group_by(_deliveries.c.status)
        )
        counts.update({status: count for status, count in rows})
        counts["unfanned"] = (
            await tx.session.execute(
                select(func.count()).select_from(_events).where(_events.c.fanned_out_at.is_(None))
            )
        ).scalar_one()
        return counts

    return await db.run(query)


@task("outbox.housekeeping", schedule="*/10 * * * *")
async def outbox_housekeeping(ctx: TaskContext) -> int:
    """Delete delivered events past ``FRUKTGO_OUTBOX_RETENTION_DAYS``; idempotent."""
    deleted = await purge_delivered(
        ctx.db, older_than=timedelta(days=ctx.settings.outbox_retention_days)
    )
    log.info("outbox.housekeeping", deleted=deleted)
    return deleted
