"""What the orders api takes and returns.

Quantities are pieces for piece goods and grams for weight goods; prices are per piece or per
kilogram (see core.storefront.schemas.OfferOut).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from core.business.schemas import ShopOut
from core.catalog.schemas import ProductOut, Unit
from core.shared.money import Money
from core.storefront.schemas import OfferOut


class LineIssue(StrEnum):
    """What changed about a cart line since the customer last touched it."""

    PRICE_CHANGED = "price_changed"  # the price differs from the one seen (``seen_price``)
    NOT_ENOUGH = "not_enough"  # some, but less than the quantity, is available
    OUT_OF_STOCK = "out_of_stock"  # none is available
    UNAVAILABLE = "unavailable"  # hidden by the shop or the product archived


class CartIssue(StrEnum):
    """Why a cart cannot be checked out as it is, beside its lines' issues."""

    SHOP_NOT_ACCEPTING = "shop_not_accepting"  # paused, closed now, or no longer active
    OUT_OF_ZONE = "out_of_zone"  # the shop does not deliver to the given point


@dataclass(frozen=True, slots=True)
class CartLineView:
    """A line with its offer and product as they are now."""

    offer: OfferOut
    product: ProductOut
    quantity: int
    seen_price: Money
    available: int
    issues: frozenset[LineIssue]

    @property
    def unit(self) -> Unit:
        """Pieces or weight."""
        return self.offer.unit

    @property
    def total(self) -> Money:
        """The line at today's price, rounded half up at the line (weight goods are an
        estimate until weighed)."""
        return self.offer.price_for(self.quantity)

    @property
    def orderable(self) -> bool:
        """Whether the line can go into an order as it is."""
        return not ({LineIssue.UNAVAILABLE, LineIssue.OUT_OF_STOCK} & self.issues)


@dataclass(frozen=True, slots=True)
class CartView:
    """A customer's cart in one shop, lines in the order they were added."""

    id: UUID | None  # None: the customer has no cart in this shop yet
    customer_id: int
    shop: ShopOut
    lines: tuple[CartLineView, ...]
    issues: frozenset[CartIssue]

    @property
    def subtotal(self) -> Money:
        """Lines that can be ordered, at today's prices."""
        total = Money.zero()
        for line in self.lines:
            if line.orderable:
                total = total + line.total
        return total

    @property
    def estimated(self) -> bool:
        """Whether the subtotal holds weighed goods, so the final price comes after weighing."""
        return any(line.unit is Unit.WEIGHT and line.orderable for line in self.lines)

    @property
    def needs_attention(self) -> bool:
        """Whether something changed that the customer should see before checkout."""
        return bool(self.issues) or any(line.issues for line in self.lines)

    def quantity_of(self, offer_id: UUID) -> int:
        """How much of ``offer_id`` is in the cart (0 if none)."""
        return next((line.quantity for line in self.lines if line.offer.id == offer_id), 0)


@dataclass(frozen=True, slots=True)
class CartSummary:
    """One of a customer's carts, briefly: for "my carts"."""

    cart_id: UUID
    shop: ShopOut
    line_count: int
    subtotal: Money


# -- orders --------------------------------------------------------------------------------


class OrderStatus(StrEnum):
    """Where an order is (DESIGN §6); payment and delivery keep statuses of their own."""

    PENDING_PAYMENT = "pending_payment"  # online payment: waits for the money, then placed
    PLACED = "placed"  # waits for the shop to accept
    ACCEPTED = "accepted"
    ASSEMBLING = "assembling"
    READY = "ready"  # assembled, waits for a courier
    COURIER_ASSIGNED = "courier_assigned"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELED = "canceled"
    DELIVERY_FAILED = "delivery_failed"


FINAL_STATUSES: frozenset[OrderStatus] = frozenset(
    {
        OrderStatus.COMPLETED,
        OrderStatus.CANCELED,
        OrderStatus.DELIVERY_FAILED,
    }
)
"""Statuses no transition leaves."""


class Party(StrEnum):
    """On whose behalf a transition happens."""

    CUSTOMER = "customer"
    SHOP = "shop"
    COURIER = "courier"
    SUPPORT = "support"
    SYSTEM = "system"  # timers, payments, dispatch


class PaymentMethod(StrEnum):
    """How the customer pays. ``online`` plugs into ``pending_payment``; adapters do not offer
    it until the payments module exists."""

    CASH = "cash"
    CARD_TO_COURIER = "card_to_courier"
    ONLINE = "online"


class PaymentStatus(StrEnum):
    """The money's side of an order, beside its status (``none``: paid to the courier)."""

    NONE = "none"
    PENDING = "pending"
    HELD = "held"
    CAPTURED = "captured"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    CANCELED = "canceled"


class DeliveryKind(StrEnum):
    ASAP = "asap"
    SLOT = "slot"


class SubstitutionPreference(StrEnum):
    """What the customer wants when a line's product is missing.

    ``call``: ask me (the picker proposes a substitute and I answer; no answer removes it);
    ``replace``: a similar product is fine (an unanswered proposal is accepted);
    ``remove``: leave it out. The default is ``call``: nothing the customer did not choose or
    agree to is ever charged.
    """

    CALL = "call"
    REPLACE = "replace"
    REMOVE = "remove"


DEFAULT_SUBSTITUTION = SubstitutionPreference.CALL


