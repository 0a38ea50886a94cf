"""What logistics tells the rest of the system: a delivery's steps and its offers' fates.

Every event carries the delivery, its order (id and number), shop and customer (``_Facts``);
offer events name the offer and the courier it was made to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class _Facts:
    delivery_id: UUID
    order_id: UUID
    order_number: int
    shop_id: UUID
    customer_id: int


@dataclass(frozen=True, kw_only=True)
class DeliveryCreated(_Facts, Event, name="logistics.delivery_created"):
    """The shop accepted the order: a delivery waits for it to be ready."""


@dataclass(frozen=True, kw_only=True)
class _OfferFacts(_Facts):
    offer_id: UUID
    courier_id: int


@dataclass(frozen=True, kw_only=True)
class OfferMade(_OfferFacts, Event, name="logistics.offer_made"):
    """The delivery is offered to the courier until ``expires_at``; ``distance_m`` from them to
    the shop."""

    expires_at: datetime
    distance_m: int


@dataclass(frozen=True, kw_only=True)
class OfferExpired(_OfferFacts, Event, name="logistics.offer_expired"):
    """The courier did not answer in time; the delivery goes to the next one."""


@dataclass(frozen=True, kw_only=True)
class OfferDeclined(_OfferFacts, Event, name="logistics.offer_declined"):
    """The courier said no; the delivery goes to the next one."""


@dataclass(frozen=True, kw_only=True)
class OfferWithdrawn(_OfferFacts, Event, name="logistics.offer_withdrawn"):
    """The offer stopped applying: the order was canceled (``reason`` canceled) or support gave
    the delivery to a courier by hand (``assigned``)."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class CourierAssigned(_Facts, Event, name="logistics.courier_assigned"):
    """The courier took the delivery: by accepting ``offer_id``, or by hand (``by`` support's
    id, ``offer_id`` None)."""

    courier_id: int
    offer_id: UUID | None
    by: int | None


@dataclass(frozen=True, kw_only=True)
class PickedUp(_Facts, Event, name="logistics.picked_up"):
    courier_id: int


@dataclass(frozen=True, kw_only=True)
class Delivered(_Facts, Event, name="logistics.delivered"):
    """Handed over with the customer's code; the courier earned ``earning_minor``."""

    courier_id: int
    earning_minor: int
    currency: str


@dataclass(frozen=True, kw_only=True)
class CustomerUnreachable(_Facts, Event, name="logistics.customer_unreachable"):
    """The courier cannot reach the customer and waits until ``wait_until``."""

    courier_id: int
    wait_until: datetime


@dataclass(frozen=True, kw_only=True)
class Returned(_Facts, Event, name="logistics.returned"):
    """Nobody took the order: the courier brings it back to the shop; the delivery failed."""

    courier_id: int


@dataclass(frozen=True, kw_only=True)
class DeliveryCanceled(_Facts, Event, name="logistics.delivery_canceled"):
    """The order was canceled; ``courier_id``: who had the delivery then, if anyone."""

    courier_id: int | None


@dataclass(frozen=True, kw_only=True)
class HandoverLocked(_Facts, Event, name="logistics.handover_locked"):
    """Too many wrong codes: the courier cannot hand the order over until support helps."""

    courier_id: int


@dataclass(frozen=True, kw_only=True)
class DeliveryAtRisk(_Facts, Event, name="logistics.delivery_at_risk"):
    """The delivery may be late (``reason``: core.logistics.schemas.RiskReason); told once."""

    reason: str
    status: str
    courier_id: int | None
    promised_at: datetime
