"""The catalog's screens as text and buttons: the way in (address, shops), categories, a page of
products, a product card with its stepper. Built from what core returned; nothing here reads the
database."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.callbacks import Section, SettingsMenu
from bot.customer.catalog_callbacks import (
    CardStep,
    CartAction,
    CartPress,
    CatalogCard,
    CatalogCategories,
    CatalogItems,
    CatalogShops,
)
from bot.customer.catalog_format import (
    money,
    price_button,
    price_html,
    quantity_text,
    stock_text,
)
from bot.customer.catalog_present import Screen
from core.business.schemas import ShopOut
from core.catalog.schemas import CategoryOut
from core.customers.schemas import AddressOut
from core.orders.schemas import CartView
from core.storefront.schemas import OfferView, Page

PAGE_SIZE = 6
Row = list[InlineKeyboardButton]


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def address_name(t: Tr, address: AddressOut) -> str:
    """How the address is named in a sentence: its text, else its point."""
    if address.text:
        return address.text
    return plain(
        t, "customer-address-point", lat=f"{address.latitude:.5f}", lon=f"{address.longitude:.5f}"
    )


def cart_row(t: Tr, cart: CartView | None) -> Row:
    """[🛒 Cart · 2 · 540,00 ₽] when the cart of the shop holds something."""
    if cart is None or not cart.lines:
        return []
    text = plain(
        t, "customer-btn-catalog-cart", count=str(len(cart.lines)), total=money(cart.subtotal)
    )
    return [_button(text, CartPress(action=CartAction.SHOW, shop=cart.shop.id))]


# -- the way in ------------------------------------------------------------------------------


def need_address(t: Tr) -> Screen:
    """No address yet: the existing address form is one tap away."""
    return Screen(
        t("customer-catalog-need-address"),
        _markup(
            [
                [
                    _button(
                        plain(t, "customer-btn-address-add"),
                        SettingsMenu(section=Section.ADD_ADDRESS),
                    )
                ]
            ]
        ),
    )


def need_point(t: Tr) -> Screen:
    """A text-only default address: the address list lets the person add a location."""
    return Screen(
        t("customer-catalog-need-point"),
        _markup(
            [
                [
                    _button(
                        plain(t, "customer-settings-addresses"),
                        SettingsMenu(section=Section.ADDRESSES),
                    )
                ]
            ]
        ),
    )


def _when(t: Tr, opens: datetime, shop: ShopOut, now: datetime) -> str:
    zone = ZoneInfo(shop.timezone)
    local, today = opens.astimezone(zone), now.astimezone(zone)
    clock = local.strftime("%H:%M")
    if local.date() == today.date():
        return plain(t, "customer-catalog-when-today", time=clock)
    return plain(t, "customer-catalog-when-date", date=local.strftime("%d.%m"), time=clock)


def no_shops(
    t: Tr, address: AddressOut, soonest: tuple[ShopOut, datetime] | None, now: datetime
) -> Screen:
    """Nobody delivers there now: when the nearest one opens, or that none delivers at all."""
    refresh = [[_button(plain(t, "customer-btn-catalog-refresh"), CatalogShops())]]
    if soonest is None:
        return Screen(t("customer-catalog-no-shops", address=address_name(t, address)))
    shop, opens = soonest
    return Screen(
        t("customer-catalog-closed", shop=shop.name, when=_when(t, opens, shop, now)),
        _markup(refresh),
    )


def shops(t: Tr, address: AddressOut, found: Sequence[ShopOut]) -> Screen:
    """Several shops deliver: name, minimum order and delivery fee on each button."""
    rows = [
        [
            _button(
                plain(
                    t,
                    "customer-catalog-shop-button",
                    name=shop.name,
                    min_order=money(shop.min_order),
                    fee=money(shop.delivery_fee),
                ),
                CatalogCategories(shop=shop.id),
            )
        ]
        for shop in found
    ]
    return Screen(t("customer-catalog-shops", address=address_name(t, address)), _markup(rows))


# -- categories and pages --------------------------------------------------------------------


def _category_label(t: Tr, category: CategoryOut) -> str:
    name = category.name(t.lang)
    return f"{category.emoji} {name}" if category.emoji else name


def _shop_heading(t: Tr, shop: ShopOut) -> str:
    return "\n".join(
        (
            f"<b>{html.escape(shop.name, quote=False)}</b>",
            t(
                "customer-catalog-shop-terms",
                min_order=money(shop.min_order),
                fee=money(shop.delivery_fee),
            ),
        )
    )


def categories(
    t: Tr,
    shop: ShopOut,
    parent: CategoryOut | None,
    children: Sequence[CategoryOut],
    cart: CartView | None,
    *,
    several_shops: bool,
) -> Screen:
    """A shop's categories with offers; under a parent, its subcategories and "everything"."""
    lines = [_shop_heading(t, shop), ""]
    if parent is not None:
        lines.append(f"<b>{html.escape(_category_label(t, parent), quote=False)}</b>")
    lines.append(
        t("customer-catalog-choose-category") if children or parent else t("customer-catalog-empty")
    )
    buttons = [
        _button(_category_label(t, c), CatalogCategories(shop=shop.id, parent=c.id))
        for c in children
    ]
    rows: list[Row] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if parent is not None:
        rows.insert(
            0,
            [
                _button(
                    plain(t, "customer-btn-catalog-all", category=parent.name(t.lang)),
                    CatalogItems(shop=shop.id, category=parent.id),
                )
            ],
        )
        rows.append(
            [
                _button(
                    plain(t, "customer-btn-catalog-categories"),
                    CatalogCategories(shop=shop.id, parent=parent.parent_id),
                )
            ]
        )
    elif several_shops:
        rows.append([_button(plain(t, "customer-btn-catalog-shops"), CatalogShops())])
    rows.append(cart_row(t, cart))
    return Screen("\n".join(lines), _markup(rows))


