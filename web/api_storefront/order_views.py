"""What the checkout and my-orders endpoints read and answer, as pydantic models (they make the
OpenAPI document), and the conversions from core.orders' schemas.

Money is kopecks with its formatted text; quantities are pieces, or grams for weight goods. The
titles of statuses, payment methods, substitution choices and slots come in the person's
language, so the page shows them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from core.business.schemas import ShopOut
from core.catalog.schemas import Unit
from core.orders.api import allowed_targets
from core.orders.schemas import (
    CancelReason,
    DeliveryKind,
    DeliverySlot,
    HistoryEntry,
    LineStatus,
    OrderLineOut,
    OrderOut,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    SubstitutionPreference,
)
from core.shared.i18n import Translator
from core.shared.money import Money
from web.api_business.models import MoneyView, money_view
from web.api_storefront.models import CartOut, CartShopView, Per, per_of

OFFERED_PAYMENTS: tuple[PaymentMethod, ...] = (PaymentMethod.CASH, PaymentMethod.CARD_TO_COURIER)
"""What checkout offers until online payment exists."""

Offered = Literal["cash", "card_to_courier"]

# -- requests -------------------------------------------------------------------------------


class SlotIn(BaseModel):
    model_config = ConfigDict(strict=True)

    start: AwareDatetime
    end: AwareDatetime


class CheckoutIn(BaseModel):
    """The checkout form. Send the same ``idempotency_key`` again (a retry, a double tap) and
    the same order comes back."""

    model_config = ConfigDict(strict=True)

    shop_id: UUID
    address_id: UUID
    idempotency_key: str = Field(
        description="Made once per checkout attempt (a UUID), at most 64 characters"
    )
    slot: SlotIn | None = Field(default=None, description="One of the offered slots; null: ASAP")
    payment_method: Offered = "cash"
    comment: str | None = Field(default=None, description="For the shop and courier, ≤ 500")
    default_substitution: SubstitutionPreference = SubstitutionPreference.CALL
    substitutions: dict[UUID, SubstitutionPreference] = Field(
        default_factory=dict, description="A choice per offer id; others take the default"
    )


# -- answers --------------------------------------------------------------------------------


class ChoiceView(BaseModel):
    value: str
    title: str = Field(description="In the page's language")


class SlotView(BaseModel):
    start: datetime
    end: datetime
    label: str = Field(description="Day and hours in the shop's time zone, e.g. Today, 14:00–15:00")


class CheckoutAddressView(BaseModel):
    id: UUID
    title: str = Field(description="The address text, else its label, else 'a point on the map'")
    details: str | None = Field(description="Entrance, floor, apartment")
    is_default: bool
    placed: bool = Field(description="Has a point on the map")
    deliverable: bool = Field(description="Inside the shop's delivery zone")
    eta_minutes: int | None = Field(description="As soon as possible: about this many minutes")


Blocker = Literal[
    "cart_empty", "cart_changed", "below_minimum", "no_address", "out_of_zone", "closed"
]


class BlockerView(BaseModel):
    code: Blocker
    message: str


class CheckoutShopView(CartShopView):
    accepting_now: bool = Field(description="Open and active: as soon as possible is possible")
    opens_at: datetime | None


class CheckoutView(BaseModel):
    """What checkout in a shop offers me now."""

    shop: CheckoutShopView
    addresses: list[CheckoutAddressView]
    address_id: UUID | None = Field(
        description="The address chosen (asked for, else my default "
        "if the shop delivers there, else the first it does)"
    )
    asap_available: bool
    eta_minutes: int | None = Field(description="For the chosen address, as soon as possible")
    slots: list[SlotView] = Field(description="Hours to deliver in, today and tomorrow")
    payment_methods: list[ChoiceView]
    substitutions: list[ChoiceView] = Field(description="If a product is missing")
    default_substitution: SubstitutionPreference
    cart: CartOut = Field(description="My cart at the chosen address")
    subtotal: MoneyView
    delivery_fee: MoneyView
    total: MoneyView
    estimated: bool
    total_text: str = Field(description="The honest total: '≈ … after weighing' with weighed goods")
    ready: bool = Field(description="Nothing stops the order")
    blockers: list[BlockerView]


class OrderShopView(BaseModel):
    id: UUID
    name: str
    timezone: str = Field(description="The shop's time zone: the page shows times in it")


class OrderAddressView(BaseModel):
    text: str | None
    lat: float
    lon: float
    entrance: str | None
    floor: int | None
    apartment: str | None
    comment: str | None


class OrderLineView(BaseModel):
    id: UUID
    offer_id: UUID
    product_id: UUID
    name: str
    unit: Unit
    per: Per
    step: int
    price: MoneyView = Field(description="Per piece or kilogram, as at checkout")
    quantity: int = Field(description="Planned")
    quantity_actual: int | None = Field(description="Weighed or counted; null until then")
    status: LineStatus
    status_title: str
    substitution: SubstitutionPreference
    total: MoneyView = Field(description="Planned")
    final_total: MoneyView | None
    current_total: MoneyView = Field(description="Actual once picked, planned before, else 0")
    counts: bool = Field(description="Still part of what I get")
    replaces_line_id: UUID | None
    answer_by: datetime | None


class HistoryView(BaseModel):
    from_status: OrderStatus | None
    to_status: OrderStatus
    title: str
    party: Party
    reason: CancelReason | None
    reason_title: str | None
    note: str | None
    at: datetime


class OrderSummaryView(BaseModel):
    id: UUID
    number: int
    shop: OrderShopView
    status: OrderStatus
    status_title: str
    created_at: datetime
    promised_at: datetime
    line_count: int
    current_total: MoneyView
    estimated: bool
    total_text: str
    can_cancel: bool


class OrderView(OrderSummaryView):
    """One of my orders in full."""

    payment_method: PaymentMethod
    payment_title: str
    payment_status: PaymentStatus
    delivery_kind: DeliveryKind
    slot: SlotView | None
    address: OrderAddressView
    comment: str | None
    subtotal: MoneyView = Field(description="At checkout (an estimate when estimated)")
    delivery_fee: MoneyView
    total: MoneyView = Field(description="At checkout")
    final_subtotal: MoneyView | None = Field(description="Set when assembled")
    final_total: MoneyView | None
    lines: list[OrderLineView]
    canceled_by: Party | None
    cancel_reason: CancelReason | None
    cancel_reason_title: str | None
    cancel_note: str | None
    updated_at: datetime
    history: list[HistoryView] = Field(description="Oldest first")


class OrdersPageView(BaseModel):
    items: list[OrderSummaryView] = Field(description="Newest first")
    next_offset: int | None = Field(description="Ask for more from here; null on the last page")


class ReorderedView(BaseModel):
    cart: CartOut
    skipped: list[UUID] = Field(description="Offer ids no longer on sale or sold out")
    reduced: list[UUID] = Field(description="Offer ids put in with less than before")


# -- conversions ----------------------------------------------------------------------------


class Words:
    """The texts of one request's language."""

    def __init__(self, translator: Translator, lang: str) -> None:
        self.translator, self.lang = translator, lang

    def __call__(self, key: str, **args: object) -> str:
        return self.translator.get(self.lang, key, **args)

    def estimated(self, amount: Money) -> str:
        """``≈ amount``, saying the final price comes after weighing."""
        return self("page-checkout-total-estimated", amount=amount.format())

    def choices(self, prefix: str, values: Sequence[str]) -> list[ChoiceView]:
        return [ChoiceView(value=value, title=self(f"{prefix}{value}")) for value in values]


