"""What the inventory api takes and returns. Quantities are whole pieces or grams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class AdjustmentReason(StrEnum):
    """Why a stock counter changed; the first five are given by staff, the rest by orders."""

    RECOUNT = "recount"
    DELIVERY = "delivery"
    WRITE_OFF = "write_off"
    RETURN = "return"
    CORRECTION = "correction"
    RESERVED = "reserved"
    RELEASED = "released"
    EXPIRED = "expired"
    ALLOCATED = "allocated"
    ASSEMBLED = "assembled"


STAFF_REASONS: frozenset[AdjustmentReason] = frozenset({
    AdjustmentReason.RECOUNT,
    AdjustmentReason.DELIVERY,
    AdjustmentReason.WRITE_OFF,
    AdjustmentReason.RETURN,
    AdjustmentReason.CORRECTION,
})
"""Reasons a person may give for setting or adjusting stock by hand."""


class ReservationStatus(StrEnum):
    """reserved -> allocated -> settled; reserved or allocated -> released; reserved -> expired."""

    RESERVED = "reserved"
    ALLOCATED = "allocated"
    SETTLED = "settled"
    RELEASED = "released"
    EXPIRED = "expired"


ACTIVE_STATUSES: frozenset[ReservationStatus] = frozenset({
    ReservationStatus.RESERVED,
    ReservationStatus.ALLOCATED,
})
"""Statuses that still hold stock."""


@dataclass(frozen=True, slots=True)
class ReserveLine:
    """One offer to reserve: pieces, or grams on the offer's step."""

    offer_id: UUID
    quantity: int


@dataclass(frozen=True, slots=True)
class TakenLine:
    """What the picker actually took of an allocated offer (pieces or weighed grams, >= 0)."""

    offer_id: UUID
    quantity: int


@dataclass(frozen=True, slots=True)
class StockOut:
    offer_id: UUID
    shop_id: UUID
    on_hand: int
    reserved: int
    allocated: int
    low_stock_threshold: int | None
    # Whether available is at or below the threshold (the alert has fired for this crossing).
    is_low: bool
    # None for an offer that never had stock counted.
    updated_at: datetime | None

    @property
    def available(self) -> int:
        """What customers can still reserve."""
        return self.on_hand - self.reserved - self.allocated


@dataclass(frozen=True, slots=True)
class ReservationOut:
    id: UUID
    holder: str
    offer_id: UUID
    quantity: int
    status: ReservationStatus
    # None once allocated, or when reserved without a deadline (extend_reservation(ttl=None)).
    expires_at: datetime | None
    # The actual quantity taken off at assembly, once settled.
    taken: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AdjustmentOut:
    """One change of an offer's stock: who, why, how much and the counters after it."""

    id: UUID
    offer_id: UUID
    at: datetime
    # The person's Telegram id; None when the system did it (orders, expiry).
    actor_id: int | None
    reason: AdjustmentReason
    note: str | None
    holder: str | None
    on_hand_change: int
    reserved_change: int
    allocated_change: int
    on_hand: int
    reserved: int
    allocated: int

    @property
    def who(self) -> str:
        """The actor's Telegram id as text, or ``system``."""
        return "system" if self.actor_id is None else str(self.actor_id)

    @property
    def available(self) -> int:
        """Available right after this change."""
        return self.on_hand - self.reserved - self.allocated
