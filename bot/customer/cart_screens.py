"""The cart's screens: my carts, one cart with its lines, issues, subtotal and minimum order, the
checkout button when it can be ordered, and the confirmation before emptying it. Built from what
core returned."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.catalog_callbacks import CartAction, CartPress, CatalogCategories, CatalogShops
from bot.customer.catalog_format import money, price_button, quantity_text, short_name
from bot.customer.catalog_present import Screen
from bot.customer.checkout_callbacks import CheckoutAction, CheckoutPress
from core.business.schemas import ShopStatus
from core.orders.schemas import CartIssue, CartLineView, CartSummary, CartView, LineIssue

# Telegram takes 4096 characters and 100 buttons: the lines beyond these are summed, not shown.
SHOWN_LINES = 20
_INDENT = "    "

Row = list[InlineKeyboardButton]


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _catalog_row(t: Tr) -> Row:
    return [_button(plain(t, "customer-btn-catalog"), CatalogShops())]


def empty(t: Tr) -> Screen:
    return Screen(t("customer-cart-empty"), _markup([_catalog_row(t)]))


def mine(t: Tr, carts: Sequence[CartSummary]) -> Screen:
    """Several carts: one button per shop with its count and subtotal."""
    rows = [
        [
            _button(
                plain(
                    t,
                    "customer-cart-summary-button",
                    shop=summary.shop.name,
                    count=str(summary.line_count),
                    total=money(summary.subtotal),
                ),
                CartPress(action=CartAction.SHOW, shop=summary.shop.id),
            )
        ]
        for summary in carts
    ]
    return Screen(t("customer-cart-mine"), _markup(rows))


def _issues(t: Tr, line: CartLineView) -> list[str]:
    found = []
    if LineIssue.UNAVAILABLE in line.issues:
        found.append(t("customer-cart-issue-unavailable"))
    if LineIssue.OUT_OF_STOCK in line.issues:
        found.append(t("customer-cart-issue-out-of-stock"))
    if LineIssue.NOT_ENOUGH in line.issues:
        found.append(
            t(
                "customer-cart-issue-not-enough",
                available=quantity_text(t, line.unit, line.available),
            )
        )
    if LineIssue.PRICE_CHANGED in line.issues:
        found.append(
            t("customer-cart-issue-price", old=money(line.seen_price), new=money(line.offer.price))
        )
    return [_INDENT + issue for issue in found]


def _line(t: Tr, number: int, line: CartLineView) -> list[str]:
    text = t(
        "customer-cart-line",
        number=str(number),
        name=line.product.name(t.lang),
        amount=quantity_text(t, line.unit, line.quantity),
        price=price_button(t, line.offer),
        total=money(line.total),
    )
    return [text, *_issues(t, line)]


def _totals(t: Tr, cart: CartView) -> list[str]:
    subtotal, shop = cart.subtotal, cart.shop
    key = "customer-cart-subtotal-estimated" if cart.estimated else "customer-cart-subtotal"
    lines = [
        t(key, total=money(subtotal)),
        t("customer-cart-delivery", fee=money(shop.delivery_fee)),
    ]
    if subtotal >= shop.min_order:
        lines.append(t("customer-cart-min-reached", min_order=money(shop.min_order)))
    else:
        lines.append(
            t(
                "customer-cart-min-missing",
                min_order=money(shop.min_order),
                missing=money(shop.min_order - subtotal),
            )
        )
    if CartIssue.SHOP_NOT_ACCEPTING in cart.issues:
        lines.append(t("customer-cart-shop-not-accepting"))
        if can_checkout(cart):  # closed for now, not paused: a later hour can still be chosen
            lines.append(t("customer-checkout-cart-later"))
    if CartIssue.OUT_OF_ZONE in cart.issues:
        lines.append(t("customer-cart-out-of-zone"))
    return lines


def can_checkout(cart: CartView) -> bool:
    """Whether [Checkout] is offered: lines, none changed, the minimum reached, the shop active.
    A shop closed now still takes orders for a later hour; the address step finds an address in
    its zone, whatever the default one is."""
    return (
        bool(cart.lines)
        and not any(line.issues for line in cart.lines)
        and cart.subtotal >= cart.shop.min_order
        and cart.shop.status is ShopStatus.ACTIVE
    )


def _line_row(t: Tr, cart: CartView, line: CartLineView) -> Row:
    shop, offer = cart.shop.id, line.offer.id
    label = _button(
        plain(
            t,
            "customer-btn-cart-line",
            name=short_name(line.product.name(t.lang)),
            amount=quantity_text(t, line.unit, line.quantity),
        ),
        CartPress(action=CartAction.SHOW, shop=shop),
    )
    remove = _button(
        plain(t, "customer-btn-cart-remove"),
        CartPress(action=CartAction.REMOVE, shop=shop, offer=offer),
    )
    if LineIssue.UNAVAILABLE in line.issues:
        return [label, remove]  # no longer sold: it can only go
    return [
        _button(
            plain(t, "customer-btn-cart-less"),
            CartPress(action=CartAction.LESS, shop=shop, offer=offer),
        ),
        label,
        _button(
            plain(t, "customer-btn-cart-more"),
            CartPress(action=CartAction.MORE, shop=shop, offer=offer),
        ),
        remove,
    ]


def cart(t: Tr, view: CartView, *, several: bool, note: str | None = None) -> Screen:
    """The cart in one shop: lines, what changed, subtotal (≈ with weighed goods), delivery and
    the minimum order; a stepper per line, checkout, accept the changes, shop on, empty it."""
    if not view.lines:
        return (
            empty(t)
            if note is None
            else Screen(f"{note}\n\n{t('customer-cart-empty')}", empty(t).markup)
        )
    lines = [note, ""] if note else []
    lines += [t("customer-cart-title", shop=view.shop.name), ""]
    for number, line in enumerate(view.lines[:SHOWN_LINES], start=1):
        lines += _line(t, number, line)
    lines += ["", *_totals(t, view)]
    changed = any(line.issues for line in view.lines)
    if changed:
        lines += ["", t("customer-cart-changes")]
    shop = view.shop.id
    rows = [_line_row(t, view, line) for line in view.lines[:SHOWN_LINES]]
    if can_checkout(view):
        rows.append(
            [
                _button(
                    plain(t, "customer-btn-checkout"),
                    CheckoutPress(action=CheckoutAction.START, ref=shop),
                )
            ]
        )
    if changed:
        rows.append(
            [
                _button(
                    plain(t, "customer-btn-cart-accept"),
                    CartPress(action=CartAction.ACCEPT, shop=shop),
                )
            ]
        )
    rows.append(
        [
            _button(plain(t, "customer-btn-cart-shop"), CatalogCategories(shop=shop)),
            _button(
                plain(t, "customer-btn-cart-clear"), CartPress(action=CartAction.CLEAR, shop=shop)
            ),
        ]
    )
    if several:
        rows.append(
            [_button(plain(t, "customer-btn-cart-mine"), CartPress(action=CartAction.SHOW))]
        )
    return Screen("\n".join(lines), _markup(rows))


def clear_confirm(t: Tr, view: CartView) -> Screen:
    shop = view.shop.id
    return Screen(
        t("customer-cart-clear-confirm", shop=view.shop.name),
        _markup(
            [
                [
                    _button(
                        plain(t, "customer-btn-cart-clear-yes"),
                        CartPress(action=CartAction.CLEAR_CONFIRMED, shop=shop),
                    ),
                    _button(
                        plain(t, "customer-btn-cart-keep"),
                        CartPress(action=CartAction.SHOW, shop=shop),
                    ),
                ]
            ]
        ),
    )
