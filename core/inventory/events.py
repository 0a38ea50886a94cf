"""Events the inventory module publishes."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class LowStock(Event, name="inventory.low_stock"):
    """Available fell to the offer's threshold or below; published once per crossing."""

    offer_id: UUID
    shop_id: UUID
    available: int
    threshold: int


@dataclass(frozen=True, kw_only=True)
class ReservationsExpired(Event, name="inventory.reservations_expired"):
    """A holder's reservations passed their deadline and were released."""

    holder: str
    offer_ids: tuple[UUID, ...]