class LineStatus(StrEnum):
    """An order line at assembly."""

    PLANNED = "planned"  # not picked yet (taken as planned when the order is marked ready)
    PICKED = "picked"  # ``quantity_actual`` weighed or counted
    MISSING = "missing"  # none to be had; a substitute may be proposed
    SUBSTITUTED = "substituted"  # missing, and the customer took the proposed substitute
    REMOVED = "removed"  # left out: missing without a substitute, or a substitute declined
    PROPOSED = "proposed"  # a substitute line waiting for the customer's answer


class CancelReason(StrEnum):
    """Why an order was canceled; shops and support always give one."""

    CUSTOMER_REQUEST = "customer_request"
    OUT_OF_STOCK = "out_of_stock"
    SHOP_CLOSING = "shop_closing"
    TOO_BUSY = "too_busy"
    ADDRESS_UNREACHABLE = "address_unreachable"
    PAYMENT_TIMEOUT = "payment_timeout"
    DUPLICATE = "duplicate"
    OTHER = "other"


# The reasons a shop may give when it turns an order down, in the order a picker sees them;
# a payment timeout is the system's own reason.
SHOP_REJECT_REASONS: tuple[CancelReason, ...] = (
    CancelReason.OUT_OF_STOCK,
    CancelReason.TOO_BUSY,
    CancelReason.SHOP_CLOSING,
    CancelReason.ADDRESS_UNREACHABLE,
    CancelReason.CUSTOMER_REQUEST,
    CancelReason.DUPLICATE,
    CancelReason.OTHER,
)


@dataclass(frozen=True, slots=True)
class DeliverySlot:
    """An hour to deliver in (UTC, half-open)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class CheckoutForm:
    """What the customer submits at checkout.

    ``idempotency_key`` comes from the client (a UUID made when the checkout screen opened, at
    most 64 characters): submitting again with it returns the same order. ``slot`` None means as
    soon as possible. ``substitutions`` gives a preference per offer; others get ``default``.
    """

    shop_id: UUID
    address_id: UUID
    idempotency_key: str
    payment_method: PaymentMethod = PaymentMethod.CASH
    slot: DeliverySlot | None = None
    comment: str | None = None
    substitutions: Mapping[UUID, SubstitutionPreference] = field(default_factory=dict)
    default_substitution: SubstitutionPreference = DEFAULT_SUBSTITUTION


@dataclass(frozen=True, slots=True)
class DeliveryAddress:
    """The address as it was at checkout."""

    text: str | None
    latitude: float
    longitude: float
    entrance: str | None
    floor: int | None
    apartment: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class OrderLineOut:
    id: UUID
    offer_id: UUID
    product_id: UUID
    name_ru: str
    name_en: str
    unit: Unit
    step: int  # 1 for pieces, grams for weight goods
    price: Money  # per piece or per kilogram, as at checkout
    quantity: int  # planned: pieces or grams
    quantity_actual: int | None  # weighed or counted; None until then
    status: LineStatus
    substitution: SubstitutionPreference
    total: Money  # planned, rounded half up at the line
    final_total: Money | None  # from the actual quantity; None until picked or left out
    replaces_line_id: UUID | None  # a substitute: the line it stands in for
    answer_by: datetime | None  # a proposed substitute: when its line's preference applies

    def name(self, lang: str | None) -> str:
        """The product's name in ``lang`` (``en`` or else Russian)."""
        return self.name_en if (lang or "").lower().startswith("en") else self.name_ru

    @property
    def counts(self) -> bool:
        """Whether the line is (still) part of what the customer gets."""
        return self.status in (LineStatus.PLANNED, LineStatus.PICKED)

    @property
    def current_total(self) -> Money:
        """What the line costs as it stands: actual once picked, planned before, else zero."""
        if self.status is LineStatus.PICKED and self.final_total is not None:
            return self.final_total
        if self.status is LineStatus.PLANNED:
            return self.total
        return Money.zero(self.price.currency)


@dataclass(frozen=True, slots=True)
class OrderOut:
    id: UUID
    number: int
    customer_id: int
    shop_id: UUID
    status: OrderStatus
    payment_method: PaymentMethod
    payment_status: PaymentStatus
    payment_deadline: datetime | None  # pending_payment: canceled unless paid by then
    address: DeliveryAddress
    delivery_kind: DeliveryKind
    slot: DeliverySlot | None
    promised_at: datetime  # the ETA for asap, the slot's end for a slot
    comment: str | None
    subtotal: Money  # at checkout: an estimate when ``estimated``
    delivery_fee: Money
    total: Money
    estimated: bool  # weighed goods: the final price comes after weighing
    final_subtotal: Money | None  # set when the order is ready
    final_total: Money | None
    lines: tuple[OrderLineOut, ...]
    courier_id: int | None
    canceled_by: Party | None
    cancel_reason: CancelReason | None
    cancel_note: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def current_total(self) -> Money:
        """The final total once ready; during assembly, lines as they stand plus delivery."""
        if self.final_total is not None:
            return self.final_total
        subtotal = Money.zero(self.total.currency)
        for line in self.lines:
            subtotal = subtotal + line.current_total
        return subtotal + self.delivery_fee


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One status change: from (None: created) and to, who, as which party, why, when."""

    from_status: OrderStatus | None
    to_status: OrderStatus
    actor_id: int | None  # None: the system
    party: Party
    reason: CancelReason | None
    note: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Reordered:
    """The cart after a reorder, and the old lines that could not go into it as they were."""

    cart: CartView
    skipped: tuple[UUID, ...]  # offer ids no longer on sale or out of stock
    reduced: tuple[UUID, ...]  # offer ids put in with less than before (what is left)
