"""Checkout over the API: what checkout in a shop offers me (my addresses and whether the shop
delivers there, as soon as possible or a slot, payment, substitutions, the honest total and
what still stops the order), and placing the order (core.orders.place_order).

Placing is idempotent: the page makes one key per checkout attempt and sends it again on a
retry, so a double tap or a lost answer gives one order; the repeat answers 200 with it.
"""

from __future__ import annotations

from http import HTTPStatus
from uuid import UUID

from aiohttp import web

from core.auth.policy import Actor
from core.business.api import accepting_orders, get_shop, next_opening
from core.business.schemas import ShopOut
from core.customers.api import list_addresses
from core.customers.errors import AddressNotFound
from core.customers.schemas import AddressOut
from core.geo.api import zone_contains
from core.geo.schemas import Point
from core.orders.api import delivery_slots, get_cart, order_history, place_order, travel_minutes
from core.orders.schemas import (
    DEFAULT_SUBSTITUTION,
    CartIssue,
    CartView,
    CheckoutForm,
    DeliverySlot,
    PaymentMethod,
    SubstitutionPreference,
)
from core.shared.uow import Database, Transaction
from web.api_business.localized import language
from web.api_business.models import money_view
from web.api_storefront.listing import presentation, uuid_param
from web.api_storefront.localized import answers_localized, translator_of
from web.api_storefront.models import CartOut, cart_view
from web.api_storefront.order_views import (
    OFFERED_PAYMENTS,
    BlockerView,
    CheckoutAddressView,
    CheckoutIn,
    CheckoutShopView,
    CheckoutView,
    OrderView,
    Words,
    order_view,
    slot_view,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("orders",)
# Issues that checkout itself judges: the shop's hours against ASAP or a slot, the zone
# against the chosen address.
_JUDGED_HERE = frozenset({CartIssue.SHOP_NOT_ACCEPTING, CartIssue.OUT_OF_ZONE})


def words_of(request: web.Request) -> Words:
    """The texts in the request's language."""
    return Words(translator_of(request), language(request))


async def cart_out(db: Database, actor: Actor, cart: CartView, words: Words) -> CartOut:
    """My cart as the storefront's cart endpoints show it."""
    subtotal = cart.subtotal.format()
    text = (
        words("storefront-cart-subtotal-estimated", amount=subtotal) if cart.estimated else subtotal
    )
    return cart_view(cart, await presentation(db, actor, words.lang), text)


def _point(address: AddressOut) -> Point | None:
    if address.latitude is None or address.longitude is None:
        return None
    return Point(address.latitude, address.longitude)


def _address_title(address: AddressOut, words: Words) -> str:
    if address.text:
        return address.text
    if address.label is not None:
        return words(f"page-store-label-{address.label.value}")
    return words("page-store-point")


def _address_details(address: AddressOut, words: Words) -> str | None:
    parts = [
        words(key, value=str(value))
        for key, value in (
            ("page-checkout-entrance", address.entrance),
            ("page-checkout-floor", address.floor),
            ("page-checkout-apartment", address.apartment),
        )
        if value not in (None, "")
    ]
    return ", ".join(parts) or None


def _address_option(shop: ShopOut, address: AddressOut, words: Words) -> CheckoutAddressView:
    point = _point(address)
    deliverable = point is not None and zone_contains(shop.zone, point)
    return CheckoutAddressView(
        id=address.id,
        title=_address_title(address, words),
        details=_address_details(address, words),
        is_default=address.is_default,
        placed=point is not None,
        deliverable=deliverable,
        eta_minutes=(
            shop.assembly_minutes + travel_minutes(shop.point, point)
            if deliverable and point is not None
            else None
        ),
    )


def _chosen(options: list[CheckoutAddressView], wanted: UUID | None) -> CheckoutAddressView | None:
    if wanted is not None:
        found = next((option for option in options if option.id == wanted), None)
        if found is None:  # someone else's, or gone: the same answer either way
            raise AddressNotFound(address_id=wanted)
        return found
    default = next((option for option in options if option.is_default), None)
    if default is not None and default.deliverable:
        return default
    deliverable = next((option for option in options if option.deliverable), None)
    return deliverable or default or next(iter(options), None)


def _blockers(
    cart: CartView,
    chosen: CheckoutAddressView | None,
    has_placed_address: bool,
    can_deliver: bool,
    words: Words,
) -> list[BlockerView]:
    found: list[BlockerView] = []

    def add(code: str, **args: object) -> None:
        found.append(
            BlockerView.model_validate(
                {"code": code, "message": words(f"page-checkout-blocker-{code}", **args)}
            )
        )

    if not cart.lines:
        add("cart_empty")
    elif any(line.issues for line in cart.lines) or cart.issues - _JUDGED_HERE:
        add("cart_changed")
    elif cart.subtotal < cart.shop.min_order:
        add("below_minimum", missing=(cart.shop.min_order - cart.subtotal).format())
    if not has_placed_address:
        add("no_address")
    elif chosen is None or not chosen.deliverable:
        add("out_of_zone")
    if not can_deliver:
        add("closed")
    return found


async def _checkout_view(
    db: Database, actor: Actor, shop_id: UUID, wanted: UUID | None, words: Words
) -> CheckoutView:
    shop = await get_shop(db, shop_id)
    now = db.clock.now()
    addresses = await list_addresses(db, actor, actor.telegram_id)
    options = [_address_option(shop, address, words) for address in addresses]
    chosen = _chosen(options, wanted)
    at = next((_point(a) for a in addresses if chosen is not None and a.id == chosen.id), None)
    cart = await get_cart(db, actor, actor.telegram_id, shop_id, point=at)
    slots = await delivery_slots(db, shop_id)
    asap = accepting_orders(shop, now)
    subtotal = cart.subtotal
    total = subtotal + shop.delivery_fee
    blockers = _blockers(
        cart, chosen, any(option.placed for option in options), asap or bool(slots), words
    )
    return CheckoutView(
        shop=CheckoutShopView(
            id=shop.id,
            name=shop.name,
            min_order=money_view(shop.min_order),
            delivery_fee=money_view(shop.delivery_fee),
            accepting_now=asap,
            opens_at=next_opening(shop, now),
        ),
        addresses=options,
        address_id=chosen.id if chosen is not None else None,
        asap_available=asap,
        eta_minutes=chosen.eta_minutes if chosen is not None and asap else None,
        slots=[slot_view(slot, shop, now, words) for slot in slots],
        payment_methods=words.choices("payment-method-", [m.value for m in OFFERED_PAYMENTS]),
        substitutions=words.choices(
            "substitution-", [choice.value for choice in SubstitutionPreference]
        ),
        default_substitution=DEFAULT_SUBSTITUTION,
        cart=await cart_out(db, actor, cart, words),
        subtotal=money_view(subtotal),
        delivery_fee=money_view(shop.delivery_fee),
        total=money_view(total),
        estimated=cart.estimated,
        total_text=words.estimated(total) if cart.estimated else total.format(),
        ready=not blockers,
        blockers=blockers,
    )


@routes.get(
    "/me/checkout/{shop_id}",
    summary="What checkout in a shop offers me now",
    security=SIGNED_IN,
    response=CheckoutView,
    errors=(404,),
    tags=TAGS,
    description="My addresses (whether the shop delivers to each and the ETA as soon as "
    "possible), the hourly slots of today and tomorrow, payment methods (cash, card to the "
    "courier), substitution choices, my cart at the chosen address with subtotal, delivery "
    "fee and total (`estimated` with weighed goods: the final price comes after weighing), "
    "and `blockers`: what stops the order now (cart_empty, cart_changed, below_minimum, "
    "no_address, out_of_zone, closed). `?address_id=` chooses the address (one of mine, "
    "else 404), else my default if the shop delivers there, else the first it does; texts "
    "in `?lang=`.",
)
@answers_localized
async def get_checkout(request: web.Request) -> web.Response:
    """Checkout's choices and the cart's totals."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    shop_id = uuid_param(request, "shop_id", required=True)
    assert shop_id is not None
    wanted = uuid_param(request, "address_id")

    async def read(tx: Transaction) -> CheckoutView:
        return await _checkout_view(db, actor, shop_id, wanted, words)

    return model_response(await db.run(read))


def _form(body: CheckoutIn) -> CheckoutForm:
    return CheckoutForm(
        shop_id=body.shop_id,
        address_id=body.address_id,
        idempotency_key=body.idempotency_key,
        payment_method=PaymentMethod(body.payment_method),
        slot=None if body.slot is None else DeliverySlot(body.slot.start, body.slot.end),
        comment=body.comment,
        substitutions=dict(body.substitutions),
        default_substitution=body.default_substitution,
    )


@routes.post(
    "/me/orders",
    summary="Place an order from my cart in a shop",
    security=SIGNED_IN,
    request=CheckoutIn,
    response=OrderView,
    status=HTTPStatus.CREATED,
    errors=(403, 404, 409),
    tags=TAGS,
    description="201 with the new order; 200 with the same order when the idempotency key was "
    "used before (nothing is reserved or charged twice). 409 `checkout_cart_changed` (params: "
    "offer_ids, issues: look at the cart again), `checkout_cart_empty`, "
    "`checkout_below_minimum`, `checkout_out_of_zone`, `checkout_shop_not_accepting` (choose "
    "a slot), `checkout_slot_unavailable`; 422 `checkout_invalid` (params: field), "
    "`checkout_address_without_point`. Messages in `?lang=`.",
)
@answers_localized
async def post_my_order(request: web.Request) -> web.Response:
    """Checkout: my cart becomes an order."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    body = await read_model(request, CheckoutIn)
    form = _form(body)

    async def place(tx: Transaction) -> tuple[OrderView, bool]:
        before = await get_cart(db, actor, actor.telegram_id, form.shop_id)
        order = await place_order(db, actor, actor.telegram_id, form)
        # A new order empties the cart it came from; a repeated key leaves the cart alone (and
        # with an empty cart and a new key checkout refuses), so this tells the two apart.
        after = await get_cart(db, actor, actor.telegram_id, form.shop_id)
        made = bool(before.lines) and not after.lines
        shop = await get_shop(db, order.shop_id)
        history = await order_history(db, actor, order.id)
        return order_view(order, shop, history, words), made

    view, made = await db.run(place)
    return model_response(view, status=HTTPStatus.CREATED if made else HTTPStatus.OK)
