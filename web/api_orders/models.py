"""What the seller's order endpoints read and answer, as pydantic models (they make the OpenAPI
document), and the conversions from core's schemas. Money is kopecks with its formatted text;
quantities are pieces, or grams for weight goods; texts meant for people come in the page's
language."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from core.catalog.schemas import Unit
from core.orders.schemas import (
    SHOP_REJECT_REASONS,
    CancelReason,
    DeliveryKind,
    LineStatus,
    OrderLineOut,
    OrderOut,
    OrderStatus,
    PaymentMethod,
    SubstitutionPreference,
)
from core.shared.i18n import Translator
from web.api_business.models import MoneyView, money_view

Per = Literal["piece", "kg"]
Action = Literal["accept", "reject", "start_assembly", "ready"]

BOARD_STATUSES: tuple[OrderStatus, ...] = (
    OrderStatus.PLACED,
    OrderStatus.ACCEPTED,
    OrderStatus.ASSEMBLING,
    OrderStatus.READY,
)
# What the shop may do next, by status (core checks it again on every call).
_ACTIONS: dict[OrderStatus, tuple[Action, ...]] = {
    OrderStatus.PLACED: ("accept", "reject"),
    OrderStatus.ACCEPTED: ("start_assembly", "reject"),
    OrderStatus.ASSEMBLING: ("ready", "reject"),
    OrderStatus.READY: ("reject",),
}

# -- requests -------------------------------------------------------------------------------


class RejectIn(BaseModel):
    reason: CancelReason = Field(description="Why the shop turns the order down")
    note: str | None = Field(default=None, description="A few words for the customer")


class ActualIn(BaseModel):
    model_config = ConfigDict(strict=True)

    quantity: int = Field(description="Weighed grams or counted pieces")


class SubstituteIn(BaseModel):
    model_config = ConfigDict(strict=True)

    offer_id: UUID = Field(description="Another offer of the same shop (GET /shops/{id}/offers)")
    quantity: int = Field(description="Pieces, or grams in whole steps")


# -- answers --------------------------------------------------------------------------------


class ShopBrief(BaseModel):
    id: UUID
    name: str
    timezone: str = Field(description="IANA name; times are shown in it")


class SlotView(BaseModel):
    start: datetime
    end: datetime


class BoardOrderView(BaseModel):
    """An order's card on the board."""

    id: UUID
    number: int
    status: OrderStatus
    status_text: str
    created_at: datetime
    promised_at: datetime = Field(description="The ETA, or the slot's end")
    delivery_kind: DeliveryKind
    slot: SlotView | None
    line_count: int = Field(description="Lines the customer ordered (substitutes not counted)")
    total: MoneyView = Field(description="As the lines stand now, with delivery")
    estimated: bool = Field(description="Weighed goods not weighed yet: the total may change")
    customer_name: str | None = Field(description="The customer's first name only")
    comment: str | None


class BoardView(BaseModel):
    shop: ShopBrief
    orders: list[BoardOrderView] = Field(description="Newest first")
    counts: dict[str, int] = Field(description="Orders per status asked for")


class LineView(BaseModel):
    id: UUID
    offer_id: UUID
    name: str = Field(description="In the page's language")
    unit: Unit
    per: Per
    step: int = Field(description="1 for pieces, the weight step in grams")
    price: MoneyView = Field(description="Per piece or per kg, as at checkout")
    quantity: int = Field(description="Planned: pieces or grams")
    quantity_actual: int | None = Field(description="Weighed or counted; null until then")
    status: LineStatus
    status_text: str
    substitution: SubstitutionPreference = Field(description="The customer's wish if missing")
    substitution_text: str
    total: MoneyView = Field(description="Planned")
    current_total: MoneyView = Field(description="As the line stands: actual, planned or zero")
    replaces_line_id: UUID | None = Field(description="A substitute: the line it stands in for")
    answer_by: datetime | None = Field(description="A proposed substitute: the deadline")


class ProposalView(BaseModel):
    """A substitute waiting for the customer's answer."""

    line_id: UUID
    replaces_line_id: UUID
    name: str
    quantity: int
    answer_by: datetime


class AddressView(BaseModel):
    text: str | None
    lat: float
    lon: float
    entrance: str | None
    floor: int | None
    apartment: str | None
    comment: str | None


class ReasonView(BaseModel):
    code: CancelReason
    text: str


class OrderView(BaseModel):
    """An order as the shop's staff work on it."""

    id: UUID
    number: int
    shop: ShopBrief
    status: OrderStatus
    status_text: str
    created_at: datetime
    promised_at: datetime
    delivery_kind: DeliveryKind
    slot: SlotView | None
    payment_method: PaymentMethod
    payment_method_text: str
    customer_name: str | None = Field(description="First name only")
    comment: str | None
    address: AddressView
    lines: list[LineView] = Field(description="Ordered lines, each followed by its substitutes")
    proposals: list[ProposalView] = Field(description="Substitutes the customer has to answer")
    subtotal: MoneyView = Field(description="At checkout (an estimate when ``estimated``)")
    delivery_fee: MoneyView
    total: MoneyView = Field(description="At checkout")
    estimated: bool
    current_total: MoneyView = Field(description="Recomputed from the lines as they stand")
    final_total: MoneyView | None = Field(description="Fixed when the order is ready")
    cancel_reason: CancelReason | None
    cancel_reason_text: str | None
    cancel_note: str | None
    actions: list[Action] = Field(description="What the shop may do next")
    reject_reasons: list[ReasonView]