def slot_view(slot: DeliverySlot, shop: ShopOut, now: datetime, words: Words) -> SlotView:
    """A slot labelled with its day and hours in the shop's time zone."""
    zone = ZoneInfo(shop.timezone)
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    days = (start.date() - now.astimezone(zone).date()).days
    hours = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    if days == 0:
        label = words("page-checkout-slot-today", **hours)
    elif days == 1:
        label = words("page-checkout-slot-tomorrow", **hours)
    else:
        label = words("page-checkout-slot-day", day=start.strftime("%d.%m"), **hours)
    return SlotView(start=slot.start, end=slot.end, label=label)


def can_cancel(status: OrderStatus) -> bool:
    """Whether the customer may still cancel an order in ``status``."""
    parties = allowed_targets(status).get(OrderStatus.CANCELED, frozenset())
    return Party.CUSTOMER in parties


def total_text(order: OrderOut, words: Words) -> str:
    """The final total once assembled; before that an estimate with weighed goods."""
    if order.final_total is not None:
        return order.final_total.format()
    if order.estimated:
        return words.estimated(order.current_total)
    return order.current_total.format()


def _money(amount: Money | None) -> MoneyView | None:
    return None if amount is None else money_view(amount)


def _line(line: OrderLineOut, words: Words) -> OrderLineView:
    return OrderLineView(
        id=line.id,
        offer_id=line.offer_id,
        product_id=line.product_id,
        name=line.name(words.lang),
        unit=line.unit,
        per=per_of(line.unit),
        step=line.step,
        price=money_view(line.price),
        quantity=line.quantity,
        quantity_actual=line.quantity_actual,
        status=line.status,
        status_title=words(f"order-line-status-{line.status.value}"),
        substitution=line.substitution,
        total=money_view(line.total),
        final_total=_money(line.final_total),
        current_total=money_view(line.current_total),
        counts=line.counts,
        replaces_line_id=line.replaces_line_id,
        answer_by=line.answer_by,
    )


