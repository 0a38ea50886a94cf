"""Being an approved courier follows the courier role in core.auth: a role granted another way
(an invitation, an admin's grant) approves a waiting, rejected or retired courier; a role taken
back ends their shift and retires them."""

from __future__ import annotations

from core.auth.events import RoleGranted, RoleRevoked
from core.auth.policy import Role
from core.shared.events import subscriber
from core.shared.uow import Transaction
from core.workforce import _couriers, _shifts

__all__ = ["courier_role_granted", "courier_role_revoked"]


@subscriber(RoleGranted, name="workforce.courier_role_granted")
async def courier_role_granted(tx: Transaction, event: RoleGranted) -> None:
    """Approve the courier's profile, if they have one that is not approved yet."""
    if event.role is Role.COURIER:
        await _couriers.role_granted(tx, event.telegram_id, event.granted_by)


@subscriber(RoleRevoked, name="workforce.courier_role_revoked")
async def courier_role_revoked(tx: Transaction, event: RoleRevoked) -> None:
    """End the shift of a courier whose role was taken back; they are retired."""
    if event.role is Role.COURIER:
        await _shifts.retire(tx, event.telegram_id)
