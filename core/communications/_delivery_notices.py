"""What logistics tells people: offers to couriers (edited once answered, expired or
withdrawn), the delivery card to the courier who took it, the handover code to the customer,
deliveries at risk and locked handovers to support, returned orders to the shop. Registered by
``subscribers``.

Offers and cards are threads (``offer:<offer id>``, ``delivery:<id>:courier``): the courier
bot's own buttons edit a card after that (bot.courier.deliveries), so core edits it again only
when someone else ends it (the order canceled). Everything is read as it is when the event is
handled, with the authority of the person it concerns (the customer for their delivery and
code, the courier for the phone), never through a back door. Buttons carry the callback data the
courier bot reads back: ``dof:<accept|decline>:<offer hex>``, ``dlv:<action>:<delivery hex>``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from core.auth.api import holders_of, load_actor, shop_staff_ids
from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.business.api import get_shop
from core.communications._amounts import clock_time, money
from core.communications._order_notices import ORDER_TAKERS
from core.communications.api import ParamValue, Scalar, notify
from core.logistics.api import (
    OFFER_TTL,
    courier_view,
    delivery_of_order,
    handover_code,
)
from core.logistics.events import (
    CourierAssigned,
    DeliveryAtRisk,
    DeliveryCanceled,
    HandoverLocked,
    OfferDeclined,
    OfferExpired,
    OfferMade,
    OfferWithdrawn,
    Returned,
)
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.shared.config import BotRole
from core.shared.events import Event, subscriber
from core.shared.uow import Transaction
from core.workforce.api import get_courier
from core.workforce.errors import CourierNotFound

D = DeliveryStatus
OFFER, CARD, CODE = (
    "notification-delivery-offer",
    "notification-delivery-card",
    "notification-delivery-code",
)
AT_RISK, LOCKED, RETURNED = (
    "notification-delivery-at-risk",
    "notification-delivery-locked",
    "notification-delivery-returned",
)
MAP_URL = "https://yandex.ru/maps/?pt={lon},{lat}&z=17&l=map"


def offer_thread(offer_id: UUID) -> str:
    """An offer to a courier."""
    return f"offer:{offer_id}"


def card_thread(delivery_id: UUID) -> str:
    """The delivery card of the courier who took it."""
    return f"delivery:{delivery_id}:courier"


def code_thread(delivery_id: UUID) -> str:
    """The handover code to the customer."""
    return f"delivery:{delivery_id}:code"


def _key(event: Event, what: str) -> str:
    return f"{event.event_id}:communications.{what}"


def _callback(prefix: str, action: str, target: UUID) -> str:
    # aiogram packs a UUID field as its hex: the courier bot's CallbackData classes read these.
    return f"{prefix}:{action}:{target.hex}"


def _button(key: str, prefix: str, action: str, target: UUID) -> dict[str, str]:
    return {"text_key": key, "callback_data": _callback(prefix, action, target)}


def distance(metres: int, name: str) -> dict[str, Scalar]:
    """``metres`` for people: ``<name>_ru``/``<name>_en`` and ``<name>_unit`` (m below a
    kilometre, else km to one decimal, cut rather than rounded up)."""
    if metres < 1000:
        number, unit = str(max(0, metres)), "m"
    else:
        number, unit = f"{(Decimal(metres // 100) / 10).normalize():f}", "km"
    return {f"{name}_ru": number.replace(".", ","), f"{name}_en": number, f"{name}_unit": unit}


async def _delivery(tx: Transaction, customer_id: int, order_id: UUID) -> DeliveryOut | None:
    # The customer may read their own delivery: ask with their authority.
    return await delivery_of_order(tx.db, await load_actor(tx.db, customer_id), order_id)


async def _courier_name(tx: Transaction, courier_id: int | None) -> str:
    if courier_id is None:
        return ""
    try:
        return (await get_courier(tx.db, courier_id)).name
    except CourierNotFound:
        return str(courier_id)


def _basics(delivery: DeliveryOut) -> dict[str, ParamValue]:
    return {
        "number": str(delivery.order_number),
        "shop": delivery.shop_name,
        "pickup": delivery.pickup_address,
        "items": delivery.item_count,
        **distance(delivery.distance_m, "route"),
        "earning": money(delivery.earning) if delivery.earning is not None else "",
    }


# -- offers ------------------------------------------------------------------------------------


@subscriber(OfferMade, name="communications.delivery_offer_made")
async def offer_made(tx: Transaction, event: OfferMade) -> None:
    """Offer the delivery to the courier in the courier bot, with Accept and Decline."""
    delivery = await _delivery(tx, event.customer_id, event.order_id)
    if delivery is None:
        return
    buttons = {
        "inline_keyboard": [
            [
                _button("notification-delivery-btn-accept", "dof", "accept", event.offer_id),
                _button("notification-delivery-btn-decline", "dof", "decline", event.offer_id),
            ]
        ]
    }
    await notify(
        tx.db,
        event.courier_id,
        BotRole.COURIER,
        OFFER,
        {
            **_basics(delivery),
            "state": "open",
            "answer": [
                {**distance(event.distance_m, "away"), "seconds": int(OFFER_TTL.total_seconds())}
            ],
        },
        _key(event, "delivery_offer"),
        reply_markup=buttons,
        thread=offer_thread(event.offer_id),
        sequence=1,
    )


async def offer_closed(tx: Transaction, event: Event) -> None:
    """Edit the offer to say what became of it, without its buttons."""
    assert isinstance(event, OfferExpired | OfferDeclined | OfferWithdrawn | CourierAssigned)
    if isinstance(event, CourierAssigned):
        if event.offer_id is None:
            return  # assigned by hand: no offer to edit
        offer_id, state = event.offer_id, "accepted"
    elif isinstance(event, OfferWithdrawn):
        offer_id, state = event.offer_id, "withdrawn"
    else:
        offer_id = event.offer_id
        state = "expired" if isinstance(event, OfferExpired) else "declined"
    delivery = await _delivery(tx, event.customer_id, event.order_id)
    if delivery is None:
        return
    await notify(
        tx.db,
        event.courier_id,
        BotRole.COURIER,
        OFFER,
        {**_basics(delivery), "state": state, "answer": []},
        _key(event, "delivery_offer_closed"),
        thread=offer_thread(offer_id),
        sequence=2,
    )


for _event_cls in (OfferExpired, OfferDeclined, OfferWithdrawn, CourierAssigned):
    subscriber(_event_cls, name="communications.delivery_offer_closed")(offer_closed)


# -- the courier's card and the customer's code ------------------------------------------------


def card_params(delivery: DeliveryOut, timezone: str) -> dict[str, ParamValue]:
    """The courier's card: where to pick up, what, where to, by when, the phone while theirs."""
    where = delivery.dropoff
    return {
        **_basics(delivery),
        "status": delivery.status.value,
        "dropoff": delivery.dropoff_address,
        "lat": f"{delivery.dropoff_point.lat:.6f}",
        "lon": f"{delivery.dropoff_point.lon:.6f}",
        "promised": clock_time(delivery.promised_at, timezone),
        "entrance": [{"value": where.entrance}] if where.entrance else [],
        "floor": [{"value": str(where.floor)}] if where.floor is not None else [],
        "apartment": [{"value": where.apartment}] if where.apartment else [],
        "comment": [{"value": where.comment}] if where.comment else [],
        "phone": [{"value": delivery.customer_phone}] if delivery.customer_phone else [],
    }