def _reason_title(reason: CancelReason | None, words: Words) -> str | None:
    return None if reason is None else words(f"cancel-reason-{reason.value}")


def _history(entry: HistoryEntry, words: Words) -> HistoryView:
    return HistoryView(
        from_status=entry.from_status,
        to_status=entry.to_status,
        title=words(f"order-status-{entry.to_status.value}"),
        party=entry.party,
        reason=entry.reason,
        reason_title=_reason_title(entry.reason, words),
        note=entry.note,
        at=entry.at,
    )


def order_summary(order: OrderOut, shop: ShopOut, words: Words) -> OrderSummaryView:
    """One line of my orders."""
    return OrderSummaryView(
        id=order.id,
        number=order.number,
        shop=OrderShopView(id=shop.id, name=shop.name, timezone=shop.timezone),
        status=order.status,
        status_title=words(f"order-status-{order.status.value}"),
        created_at=order.created_at,
        promised_at=order.promised_at,
        line_count=sum(1 for line in order.lines if line.replaces_line_id is None),
        current_total=money_view(order.current_total),
        estimated=order.estimated and order.final_total is None,
        total_text=total_text(order, words),
        can_cancel=can_cancel(order.status),
    )


def order_view(
    order: OrderOut, shop: ShopOut, history: Sequence[HistoryEntry], words: Words
) -> OrderView:
    """An order in full, with its status history."""
    summary = order_summary(order, shop, words)
    address = order.address
    # A slot is labelled relative to the day the order was placed.
    slot = None if order.slot is None else slot_view(order.slot, shop, order.created_at, words)
    return OrderView(
        **summary.model_dump(),
        payment_method=order.payment_method,
        payment_title=words(f"payment-method-{order.payment_method.value}"),
        payment_status=order.payment_status,
        delivery_kind=order.delivery_kind,
        slot=slot,
        address=OrderAddressView(
            text=address.text,
            lat=address.latitude,
            lon=address.longitude,
            entrance=address.entrance,
            floor=address.floor,
            apartment=address.apartment,
            comment=address.comment,
        ),
        comment=order.comment,
        subtotal=money_view(order.subtotal),
        delivery_fee=money_view(order.delivery_fee),
        total=money_view(order.total),
        final_subtotal=_money(order.final_subtotal),
        final_total=_money(order.final_total),
        lines=[_line(line, words) for line in order.lines],
        canceled_by=order.canceled_by,
        cancel_reason=order.cancel_reason,
        cancel_reason_title=_reason_title(order.cancel_reason, words),
        cancel_note=order.cancel_note,
        updated_at=order.updated_at,
        history=[_history(entry, words) for entry in history],
    )
