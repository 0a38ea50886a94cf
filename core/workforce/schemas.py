"""What the workforce api takes and returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from uuid import UUID


class Vehicle(StrEnum):
    FOOT = "foot"
    BICYCLE = "bicycle"
    CAR = "car"


# How many deliveries a courier carries at once, by how they travel.
CAPACITY: Mapping[Vehicle, int] = MappingProxyType(
    {
        Vehicle.FOOT: 1,
        Vehicle.BICYCLE: 2,
        Vehicle.CAR: 3,
    }
)


class CourierStatus(StrEnum):
    OFFLINE = "offline"  # no shift
    AVAILABLE = "available"  # on shift, no delivery in hand
    DELIVERING = "delivering"  # on shift, carrying at least one delivery
    ON_BREAK = "on_break"  # on shift, taking no offers


# On shift and taking offers (when capacity is left).
WORKING: frozenset[CourierStatus] = frozenset({CourierStatus.AVAILABLE, CourierStatus.DELIVERING})


class ApplicationStatus(StrEnum):
    PENDING = "pending"  # waiting for an admin
    APPROVED = "approved"  # may work shifts
    REJECTED = "rejected"  # turned down, with a reason; may apply again
    RETIRED = "retired"  # the courier role was taken back; may apply again


class JoinPath(StrEnum):
    INVITATION = "invitation"  # held the courier role when the profile was completed
    APPLICATION = "application"  # applied, an admin decides


class ShiftEndReason(StrEnum):
    COURIER = "courier"  # the courier ended it
    LIMIT = "limit"  # the day's hours ran out
    RETIRED = "retired"  # the courier role was taken back


@dataclass(frozen=True)
class CourierOut:
    telegram_id: int
    name: str
    phone: str | None
    vehicle: Vehicle
    status: CourierStatus
    approved: bool
    capacity: int  # deliveries at once: foot 1, bicycle 2, car 3
    active_deliveries: int
    shift_started_at: datetime | None

    @property
    def on_shift(self) -> bool:
        return self.status is not CourierStatus.OFFLINE

    @property
    def free_capacity(self) -> int:
        """How many more deliveries may be offered now (0 off shift or on a break)."""
        if not (self.approved and self.status in WORKING):
            return 0
        return max(0, self.capacity - self.active_deliveries)


@dataclass(frozen=True)
class ApplicationOut:
    """A courier's profile with how they joined and what became of it."""

    courier: CourierOut
    status: ApplicationStatus
    joined_via: JoinPath
    applied_at: datetime
    decided_at: datetime | None
    decided_by: int | None
    rejection_reason: str | None


@dataclass(frozen=True)
class ShiftOut:
    """The courier's shift now, and the hours behind them (shift time, breaks included)."""

    courier: CourierOut
    on_break_since: datetime | None
    hours_today: timedelta
    hours_7_days: timedelta  # today and the six days before it
    limit_per_day: timedelta

    @property
    def limit_reached(self) -> bool:
        return self.hours_today >= self.limit_per_day


@dataclass(frozen=True)
class PlannedShiftOut:
    id: UUID
    courier_id: int
    day: date  # in the work time zone
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at
