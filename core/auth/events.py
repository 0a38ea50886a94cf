"""What auth tells the rest of the system: roles granted and taken back, staff joining and
leaving shops, invitations accepted."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.auth.policy import Role
from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class RoleGranted(Event, name="auth.role_granted"):
    telegram_id: int
    role: Role
    granted_by: int | None


@dataclass(frozen=True, kw_only=True)
class RoleRevoked(Event, name="auth.role_revoked"):
    telegram_id: int
    role: Role
    revoked_by: int


@dataclass(frozen=True, kw_only=True)
class StaffJoined(Event, name="auth.staff_joined"):
    shop_id: UUID
    telegram_id: int
    role: Role
    invited_by: int | None


@dataclass(frozen=True, kw_only=True)
class StaffRoleChanged(Event, name="auth.staff_role_changed"):
    shop_id: UUID
    telegram_id: int
    old_role: Role
    new_role: Role
    changed_by: int


@dataclass(frozen=True, kw_only=True)
class StaffRemoved(Event, name="auth.staff_removed"):
    shop_id: UUID
    telegram_id: int
    role: Role
    removed_by: int


@dataclass(frozen=True, kw_only=True)
class InvitationAccepted(Event, name="auth.invitation_accepted"):
    invitation_id: UUID
    telegram_id: int
    role: Role
    shop_id: UUID | None
    invited_by: int | None