def _item_button(t: Tr, view: OfferView, category_id: UUID, page: int) -> InlineKeyboardButton:
    offer = view.offer
    out = view.available is not None and view.available < offer.min_quantity
    key = "customer-btn-catalog-item-out" if out else "customer-btn-catalog-item"
    return _button(
        plain(t, key, name=view.product.name(t.lang), price=price_button(t, offer)),
        CatalogCard(offer=offer.id, category=category_id, page=page),
    )


def items(
    t: Tr,
    shop: ShopOut,
    category: CategoryOut,
    page: Page[OfferView],
    number: int,
    cart: CartView | None,
) -> Screen:
    """One page of a category's products as buttons (name and price), ◀ ▶ and the way back."""
    lines = [
        f"<b>{html.escape(_category_label(t, category), quote=False)}</b> · "
        f"{html.escape(shop.name, quote=False)}"
    ]
    if not page.items:
        lines.append(t("customer-catalog-category-empty"))
    elif number > 0 or page.has_more:
        lines.append(t("customer-catalog-page", page=str(number + 1)))
    rows: list[Row] = [[_item_button(t, view, category.id, number)] for view in page.items]
    paging: Row = []
    if number > 0:
        paging.append(
            _button(
                plain(t, "customer-btn-catalog-prev"),
                CatalogItems(shop=shop.id, category=category.id, page=number - 1),
            )
        )
    if page.has_more:
        paging.append(
            _button(
                plain(t, "customer-btn-catalog-next"),
                CatalogItems(shop=shop.id, category=category.id, page=number + 1),
            )
        )
    rows.append(paging)
    rows.append(cart_row(t, cart))
    rows.append(
        [
            _button(
                plain(t, "customer-btn-catalog-categories"),
                CatalogCategories(shop=shop.id, parent=category.parent_id),
            )
        ]
    )
    return Screen("\n".join(lines), _markup(rows))


# -- the product card ------------------------------------------------------------------------


def _card_text(t: Tr, view: OfferView, in_cart: int) -> str:
    product, offer = view.product, view.offer
    lines = [f"<b>{html.escape(product.name(t.lang), quote=False)}</b>"]
    about = product.description(t.lang)
    if about:
        lines.append(f"<i>{html.escape(about, quote=False)}</i>")
    lines += ["", price_html(t, offer)]
    stock = stock_text(t, offer, view.available)
    if stock:
        lines.append(stock)
    if in_cart:
        lines += [
            "",
            t(
                "customer-catalog-in-cart",
                amount=quantity_text(t, offer.unit, in_cart),
                total=money(offer.price_for(in_cart)),
            ),
        ]
    return "\n".join(lines)


def _stepper(t: Tr, view: OfferView, in_cart: int) -> Row:
    offer = view.offer
    shop_id = offer.shop_id
    if in_cart == 0:
        if view.available is not None and view.available < offer.min_quantity:
            return []  # nothing to add; the text says it is out of stock
        amount = quantity_text(t, offer.unit, offer.min_quantity)
        return [
            _button(
                plain(t, "customer-btn-catalog-add", amount=amount),
                CardStep(shop=shop_id, offer=offer.id, delta=1),
            )
        ]
    return [
        _button(
            plain(t, "customer-btn-cart-less"), CardStep(shop=shop_id, offer=offer.id, delta=-1)
        ),
        _button(
            quantity_text(t, offer.unit, in_cart), CardStep(shop=shop_id, offer=offer.id, delta=0)
        ),
        _button(
            plain(t, "customer-btn-cart-more"), CardStep(shop=shop_id, offer=offer.id, delta=1)
        ),
    ]


def card(t: Tr, view: OfferView, cart: CartView, back: CatalogItems, photo: str | None) -> Screen:
    """The product: photo, name, description, price, stock, what is in the cart; the stepper,
    the cart and the way back to the list."""
    in_cart = cart.quantity_of(view.offer.id)
    rows = [
        _stepper(t, view, in_cart),
        cart_row(t, cart),
        [_button(plain(t, "customer-btn-catalog-list"), back)],
    ]
    return Screen(_card_text(t, view, in_cart), _markup(rows), photo)