def card_buttons(delivery: DeliveryOut) -> dict[str, Any] | None:
    """The card's next steps where the delivery is now (the courier bot's ``dlv:`` buttons)."""
    steps: list[tuple[str, str]] = []
    if delivery.status is D.ASSIGNED:
        steps = [("notification-delivery-btn-pickup", "pickup")]
    elif delivery.status is D.PICKED_UP:
        steps = [
            ("notification-delivery-btn-handover", "handover"),
            ("notification-delivery-btn-unreachable", "unreachable"),
        ]
    elif delivery.status is D.AWAITING_CUSTOMER:
        steps = [
            ("notification-delivery-btn-handover", "handover"),
            ("notification-delivery-btn-return", "return"),
        ]
    if not steps:
        return None
    return {
        "inline_keyboard": [[_button(key, "dlv", action, delivery.id)] for key, action in steps]
    }


async def _send_card(
    tx: Transaction,
    event: Event,
    courier_id: int,
    delivery: DeliveryOut,
    *,
    reply_markup: dict[str, Any] | None,
    sequence: int,
) -> None:
    """Queue the courier's delivery card (a thread: sent once, then edited) as ``event`` left it."""
    shop = await get_shop(tx.db, delivery.shop_id)
    await notify(
        tx.db,
        courier_id,
        BotRole.COURIER,
        CARD,
        card_params(delivery, shop.timezone),
        _key(event, "delivery_card"),
        reply_markup=reply_markup,
        thread=card_thread(delivery.id),
        sequence=sequence,
    )


