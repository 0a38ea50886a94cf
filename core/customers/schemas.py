"""What the customers api takes and returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AddressLabel(StrEnum):
    """What a saved address is to the person; bots show it in their language."""

    HOME = "home"
    WORK = "work"
    OTHER = "other"


class DeliveryCoverage(StrEnum):
    """Whether any shop delivers to an address; ``unknown`` when we cannot tell (text only)."""

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AddressInput:
    """An address as a person gives it: a point and/or text, plus details for the courier.

    Strings are cleaned by the api (trimmed; blank becomes None); the bots check each field as
    it is typed with the same functions (``api.clean_*``), so errors come early and alike.
    """

    latitude: float | None = None
    longitude: float | None = None
    text: str | None = None
    entrance: str | None = None
    floor: int | None = None
    apartment: str | None = None
    comment: str | None = None
    label: AddressLabel | None = None


@dataclass(frozen=True, slots=True)
class AddressOut:
    id: uuid.UUID
    customer_id: int
    latitude: float | None
    longitude: float | None
    text: str | None
    entrance: str | None
    floor: int | None
    apartment: str | None
    comment: str | None
    label: AddressLabel | None
    is_default: bool
    created_at: datetime
    updated_at: datetime

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def as_input(self) -> AddressInput:
        """The editable fields, to change one and save the address back."""
        return AddressInput(
            latitude=self.latitude,
            longitude=self.longitude,
            text=self.text,
            entrance=self.entrance,
            floor=self.floor,
            apartment=self.apartment,
            comment=self.comment,
            label=self.label,
        )


@dataclass(frozen=True, slots=True)
class SavedAddress:
    """An address just saved, and whether a shop delivers there (a warning, never a refusal)."""

    address: AddressOut
    coverage: DeliveryCoverage


@dataclass(frozen=True, slots=True)
class ProfileOut:
    customer_id: int
    phone: str | None
    phone_shared_at: datetime | None
    onboarded_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SharedContact:
    """A contact a person sent the bot: ``contact_user_id`` is whose phone it is (Telegram's)."""

    sender_id: int
    phone_number: str
    contact_user_id: int | None
