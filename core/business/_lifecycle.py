"""Shop and business state machines: the transition table, and moving along it.

Every transition is a conditional update (``... WHERE id = :id AND status IN :from``), so two
people acting at once cannot both move a shop; repeating a transition that already happened (a
double-tapped button) returns the shop as it is instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any
from uuid import UUID

from sqlalchemy import update

from core.auth.policy import Actor, Permission, require
from core.business._models import Business, Shop
from core.business.errors import (
    ApplicationDecided,
    BusinessNotFound,
    ShopNotFound,
    ShopStatusConflict,
)
from core.business.schemas import BusinessStatus, ShopStatus
from core.shared.uow import Transaction


class ShopAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    PAUSE = "pause"
    RESUME = "resume"


@dataclass(frozen=True, slots=True)
class Transition:
    sources: frozenset[ShopStatus]
    target: ShopStatus
    permission: Permission


SHOP_TRANSITIONS: Mapping[ShopAction, Transition] = MappingProxyType({
    ShopAction.SUBMIT: Transition(
        frozenset({ShopStatus.DRAFT}), ShopStatus.PENDING_APPROVAL, Permission.EDIT_BUSINESS
    ),
    ShopAction.APPROVE: Transition(
        frozenset({ShopStatus.PENDING_APPROVAL}), ShopStatus.ACTIVE,
        Permission.REVIEW_SELLER_APPLICATIONS,
    ),
    ShopAction.REJECT: Transition(
        frozenset({ShopStatus.PENDING_APPROVAL}), ShopStatus.REJECTED,
        Permission.REVIEW_SELLER_APPLICATIONS,
    ),
    ShopAction.PAUSE: Transition(
        frozenset({ShopStatus.ACTIVE}), ShopStatus.PAUSED, Permission.EDIT_SHOP
    ),
    ShopAction.RESUME: Transition(
        frozenset({ShopStatus.PAUSED}), ShopStatus.ACTIVE, Permission.EDIT_SHOP
    ),
})

# Shops whose settings and profile may still be edited.
EDITABLE: frozenset[ShopStatus] = frozenset(
    {ShopStatus.DRAFT, ShopStatus.PENDING_APPROVAL, ShopStatus.ACTIVE, ShopStatus.PAUSED}
)


async def move_shop(
    tx: Transaction, actor: Actor, shop_id: UUID, action: ShopAction, **values: Any
) -> tuple[Shop, bool]:
    """Apply ``action`` to the shop; returns the row and whether it changed just now."""
    rule = SHOP_TRANSITIONS[action]
    require(actor, rule.permission, shop_id=shop_id)
    now = tx.clock.now()
    moved = (await tx.session.scalars(
        update(Shop)
        .where(Shop.id == shop_id, Shop.status.in_([s.value for s in rule.sources]))
        .values(status=rule.target.value, status_changed_at=now, updated_at=now, **values)
        .returning(Shop),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if moved is not None:
        return moved, True
    current = await tx.session.get(Shop, shop_id, populate_existing=True)
    if current is None:
        raise ShopNotFound(shop_id=shop_id)
    if current.status == rule.target.value:
        return current, False
    raise ShopStatusConflict(status=current.status, action=action.value)


async def decide_business(
    tx: Transaction, business_id: UUID, target: BusinessStatus, decided_by: int,
    reason: str | None = None,
) -> tuple[Business, bool]:
    """Move a pending business to approved or rejected; repeats return it unchanged."""
    decided = (await tx.session.scalars(
        update(Business)
        .where(Business.id == business_id, Business.status == BusinessStatus.PENDING.value)
        .values(status=target.value, decided_at=tx.clock.now(), decided_by=decided_by,
                rejection_reason=reason)
        .returning(Business),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if decided is not None:
        return decided, True
    current = await tx.session.get(Business, business_id, populate_existing=True)
    if current is None:
        raise BusinessNotFound(business_id=business_id)
    if current.status == target.value:
        return current, False
    raise ApplicationDecided(status=current.status)
