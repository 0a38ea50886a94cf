"""What business tells the rest of the system: applications and their review, shops' state."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class BusinessApplied(Event, name="business.applied"):
    """A seller applied; admins review it."""

    business_id: UUID
    shop_id: UUID
    applicant_id: int
    legal_name: str


@dataclass(frozen=True, kw_only=True)
class BusinessApproved(Event, name="business.approved"):
    """An admin approved the application; the applicant now owns its shops."""

    business_id: UUID
    applicant_id: int
    shop_ids: tuple[UUID, ...]
    approved_by: int


@dataclass(frozen=True, kw_only=True)
class BusinessRejected(Event, name="business.rejected"):
    """An admin rejected the application; the reason is for the applicant."""

    business_id: UUID
    applicant_id: int
    reason: str
    rejected_by: int


@dataclass(frozen=True, kw_only=True)
class ShopSubmitted(Event, name="business.shop_submitted"):
    """An approved business asks to open one more shop."""

    shop_id: UUID
    business_id: UUID
    submitted_by: int


@dataclass(frozen=True, kw_only=True)
class ShopApproved(Event, name="business.shop_approved"):
    shop_id: UUID
    business_id: UUID
    approved_by: int


@dataclass(frozen=True, kw_only=True)
class ShopRejected(Event, name="business.shop_rejected"):
    shop_id: UUID
    business_id: UUID
    reason: str
    rejected_by: int


@dataclass(frozen=True, kw_only=True)
class ShopPaused(Event, name="business.shop_paused"):
    """The shop stopped taking orders until resumed."""

    shop_id: UUID
    paused_by: int


@dataclass(frozen=True, kw_only=True)
class ShopResumed(Event, name="business.shop_resumed"):
    shop_id: UUID
    resumed_by: int


@dataclass(frozen=True, kw_only=True)
class ShopUpdated(Event, name="business.shop_updated"):
    """Settings or profile changed (``fields`` names them), e.g. to refresh cached storefronts."""

    shop_id: UUID
    fields: tuple[str, ...]
    updated_by: int
