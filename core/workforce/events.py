"""What workforce tells the rest of the system: applications and their review, shifts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core.shared.events import Event
from core.workforce.schemas import ShiftEndReason, Vehicle


@dataclass(frozen=True, kw_only=True)
class CourierApplied(Event, name="workforce.courier_applied"):
    """Someone without the courier role completed a profile; admins review it."""

    courier_id: int
    name: str
    vehicle: Vehicle


@dataclass(frozen=True, kw_only=True)
class CourierApproved(Event, name="workforce.courier_approved"):
    """The courier may work shifts now; ``approved_by`` None: the role came another way (an
    invitation or a grant in core.auth) while the application waited."""

    courier_id: int
    approved_by: int | None


@dataclass(frozen=True, kw_only=True)
class CourierRejected(Event, name="workforce.courier_rejected"):
    """An admin turned the application down; the reason is for the applicant."""

    courier_id: int
    reason: str
    rejected_by: int


@dataclass(frozen=True, kw_only=True)
class ShiftStarted(Event, name="workforce.shift_started"):
    courier_id: int
    shift_id: UUID
    started_at: datetime


@dataclass(frozen=True, kw_only=True)
class ShiftEnded(Event, name="workforce.shift_ended"):
    courier_id: int
    shift_id: UUID
    started_at: datetime
    ended_at: datetime
    reason: ShiftEndReason
