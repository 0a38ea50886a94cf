"""Other modules' events that a person should hear about, turned into notifications.

These run inside the relay's transaction: they only read and queue (``notify``); the sender
sends after the commit. Each notification's dedup key is the event id and the subscriber, so a
redelivered event queues nothing new. The inviter of a new staff member is told by the bot that
took the invitation (bot.common.invitations), not here.
"""

from __future__ import annotations

from uuid import UUID

from core.auth.api import holders_of, load_actor
from core.auth.events import StaffRemoved, StaffRoleChanged
from core.auth.policy import Role
from core.business.api import get_business, get_shop
from core.business.events import BusinessApplied, BusinessApproved, BusinessRejected
from core.communications.api import notify
from core.shared.config import BotRole
from core.shared.events import Event, subscriber
from core.shared.uow import Transaction


def _key(event: Event, what: str) -> str:
    return f"{event.event_id}:communications.{what}"


async def _legal_name_and_shops(
    tx: Transaction, applicant_id: int, business_id: UUID, shop_ids: tuple[UUID, ...] = ()
) -> tuple[str, str]:
    # The applicant may read their own business: ask with their authority, not a back door.
    applicant = await load_actor(tx.db, applicant_id)
    application = await get_business(tx.db, applicant, business_id)
    shops = ", ".join(shop.name for shop in application.shops if shop.id in shop_ids)
    return application.business.legal_name, shops


@subscriber(BusinessApplied, name="communications.business_applied")
async def business_applied(tx: Transaction, event: BusinessApplied) -> None:
    """Tell every platform admin in the support bot that an application waits for review."""
    for admin_id in await holders_of(tx.db, Role.ADMIN):
        await notify(
            tx.db, admin_id, BotRole.SUPPORT, "notification-business-applied",
            {"legal_name": event.legal_name}, _key(event, f"business_applied:{admin_id}"),
        )


@subscriber(BusinessApproved, name="communications.business_approved")
async def business_approved(tx: Transaction, event: BusinessApproved) -> None:
    """Tell the applicant in the seller bot that they may start selling."""
    legal_name, shops = await _legal_name_and_shops(
        tx, event.applicant_id, event.business_id, event.shop_ids
    )
    await notify(
        tx.db, event.applicant_id, BotRole.SELLER, "notification-business-approved",
        {"legal_name": legal_name, "shops": shops}, _key(event, "business_approved"),
    )


@subscriber(BusinessRejected, name="communications.business_rejected")
async def business_rejected(tx: Transaction, event: BusinessRejected) -> None:
    """Tell the applicant in the seller bot why the application was turned down."""
    legal_name, _ = await _legal_name_and_shops(tx, event.applicant_id, event.business_id)
    await notify(
        tx.db, event.applicant_id, BotRole.SELLER, "notification-business-rejected",
        {"legal_name": legal_name, "reason": event.reason}, _key(event, "business_rejected"),
    )


@subscriber(StaffRoleChanged, name="communications.staff_role_changed")
async def staff_role_changed(tx: Transaction, event: StaffRoleChanged) -> None:
    """Tell a staff member their role in a shop changed."""
    shop = await get_shop(tx.db, event.shop_id)
    await notify(
        tx.db, event.telegram_id, BotRole.SELLER, "notification-staff-role-changed",
        {"shop": shop.name, "role": event.new_role.value}, _key(event, "staff_role_changed"),
    )


@subscriber(StaffRemoved, name="communications.staff_removed")
async def staff_removed(tx: Transaction, event: StaffRemoved) -> None:
    """Tell a former staff member they no longer work in the shop's seller tools."""
    shop = await get_shop(tx.db, event.shop_id)
    await notify(
        tx.db, event.telegram_id, BotRole.SELLER, "notification-staff-removed",
        {"shop": shop.name}, _key(event, "staff_removed"),
    )
