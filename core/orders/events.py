"""What orders tell the rest of the system: an order placed, and each step of its lifecycle.

``orders.placed`` means the shop should act now: a cash order publishes it at checkout, an
online one when its payment arrives (``orders.awaiting_payment`` at checkout). Every later
transition publishes its own event with the common facts of ``_Moved``: the order, where it came
from, who moved it and as which party (``actor_id`` None: the system).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class _Facts:
    order_id: UUID
    number: int
    customer_id: int
    shop_id: UUID


@dataclass(frozen=True, kw_only=True)
class OrderAwaitingPayment(_Facts, Event, name="orders.awaiting_payment"):
    """An online order was made at checkout, its stock held until ``payment_deadline``."""

    total_minor: int
    currency: str
    payment_deadline: datetime


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(_Facts, Event, name="orders.placed"):
    """An order waits for the shop to accept it; amounts are estimates when ``estimated``."""

    status: str
    payment_method: str
    subtotal_minor: int
    delivery_fee_minor: int
    total_minor: int
    currency: str
    estimated: bool
    line_count: int
    delivery_kind: str
    promised_at: datetime


@dataclass(frozen=True, kw_only=True)
class _Moved(_Facts):
    from_status: str
    actor_id: int | None
    party: str


@dataclass(frozen=True, kw_only=True)
class OrderAccepted(_Moved, Event, name="orders.accepted"):
    """The shop accepted the order; its stock is allocated."""


@dataclass(frozen=True, kw_only=True)
class OrderAssemblyStarted(_Moved, Event, name="orders.assembly_started"):
    """A picker began assembling the order."""


@dataclass(frozen=True, kw_only=True)
class OrderReady(_Moved, Event, name="orders.ready"):
    """Assembled; the final amounts are known and the stock taken off the shelf."""

    final_subtotal_minor: int
    final_total_minor: int
    currency: str


@dataclass(frozen=True, kw_only=True)
class OrderCourierAssigned(_Moved, Event, name="orders.courier_assigned"):
    courier_id: int


@dataclass(frozen=True, kw_only=True)
class OrderPickedUp(_Moved, Event, name="orders.picked_up"):
    """The courier took the order from the shop."""


@dataclass(frozen=True, kw_only=True)
class OrderDelivered(_Moved, Event, name="orders.delivered"):
    """The courier handed the order over."""


@dataclass(frozen=True, kw_only=True)
class OrderDeliveryFailed(_Moved, Event, name="orders.delivery_failed"):
    """The courier could not hand the order over after picking it up."""


@dataclass(frozen=True, kw_only=True)
class OrderCompleted(_Moved, Event, name="orders.completed"):
    """Delivered and closed."""


@dataclass(frozen=True, kw_only=True)
class OrderCanceled(_Moved, Event, name="orders.canceled"):
    """Canceled by ``party`` for ``reason``; whatever stock it held is back on sale."""

    reason: str
    note: str | None


@dataclass(frozen=True, kw_only=True)
class SubstituteProposed(_Facts, Event, name="orders.substitute_proposed"):
    """The picker proposes a substitute for a missing line; the customer answers by
    ``answer_by``, else the line's preference applies."""

    line_id: UUID
    replaces_line_id: UUID
    offer_id: UUID
    quantity: int
    answer_by: datetime


@dataclass(frozen=True, kw_only=True)
class SubstituteAnswered(_Facts, Event, name="orders.substitute_answered"):
    """A proposed substitute was accepted or declined (``by_preference``: nobody answered in
    time, the line's preference decided)."""

    line_id: UUID
    accepted: bool
    by_preference: bool
