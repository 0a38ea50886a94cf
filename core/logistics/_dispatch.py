"""Dispatch: offering searching deliveries to the best free courier near the shop.

A pass (``Dispatcher.run_once``) first expires open offers whose ``OFFER_TTL`` ran out
(``logistics.offer_expired``; the delivery is free for the next courier), then takes searching
deliveries without an open offer one at a time, soonest promised first, each in a transaction
that locks its row with ``SKIP LOCKED`` (so any number of dispatchers cooperate), and offers it
to the best candidate (``logistics.offer_made``). A delivery nobody can take now waits for the
next pass; one searching too long is flagged by the SLA check.

Candidates (``choose_courier``): couriers with a live position at most ``POSITION_MAX_AGE`` old
within ``SEARCH_RADIUS_M`` of the shop (core.geo, one GEOSEARCH), approved, on shift and not on
a break with free capacity (core.workforce, one query), holding no open offer and never asked
about this delivery before (one query). The best has the lowest score: minutes to the shop by
their vehicle (core.geo's ETA) plus ``BUSY_PENALTY_MINUTES`` per delivery already in hand, so a
free courier a little farther away beats a loaded one next door; ties go to the nearer one.
The partial unique indexes on offers back the rules up: when two dispatchers pick the same
courier at once, the second insert does nothing and that dispatcher tries its next candidate.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

import structlog
from redis.asyncio import Redis
from sqlalchemy import exists, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.geo.api import nearest_couriers, travel_minutes
from core.geo.schemas import Point, TravelMode
from core.logistics import _deliveries
from core.logistics._models import Delivery, DeliveryOffer
from core.logistics._nudge import NUDGE_CHANNEL
from core.logistics.events import OfferExpired, OfferMade
from core.logistics.schemas import DeliveryStatus, OfferStatus
from core.shared.ids import new_id
from core.shared.uow import Database, Transaction
from core.shared.wakeups import Wakeups
from core.workforce.api import couriers_on_shift

log = structlog.get_logger(__name__)

OFFER_TTL: Final = timedelta(seconds=45)
"""How long a courier has to answer an offer before it goes to the next one."""
SEARCH_RADIUS_M: Final = 5_000
POSITION_MAX_AGE: Final = timedelta(minutes=3)
BUSY_PENALTY_MINUTES: Final = 5
CANDIDATES: Final = 50
"""Nearest fresh positions considered per delivery."""

_OPEN = OfferStatus.OPEN.value
_SEARCHING = DeliveryStatus.SEARCHING.value


@dataclass(frozen=True, slots=True)
class Candidate:
    courier_id: int
    distance_m: float
    score: int


@dataclass(frozen=True, slots=True)
class DispatchPass:
    """What one pass did."""

    expired: int
    offered: int
    unmatched: int  # searching deliveries nobody could take this time


async def _ranked(
    tx: Transaction, redis: Redis, delivery_id: uuid.UUID, pickup: Point, now: datetime
) -> list[Candidate]:
    near = await nearest_couriers(
        redis,
        pickup,
        radius_m=SEARCH_RADIUS_M,
        now=now,
        max_age=POSITION_MAX_AGE,
        limit=CANDIDATES,
    )
    if not near:
        return []
    on_shift = await couriers_on_shift(tx.db, [found.courier_id for found in near])
    free = {cid: courier for cid, courier in on_shift.items() if courier.free_capacity > 0}
    if not free:
        return []
    taken = set(
        await tx.session.scalars(
            select(DeliveryOffer.courier_id).where(
                DeliveryOffer.courier_id.in_(list(free)),
                or_(DeliveryOffer.status == _OPEN, DeliveryOffer.delivery_id == delivery_id),
            )
        )
    )
    ranked = [
        Candidate(
            found.courier_id,
            found.distance_m,
            travel_minutes(found.distance_m, TravelMode(free[found.courier_id].vehicle.value))
            + BUSY_PENALTY_MINUTES * free[found.courier_id].active_deliveries,
        )
        for found in near
        if found.courier_id in free and found.courier_id not in taken
    ]
    ranked.sort(key=lambda c: (c.score, c.distance_m, c.courier_id))
    return ranked


async def choose_courier(
    db: Database, redis: Redis, delivery_id: uuid.UUID, *, now: datetime
) -> int | None:
    """The courier dispatch would offer the delivery to now, or None when nobody fits."""

    async def choose(tx: Transaction) -> int | None:
        row = await _deliveries.load(tx, delivery_id)
        pickup = Point(row.pickup_lat, row.pickup_lon)
        ranked = await _ranked(tx, redis, row.id, pickup, now)
        return ranked[0].courier_id if ranked else None

    return await db.run(choose)


async def expire_offers(db: Database, *, batch_size: int = 500) -> int:
    """Close open offers whose time ran out; returns how many."""

    async def batch(tx: Transaction) -> int:
        now = tx.clock.now()
        due = (
            select(DeliveryOffer.id)
            .where(DeliveryOffer.status == _OPEN, DeliveryOffer.expires_at <= now)
            .order_by(DeliveryOffer.expires_at, DeliveryOffer.id)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
        closed = (
            await tx.session.execute(
                update(DeliveryOffer)
                .where(DeliveryOffer.id.in_(due), DeliveryOffer.status == _OPEN)
                .values(status=OfferStatus.EXPIRED.value, answered_at=now)
                .returning(DeliveryOffer.id, DeliveryOffer.delivery_id, DeliveryOffer.courier_id)
            )
        ).all()
        if not closed:
            return 0
        rows = {
            row.id: row
            for row in await tx.session.scalars(
                select(Delivery).where(Delivery.id.in_({c.delivery_id for c in closed}))
            )
        }
        for offer_id, delivery_id, courier_id in sorted(closed):
            await tx.publish(
                OfferExpired(
                    **_deliveries.facts(rows[delivery_id]),
                    offer_id=offer_id,
                    courier_id=courier_id,
                )
            )
        return len(closed)

    total = 0
    while True:
        count = await db.run(batch)
        total += count
        if count < batch_size:
            return total


async def _offer_next(
    tx: Transaction, redis: Redis, skipped: Collection[uuid.UUID]
) -> tuple[uuid.UUID, bool] | None:
    """Offer the most urgent searching delivery without an open offer (that no other
    dispatcher holds) to its best candidate: its id and whether an offer was made; None when
    there is none to take."""
    open_offer = exists().where(
        DeliveryOffer.delivery_id == Delivery.id, DeliveryOffer.status == _OPEN
    )
    query = select(Delivery).where(Delivery.status == _SEARCHING, ~open_offer)
    if skipped:
        query = query.where(Delivery.id.not_in(list(skipped)))
    row = await tx.session.scalar(
        query.order_by(Delivery.promised_at, Delivery.id)
        .limit(1)
        .with_for_update(of=Delivery, skip_locked=True),
        execution_options={"populate_existing": True},
    )
    if row is None:
        return None
    now = tx.clock.now()
    pickup = Point(row.pickup_lat, row.pickup_lon)
    for candidate in await _ranked(tx, redis, row.id, pickup, now):
        expires_at = now + OFFER_TTL
        distance = round(candidate.distance_m)
        offer_id = await tx.session.scalar(
            pg_insert(DeliveryOffer)
            .values(
                id=new_id(),
                delivery_id=row.id,
                courier_id=candidate.courier_id,
                status=_OPEN,
                distance_m=distance,
                expires_at=expires_at,
                created_at=now,
            )
            # Another dispatcher made this courier an offer a moment ago: try the next one.
            .on_conflict_do_nothing()
            .returning(DeliveryOffer.id)
        )
        if offer_id is None:
            continue
        await tx.publish(
            OfferMade(
                **_deliveries.facts(row),
                offer_id=offer_id,
                courier_id=candidate.courier_id,
                expires_at=expires_at,
                distance_m=distance,
            )
        )
        return row.id, True
    return row.id, False


class Dispatcher:
    """Offers deliveries to couriers until stopped; safe to run in several processes at once."""

    def __init__(
        self,
        db: Database,
        redis: Redis,
        *,
        poll_seconds: float = 1.0,
        batch_size: int = 100,
    ) -> None:
        self.db = db
        self.redis = redis
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        self._wakeups = Wakeups(redis, NUDGE_CHANNEL, "logistics")
        self._stopping = self._wakeups.stopping
        self.nudges_ready = self._wakeups.ready
        """Set while the dispatcher is subscribed to nudges (tests wait for it)."""

    def stop(self) -> None:
        """Ask ``run`` to return once the delivery in hand (if any) has been offered."""
        self._stopping.set()

    async def run(self) -> None:
        """Dispatch until ``stop()``: a pass, then wait for a nudge or the poll interval."""
        await self._wakeups.loop(
            self.run_once, poll_seconds=self.poll_seconds, label="logistics.dispatcher"
        )

    async def run_once(self) -> DispatchPass:
        """One pass: expire offers past their time, then offer what can be offered."""
        expired = await expire_offers(self.db)
        offered = 0
        skipped: set[uuid.UUID] = set()
        while offered + len(skipped) < self.batch_size and not self._stopping.is_set():
            result = await self.db.run(lambda tx: _offer_next(tx, self.redis, skipped))
            if result is None:
                break
            delivery_id, made = result
            if made:
                offered += 1
            else:
                skipped.add(delivery_id)
        if expired or offered:
            log.info(
                "logistics.dispatched", expired=expired, offered=offered, unmatched=len(skipped)
            )
        return DispatchPass(expired, offered, len(skipped))
