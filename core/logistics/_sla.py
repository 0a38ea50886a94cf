"""The SLA check: deliveries that may be late are flagged once and support is told.

At risk (``RiskReason``): searching for a courier longer than ``SEARCH_TOO_LONG``; not picked up
while the way from the shop alone (``route_minutes``, by bicycle) plus ``SLA_MARGIN`` no longer
fits before the promised time; or past the promised time and not delivered. ``at_risk_at``
makes each delivery flagged (and support told) at most once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

import structlog
from sqlalchemy import Interval, and_, func, or_, select, update

from core.logistics import _deliveries
from core.logistics._models import Delivery
from core.logistics.events import DeliveryAtRisk
from core.logistics.schemas import DeliveryStatus, RiskReason
from core.shared.uow import Database, Transaction

log = structlog.get_logger(__name__)

SEARCH_TOO_LONG: Final = timedelta(minutes=10)
SLA_MARGIN: Final = timedelta(minutes=10)

S = DeliveryStatus
_NOT_PICKED_UP = [S.WAITING.value, S.SEARCHING.value, S.ASSIGNED.value]
_UNDER_WAY = [*_NOT_PICKED_UP, S.PICKED_UP.value, S.AWAITING_CUSTOMER.value]


def _reason(row: Delivery, now: datetime) -> RiskReason:
    if row.promised_at <= now:
        return RiskReason.OVERDUE
    if (
        row.status == S.SEARCHING.value
        and row.searching_since is not None
        and (row.searching_since <= now - SEARCH_TOO_LONG)
    ):
        return RiskReason.UNASSIGNED
    return RiskReason.LATE


async def flag_at_risk(db: Database, *, batch_size: int = 200) -> int:
    """Flag deliveries at risk of being late and tell support, each once; returns how many."""

    async def batch(tx: Transaction) -> int:
        now = tx.clock.now()
        route = func.make_interval(0, 0, 0, 0, 0, Delivery.route_minutes, type_=Interval)
        due = (
            select(Delivery.id)
            .where(
                Delivery.at_risk_at.is_(None),
                Delivery.status.in_(_UNDER_WAY),
                or_(
                    Delivery.promised_at <= now,
                    and_(
                        Delivery.status == S.SEARCHING.value,
                        Delivery.searching_since <= now - SEARCH_TOO_LONG,
                    ),
                    and_(
                        Delivery.status.in_(_NOT_PICKED_UP),
                        Delivery.promised_at - route < now + SLA_MARGIN,
                    ),
                ),
            )
            .order_by(Delivery.promised_at, Delivery.id)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
        flagged = list(
            await tx.session.scalars(
                update(Delivery)
                .where(Delivery.id.in_(due))
                .values(at_risk_at=now)
                .returning(Delivery),
                execution_options={"populate_existing": True, "synchronize_session": False},
            )
        )
        for row in sorted(flagged, key=lambda r: (r.promised_at, r.id)):
            await tx.publish(
                DeliveryAtRisk(
                    **_deliveries.facts(row),
                    reason=_reason(row, now).value,
                    status=row.status,
                    courier_id=row.courier_id,
                    promised_at=row.promised_at,
                )
            )
        return len(flagged)

    total = 0
    while True:
        count = await db.run(batch)
        total += count
        if count < batch_size:
            break
    if total:
        log.info("logistics.at_risk_flagged", deliveries=total)
    return total