@subscriber(CourierAssigned, name="communications.delivery_assigned")
async def courier_assigned(tx: Transaction, event: CourierAssigned) -> None:
    """Send the courier the delivery card, and the customer the code for the courier."""
    try:
        delivery = await courier_view(
            tx.db, await load_actor(tx.db, event.courier_id), event.delivery_id
        )
    except PermissionDenied:
        # No longer a courier (the role taken back meanwhile): the card, without the phone.
        found = await _delivery(tx, event.customer_id, event.order_id)
        if found is None:
            return
        delivery = found
    await _send_card(
        tx, event, event.courier_id, delivery, reply_markup=card_buttons(delivery), sequence=1
    )
    customer = await load_actor(tx.db, event.customer_id)
    await notify(
        tx.db,
        event.customer_id,
        BotRole.CUSTOMER,
        CODE,
        {
            "number": str(event.order_number),
            "courier": await _courier_name(tx, event.courier_id),
            "code": await handover_code(tx.db, customer, event.delivery_id),
        },
        _key(event, "delivery_code"),
        thread=code_thread(event.delivery_id),
        sequence=1,
    )


@subscriber(DeliveryCanceled, name="communications.delivery_canceled")
async def delivery_canceled(tx: Transaction, event: DeliveryCanceled) -> None:
    """Tell the courier who had the delivery that its order was canceled, on their card."""
    if event.courier_id is None:
        return
    delivery = await _delivery(tx, event.customer_id, event.order_id)
    if delivery is None:
        return
    # After whatever the courier's own buttons showed: the card ends here.
    await _send_card(tx, event, event.courier_id, delivery, reply_markup=None, sequence=100)


# -- support and the shop ----------------------------------------------------------------------


@subscriber(DeliveryAtRisk, name="communications.delivery_at_risk")
async def delivery_at_risk(tx: Transaction, event: DeliveryAtRisk) -> None:
    """Tell every support agent in the support bot that a delivery may be late."""
    shop = await get_shop(tx.db, event.shop_id)
    params: dict[str, ParamValue] = {
        "number": str(event.order_number),
        "shop": shop.name,
        "reason": event.reason,
        "status": event.status,
        "promised": clock_time(event.promised_at, shop.timezone),
        "courier": (
            [{"name": await _courier_name(tx, event.courier_id)}]
            if event.courier_id is not None
            else []
        ),
    }
    for agent in await holders_of(tx.db, Role.SUPPORT):
        await notify(
            tx.db, agent, BotRole.SUPPORT, AT_RISK, params, _key(event, f"at_risk:{agent}")
        )


@subscriber(HandoverLocked, name="communications.delivery_handover_locked")
async def handover_locked(tx: Transaction, event: HandoverLocked) -> None:
    """Tell every support agent that a courier cannot hand an order over: wrong codes."""
    shop = await get_shop(tx.db, event.shop_id)
    params: dict[str, ParamValue] = {
        "number": str(event.order_number),
        "shop": shop.name,
        "courier": await _courier_name(tx, event.courier_id),
    }
    for agent in await holders_of(tx.db, Role.SUPPORT):
        await notify(tx.db, agent, BotRole.SUPPORT, LOCKED, params, _key(event, f"locked:{agent}"))


@subscriber(Returned, name="communications.delivery_returned")
async def delivery_returned(tx: Transaction, event: Returned) -> None:
    """Tell the shop's staff in the seller bot that the courier brings the order back."""
    shop = await get_shop(tx.db, event.shop_id)
    params: dict[str, ParamValue] = {
        "number": str(event.order_number),
        "shop": shop.name,
        "courier": await _courier_name(tx, event.courier_id),
    }
    for person in await shop_staff_ids(tx.db, event.shop_id, ORDER_TAKERS):
        await notify(
            tx.db, person, BotRole.SELLER, RETURNED, params, _key(event, f"returned:{person}")
        )