# -- conversions ----------------------------------------------------------------------------


class Texts:
    """Names of statuses, reasons and preferences in one language."""

    def __init__(self, translator: Translator, lang: str) -> None:
        self.translator, self.lang = translator, lang

    def __call__(self, key: str) -> str:
        return self.translator.get(self.lang, key)

    def status(self, status: OrderStatus) -> str:
        return self(f"order-status-{status.value}")

    def reason(self, reason: CancelReason) -> str:
        return self(f"cancel-reason-{reason.value}")


def _slot(order: OrderOut) -> SlotView | None:
    return None if order.slot is None else SlotView(start=order.slot.start, end=order.slot.end)


def board_order_view(order: OrderOut, texts: Texts, customer_name: str | None) -> BoardOrderView:
    """An order's card."""
    return BoardOrderView(
        id=order.id,
        number=order.number,
        status=order.status,
        status_text=texts.status(order.status),
        created_at=order.created_at,
        promised_at=order.promised_at,
        delivery_kind=order.delivery_kind,
        slot=_slot(order),
        line_count=sum(1 for line in order.lines if line.replaces_line_id is None),
        total=money_view(order.current_total),
        estimated=_estimated(order),
        customer_name=customer_name,
        comment=order.comment,
    )


def _estimated(order: OrderOut) -> bool:
    if order.final_total is not None:
        return False
    return any(
        line.unit is Unit.WEIGHT and line.status is LineStatus.PLANNED for line in order.lines
    )


def _line_view(line: OrderLineOut, texts: Texts) -> LineView:
    return LineView(
        id=line.id,
        offer_id=line.offer_id,
        name=line.name(texts.lang),
        unit=line.unit,
        per="kg" if line.unit is Unit.WEIGHT else "piece",
        step=line.step,
        price=money_view(line.price),
        quantity=line.quantity,
        quantity_actual=line.quantity_actual,
        status=line.status,
        status_text=texts(f"order-line-status-{line.status.value}"),
        substitution=line.substitution,
        substitution_text=texts(f"substitution-{line.substitution.value}"),
        total=money_view(line.total),
        current_total=money_view(line.current_total),
        replaces_line_id=line.replaces_line_id,
        answer_by=line.answer_by,
    )


def _ordered_lines(order: OrderOut) -> list[OrderLineOut]:
    # A substitute follows the line it stands in for, so the picker reads them together.
    substitutes: dict[UUID, list[OrderLineOut]] = {}
    for line in order.lines:
        if line.replaces_line_id is not None:
            substitutes.setdefault(line.replaces_line_id, []).append(line)
    ordered: list[OrderLineOut] = []
    for line in order.lines:
        if line.replaces_line_id is None:
            ordered.append(line)
            ordered.extend(substitutes.pop(line.id, []))
    for rest in substitutes.values():
        ordered.extend(rest)
    return ordered


def order_view(
    order: OrderOut, shop: ShopBrief, texts: Texts, customer_name: str | None
) -> OrderView:
    """The order page's data."""
    lines = _ordered_lines(order)
    proposals = [
        ProposalView(
            line_id=line.id,
            replaces_line_id=line.replaces_line_id,
            name=line.name(texts.lang),
            quantity=line.quantity,
            answer_by=line.answer_by,
        )
        for line in lines
        if line.status is LineStatus.PROPOSED
        and line.replaces_line_id is not None
        and line.answer_by is not None
    ]
    address = order.address
    return OrderView(
        id=order.id,
        number=order.number,
        shop=shop,
        status=order.status,
        status_text=texts.status(order.status),
        created_at=order.created_at,
        promised_at=order.promised_at,
        delivery_kind=order.delivery_kind,
        slot=_slot(order),
        payment_method=order.payment_method,
        payment_method_text=texts(f"payment-method-{order.payment_method.value}"),
        customer_name=customer_name,
        comment=order.comment,
        address=AddressView(
            text=address.text,
            lat=address.latitude,
            lon=address.longitude,
            entrance=address.entrance,
            floor=address.floor,
            apartment=address.apartment,
            comment=address.comment,
        ),
        lines=[_line_view(line, texts) for line in lines],
        proposals=proposals,
        subtotal=money_view(order.subtotal),
        delivery_fee=money_view(order.delivery_fee),
        total=money_view(order.total),
        estimated=_estimated(order),
        current_total=money_view(order.current_total),
        final_total=None if order.final_total is None else money_view(order.final_total),
        cancel_reason=order.cancel_reason,
        cancel_reason_text=None
        if order.cancel_reason is None
        else texts.reason(order.cancel_reason),
        cancel_note=order.cancel_note,
        actions=list(_ACTIONS.get(order.status, ())),
        reject_reasons=[ReasonView(code=r, text=texts.reason(r)) for r in SHOP_REJECT_REASONS],
    )
