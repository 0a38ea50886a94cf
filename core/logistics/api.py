"""logistics commands and queries.

Couriers (``_courier``): ``accept_offer``/``decline_offer`` answer an offer made to them;
``confirm_pickup``, ``hand_over`` (with the customer's code), ``customer_unreachable`` and
``return_to_shop`` move a delivery they have (``HANDLE_DELIVERY`` on themselves). Support
(``HANDLE_TICKETS``, support and admins): ``assign_manually``, ``reset_handover``,
``return_to_shop``, and the board ``deliveries_for_support``. The customer and support read the
handover code (``handover_code``). Dispatch (``_dispatch``): ``Dispatcher`` runs in
``fruktgo worker``; ``choose_courier`` is its choice for one delivery (the dispatch benchmark
measures it). ``flag_at_risk`` is the SLA check (``tasks``). ``nudge_dispatchers_through``
makes a process's commits wake the dispatchers.
"""

from __future__ import annotations

from redis.asyncio import Redis

from core.logistics import _nudge
from core.logistics._courier import (
    WAIT_FOR_CUSTOMER,
    accept_offer,
    assign_manually,
    confirm_pickup,
    customer_unreachable,
    decline_offer,
    hand_over,
    reset_handover,
    return_to_shop,
)
from core.logistics._deliveries import MAX_CODE_ATTEMPTS
from core.logistics._dispatch import (
    BUSY_PENALTY_MINUTES,
    OFFER_TTL,
    POSITION_MAX_AGE,
    SEARCH_RADIUS_M,
    Dispatcher,
    DispatchPass,
    choose_courier,
    expire_offers,
)
from core.logistics._pay import BASE_EARNING, PER_STARTED_KM, earning_for
from core.logistics._queries import (
    courier_stats,
    courier_view,
    deliveries_for_support,
    delivery_of_order,
    get_offer,
    handover_code,
    my_deliveries,
    my_open_offer,
)
from core.logistics._sla import SEARCH_TOO_LONG, SLA_MARGIN, flag_at_risk
from core.shared.uow import Database

__all__ = [
    "BASE_EARNING",
    "BUSY_PENALTY_MINUTES",
    "MAX_CODE_ATTEMPTS",
    "OFFER_TTL",
    "PER_STARTED_KM",
    "POSITION_MAX_AGE",
    "SEARCH_RADIUS_M",
    "SEARCH_TOO_LONG",
    "SLA_MARGIN",
    "WAIT_FOR_CUSTOMER",
    "DispatchPass",
    "Dispatcher",
    "accept_offer",
    "assign_manually",
    "choose_courier",
    "confirm_pickup",
    "courier_stats",
    "courier_view",
    "customer_unreachable",
    "decline_offer",
    "deliveries_for_support",
    "delivery_of_order",
    "earning_for",
    "expire_offers",
    "flag_at_risk",
    "get_offer",
    "hand_over",
    "handover_code",
    "my_deliveries",
    "my_open_offer",
    "nudge_dispatchers_through",
    "reset_handover",
    "return_to_shop",
]


def nudge_dispatchers_through(db: Database, redis: Redis | None) -> None:
    """Wake the dispatchers through ``redis`` after each commit on ``db`` that gave them work."""
    _nudge.NUDGES.install(db, redis)
