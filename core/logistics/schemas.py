"""What the logistics api returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from core.geo.schemas import Point
from core.orders.schemas import DeliveryAddress
from core.shared.money import Money


class DeliveryStatus(StrEnum):
    """Where a delivery is; the order keeps its own status beside it."""

    WAITING = "waiting"  # the shop accepted the order; it is not ready yet
    SEARCHING = "searching"  # ready: dispatch offers it to couriers
    ASSIGNED = "assigned"  # a courier took it and goes to the shop
    PICKED_UP = "picked_up"  # on the way to the customer
    AWAITING_CUSTOMER = "awaiting_customer"  # the customer is unreachable: the wait timer runs
    DELIVERED = "delivered"
    RETURNED = "returned"  # nobody took it: brought back to the shop, the delivery failed
    CANCELED = "canceled"  # the order was canceled


# The courier has the delivery in hand (or is on the way to get it): it counts against their
# capacity and they may see the customer's phone.
IN_HAND: frozenset[DeliveryStatus] = frozenset(
    {DeliveryStatus.ASSIGNED, DeliveryStatus.PICKED_UP, DeliveryStatus.AWAITING_CUSTOMER}
)
FINAL: frozenset[DeliveryStatus] = frozenset(
    {DeliveryStatus.DELIVERED, DeliveryStatus.RETURNED, DeliveryStatus.CANCELED}
)


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # the delivery was canceled or assigned by hand meanwhile


class RiskReason(StrEnum):
    """Why a delivery was flagged at risk."""

    UNASSIGNED = "unassigned"  # searching for a courier too long
    LATE = "late"  # not picked up, and the way alone takes longer than the time left
    OVERDUE = "overdue"  # the promised time has passed


@dataclass(frozen=True, slots=True)
class DeliveryOut:
    id: UUID
    order_id: UUID
    order_number: int
    shop_id: UUID
    shop_name: str
    pickup_address: str
    pickup_point: Point
    dropoff_address: str  # the address text (or the point's coordinates when it has none)
    dropoff_point: Point
    dropoff: DeliveryAddress  # entrance, floor, apartment and comment too, as at checkout
    distance_m: int  # shop to customer, great-circle
    item_count: int  # order lines the customer gets
    status: DeliveryStatus
    courier_id: int | None
    promised_at: datetime
    earning: Money | None  # the courier's pay for it; None once canceled or returned
    wait_until: datetime | None  # awaiting_customer: the courier may return it after this
    # Only in ``courier_view``/``my_deliveries`` for the courier who has it, while in hand.
    customer_phone: str | None
    at_risk: bool
    handover_attempts_left: int  # wrong codes still allowed; 0: locked until support helps
    created_at: datetime
    updated_at: datetime

    @property
    def handover_locked(self) -> bool:
        """Too many wrong codes: support must reset the handover."""
        return self.handover_attempts_left <= 0


@dataclass(frozen=True, slots=True)
class OfferOut:
    id: UUID
    delivery_id: UUID
    courier_id: int
    status: OfferStatus
    expires_at: datetime
    distance_m: int  # from the courier's position to the shop when offered


@dataclass(frozen=True, slots=True)
class CourierStats:
    """A courier's record: deliveries handed over, what they earned, how they answered offers."""

    courier_id: int
    deliveries_done: int
    deliveries_returned: int
    earnings: Money
    offers_accepted: int
    offers_declined: int
    offers_expired: int
