"""Other modules' events that a person should hear about, turned into notifications.

These run inside the relay's transaction: they only read and queue (``notify``); the sender
sends after the commit. Each notification's dedup key is the event id and the subscriber, so a
redelivered event queues nothing new. The inviter of a new staff member is told by the bot that
took the invitation (bot.common.invitations), not here. What orders tell customers and shops
(a live status message per order, new-order alerts, substitute proposals) is in
``_order_notices``, what logistics tells couriers, customers, support and shops in
``_delivery_notices``, what workforce tells admins and couriers in ``_courier_notices``; all
registered from here.

Quantities go into messages already written out for each language ("1,2" and "1.2") with a
unit code that the message turns into words (``_amounts``): the params are stored at queue
time, the language is chosen at send time.
"""

from __future__ import annotations

from uuid import UUID

from core.auth.api import holders_of, load_actor, shop_staff_ids
from core.auth.events import StaffRemoved, StaffRoleChanged
from core.auth.policy import Role
from core.business.api import get_business, get_shop
from core.business.events import BusinessApplied, BusinessApproved, BusinessRejected
from core.catalog.api import get_product
from core.communications._amounts import amount
from core.communications._courier_notices import (
    courier_applied,
    courier_approved,
    courier_rejected,
    shift_ended,
)
from core.communications._delivery_notices import (
    courier_assigned,
    delivery_at_risk,
    delivery_canceled,
    delivery_returned,
    handover_locked,
    offer_closed,
    offer_made,
)
from core.communications._order_notices import (
    order_shop_alert,
    order_status,
    substitute_answered,
    substitute_proposed,
)
from core.communications.api import ParamValue, notify
from core.inventory.events import LowStock
from core.shared.config import BotRole
from core.shared.events import Event, subscriber
from core.shared.uow import Transaction
from core.storefront.api import get_offer

__all__ = [
    "STOCK_KEEPERS",
    "business_applied",
    "business_approved",
    "business_rejected",
    "courier_applied",
    "courier_approved",
    "courier_assigned",
    "courier_rejected",
    "delivery_at_risk",
    "delivery_canceled",
    "delivery_returned",
    "handover_locked",
    "low_stock",
    "offer_closed",
    "offer_made",
    "order_shop_alert",
    "order_status",
    "shift_ended",
    "staff_removed",
    "staff_role_changed",
    "substitute_answered",
    "substitute_proposed",
]

# Who hears that an offer runs low: the people who restock, not the pickers.
STOCK_KEEPERS = (Role.OWNER, Role.MANAGER)


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
            tx.db,
            admin_id,
            BotRole.SUPPORT,
            "notification-business-applied",
            {"legal_name": event.legal_name},
            _key(event, f"business_applied:{admin_id}"),
        )


@subscriber(BusinessApproved, name="communications.business_approved")
async def business_approved(tx: Transaction, event: BusinessApproved) -> None:
    """Tell the applicant in the seller bot that they may start selling."""
    legal_name, shops = await _legal_name_and_shops(
        tx, event.applicant_id, event.business_id, event.shop_ids
    )
    await notify(
        tx.db,
        event.applicant_id,
        BotRole.SELLER,
        "notification-business-approved",
        {"legal_name": legal_name, "shops": shops},
        _key(event, "business_approved"),
    )


@subscriber(BusinessRejected, name="communications.business_rejected")
async def business_rejected(tx: Transaction, event: BusinessRejected) -> None:
    """Tell the applicant in the seller bot why the application was turned down."""
    legal_name, _ = await _legal_name_and_shops(tx, event.applicant_id, event.business_id)
    await notify(
        tx.db,
        event.applicant_id,
        BotRole.SELLER,
        "notification-business-rejected",
        {"legal_name": legal_name, "reason": event.reason},
        _key(event, "business_rejected"),
    )


@subscriber(StaffRoleChanged, name="communications.staff_role_changed")
async def staff_role_changed(tx: Transaction, event: StaffRoleChanged) -> None:
    """Tell a staff member their role in a shop changed."""
    shop = await get_shop(tx.db, event.shop_id)
    await notify(
        tx.db,
        event.telegram_id,
        BotRole.SELLER,
        "notification-staff-role-changed",
        {"shop": shop.name, "role": event.new_role.value},
        _key(event, "staff_role_changed"),
    )


@subscriber(StaffRemoved, name="communications.staff_removed")
async def staff_removed(tx: Transaction, event: StaffRemoved) -> None:
    """Tell a former staff member they no longer work in the shop's seller tools."""
    shop = await get_shop(tx.db, event.shop_id)
    await notify(
        tx.db,
        event.telegram_id,
        BotRole.SELLER,
        "notification-staff-removed",
        {"shop": shop.name},
        _key(event, "staff_removed"),
    )


@subscriber(LowStock, name="communications.low_stock")
async def low_stock(tx: Transaction, event: LowStock) -> None:
    """Tell the shop's owners and managers in the seller bot that an offer is running out."""
    offer = await get_offer(tx.db, event.offer_id)
    product = await get_product(tx.db, offer.product_id)
    shop = await get_shop(tx.db, event.shop_id)
    params: dict[str, ParamValue] = {
        "name_ru": product.name_ru,
        "name_en": product.name_en,
        "shop": shop.name,
        **amount(event.available, offer.unit, "left"),
        **amount(event.threshold, offer.unit, "threshold"),
    }
    for recipient in await shop_staff_ids(tx.db, event.shop_id, STOCK_KEEPERS):
        await notify(
            tx.db,
            recipient,
            BotRole.SELLER,
            "notification-low-stock",
            params,
            _key(event, f"low_stock:{recipient}"),
        )
