"""The checkout dialog's screens, one step each: address, time, payment, substitutions (for the
whole order and per line), comment, and the summary with [Confirm]. Built from what core returned
and the draft; nothing here reads the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.callbacks import Section, SettingsMenu
from bot.customer.cards import address_button
from bot.customer.catalog_format import money, price_button, quantity_text, short_name
from bot.customer.catalog_present import Screen
from bot.customer.catalog_screens import address_name
from bot.customer.checkout_callbacks import CheckoutAction, CheckoutPress, CheckoutStep
from bot.customer.checkout_draft import Draft
from bot.customer.orders_callbacks import CustomerOrderPress, OrderAct
from bot.customer.orders_format import slot_text
from core.business.schemas import ShopOut
from core.customers.schemas import AddressOut
from core.orders.schemas import (
    CartView,
    DeliverySlot,
    OrderOut,
    PaymentMethod,
    SubstitutionPreference,
)

STEPS = 5
SLOTS_PER_PAGE = 6
LINES_PER_PAGE = 8
SHOWN_LINES = 20
COMMENT_SHOWN = 200  # a long comment is cut on the summary; core checks its real length
PAYMENTS = (PaymentMethod.CASH, PaymentMethod.CARD_TO_COURIER)  # online comes with payments
PREFERENCES = tuple(SubstitutionPreference)
Row = list[InlineKeyboardButton]


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _press(
    action: CheckoutAction, *, ref: UUID | None = None, value: str = "", page: int = 0
) -> CheckoutPress:
    return CheckoutPress(action=action, ref=ref, value=value, page=page)


def _markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _chosen(text: str, chosen: bool) -> str:
    return f"✅ {text}" if chosen else text


def _header(t: Tr, shop: ShopOut, number: int, key: str) -> list[str]:
    return [
        t("customer-checkout-title", shop=shop.name),
        t("customer-checkout-step", number=str(number), steps=str(STEPS), what=plain(t, key)),
        "",
    ]


def _quit_row(t: Tr) -> Row:
    return [_button(plain(t, "customer-btn-checkout-quit"), _press(CheckoutAction.QUIT))]


def _back_row(t: Tr, step: CheckoutStep) -> Row:
    return [
        _button(
            plain(t, "customer-btn-checkout-back"),
            _press(CheckoutAction.STEP, value=step.value),
        ),
        *_quit_row(t),
    ]


def preference_text(t: Tr, preference: SubstitutionPreference) -> str:
    """A substitution preference on a button, with its emoji."""
    return plain(t, f"customer-checkout-sub-{preference.value}")


def payment_text(t: Tr, method: PaymentMethod) -> str:
    """A payment method on a button, with its emoji."""
    return plain(t, f"customer-checkout-pay-{method.value}")


# -- 1. address ------------------------------------------------------------------------------


def address_step(
    t: Tr,
    shop: ShopOut,
    inside: Sequence[AddressOut],
    outside: Sequence[AddressOut],
    current: UUID | None,
) -> Screen:
    """The addresses the shop delivers to (the current one ticked), then those it does not."""
    lines = _header(t, shop, 1, "customer-checkout-what-address")
    if not inside:
        lines.append(t("customer-checkout-no-address"))
        rows = [
            [
                _button(
                    plain(t, "customer-btn-checkout-new-address"),
                    SettingsMenu(section=Section.ADD_ADDRESS),
                )
            ],
            _quit_row(t),
        ]
        return Screen("\n".join(lines), _markup(rows))
    lines.append(t("customer-checkout-choose-address"))
    if outside:
        lines.append(t("customer-checkout-outside-hint"))
    rows = [
        [
            _button(
                _chosen(address_button(t, address), address.id == current),
                _press(CheckoutAction.ADDRESS, ref=address.id),
            )
        ]
        for address in inside
    ]
    rows += [
        [
            _button(
                plain(t, "customer-btn-checkout-outside", address=address_button(t, address)),
                _press(CheckoutAction.ADDRESS, ref=address.id),
            )
        ]
        for address in outside
    ]
    rows.append(_quit_row(t))
    return Screen("\n".join(lines), _markup(rows))


# -- 2. when ---------------------------------------------------------------------------------


def when_step(
    t: Tr,
    shop: ShopOut,
    draft: Draft,
    asap_minutes: int | None,
    slots: Sequence[DeliverySlot],
    page: int,
    now: datetime,
) -> Screen:
    """As soon as possible (with the ETA) when the shop takes orders now, and a page of slots."""
    lines = _header(t, shop, 2, "customer-checkout-what-when")
    rows: list[Row] = []
    if asap_minutes is None and not slots:
        lines.append(t("customer-checkout-no-time"))
        return Screen("\n".join(lines), _markup([_back_row(t, CheckoutStep.ADDRESS)]))
    if asap_minutes is None:
        lines.append(t("customer-checkout-closed-now"))
    else:
        asap = plain(t, "customer-btn-checkout-asap", minutes=str(asap_minutes))
        chosen = draft.when_chosen and draft.slot is None
        rows.append([_button(_chosen(asap, chosen), _press(CheckoutAction.ASAP))])
    if slots:
        lines.append(t("customer-checkout-choose-slot"))
        last = max(0, (len(slots) - 1) // SLOTS_PER_PAGE)
        page = max(0, min(page, last))
        shown = slots[page * SLOTS_PER_PAGE : (page + 1) * SLOTS_PER_PAGE]
        buttons = [
            _button(
                _chosen(slot_text(t, shop, slot, now), draft.slot == slot),
                _press(CheckoutAction.SLOT, value=str(slot_minutes(slot)), page=page),
            )
            for slot in shown
        ]
        rows += [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        paging: Row = []
        if page > 0:
            paging.append(
                _button(
                    plain(t, "customer-btn-catalog-prev"),
                    _press(CheckoutAction.SLOTS, page=page - 1),
                )
            )
        if page < last:
            paging.append(
                _button(
                    plain(t, "customer-btn-catalog-next"),
                    _press(CheckoutAction.SLOTS, page=page + 1),
                )
            )
        rows.append(paging)
    rows.append(_back_row(t, CheckoutStep.ADDRESS))
    return Screen("\n".join(lines), _markup(rows))


def slot_minutes(slot: DeliverySlot) -> int:
    """A slot on a button: its start in whole minutes since the epoch."""
    return int(slot.start.timestamp()) // 60


# -- 3. payment ------------------------------------------------------------------------------


def payment_step(t: Tr, shop: ShopOut, draft: Draft) -> Screen:
    """Cash or card to the courier (online payment comes with the payments module)."""
    lines = _header(t, shop, 3, "customer-checkout-what-payment")
    lines.append(t("customer-checkout-choose-payment"))
    rows = [
        [
            _button(
                _chosen(payment_text(t, method), draft.payment is method),
                _press(CheckoutAction.PAY, value=method.value),
            )
        ]
        for method in PAYMENTS
    ]
    rows.append(_back_row(t, CheckoutStep.WHEN))
    return Screen("\n".join(lines), _markup(rows))


# -- 4. substitutions ------------------------------------------------------------------------


def substitution_step(t: Tr, shop: ShopOut, draft: Draft) -> Screen:
    """One preference for the whole order (the current one ticked); per line on request."""
    lines = _header(t, shop, 4, "customer-checkout-what-substitution")
    lines.append(t("customer-checkout-choose-substitution"))
    if draft.overrides:
        lines.append(t("customer-checkout-overrides", count=len(draft.overrides)))
    current = draft.substitution or SubstitutionPreference.CALL
    rows = [
        [
            _button(
                _chosen(preference_text(t, preference), preference is current),
                _press(CheckoutAction.SUBSTITUTE, value=preference.value),
            )
        ]
        for preference in PREFERENCES
    ]
    rows.append([_button(plain(t, "customer-btn-checkout-per-line"), _press(CheckoutAction.LINES))])
    rows.append(_back_row(t, CheckoutStep.PAYMENT))
    return Screen("\n".join(lines), _markup(rows))


def lines_step(t: Tr, shop: ShopOut, draft: Draft, cart: CartView, page: int) -> Screen:
    """A button per cart line showing its preference; a tap moves it on to the next one."""
    lines = _header(t, shop, 4, "customer-checkout-what-substitution")
    lines.append(t("customer-checkout-per-line"))
    last = max(0, (len(cart.lines) - 1) // LINES_PER_PAGE)
    page = max(0, min(page, last))
    rows: list[Row] = [
        [
            _button(
                plain(
                    t,
                    "customer-btn-checkout-line",
                    name=short_name(line.product.name(t.lang)),
                    preference=preference_text(t, draft.preference(line.offer.id)),
                ),
                _press(CheckoutAction.LINE, ref=line.offer.id, page=page),
            )
        ]
        for line in cart.lines[page * LINES_PER_PAGE : (page + 1) * LINES_PER_PAGE]
    ]
    paging: Row = []
    if page > 0:
        paging.append(
            _button(
                plain(t, "customer-btn-catalog-prev"), _press(CheckoutAction.LINES, page=page - 1)
            )
        )
    if page < last:
        paging.append(
            _button(
                plain(t, "customer-btn-catalog-next"), _press(CheckoutAction.LINES, page=page + 1)
            )
        )
    rows.append(paging)
    rows.append(
        [_button(plain(t, "customer-btn-checkout-lines-done"), _press(CheckoutAction.LINES_DONE))]
    )
    return Screen("\n".join(lines), _markup(rows))


def next_preference(preference: SubstitutionPreference) -> SubstitutionPreference:
    """The one after ``preference``, round the list."""
    return PREFERENCES[(PREFERENCES.index(preference) + 1) % len(PREFERENCES)]


# -- 5. comment ------------------------------------------------------------------------------


def comment_step(t: Tr, shop: ShopOut, draft: Draft, problem: str | None = None) -> Screen:
    """Ask for a comment as a message; [No comment], or [Keep] the one given."""
    lines = _header(t, shop, 5, "customer-checkout-what-comment")
    if problem:
        lines += [problem, ""]
    lines.append(t("customer-checkout-ask-comment"))
    rows: list[Row] = []
    if draft.comment:
        lines.append(t("customer-checkout-current-comment", comment=_cut(draft.comment)))
        rows.append(
            [
                _button(
                    plain(t, "customer-btn-checkout-keep-comment"),
                    _press(CheckoutAction.KEEP_COMMENT),
                )
            ]
        )
    rows.append(
        [_button(plain(t, "customer-btn-checkout-no-comment"), _press(CheckoutAction.NO_COMMENT))]
    )
    rows.append(_back_row(t, CheckoutStep.SUBSTITUTION))
    return Screen("\n".join(lines), _markup(rows))


def _cut(text: str) -> str:
    return text if len(text) <= COMMENT_SHOWN else text[: COMMENT_SHOWN - 1] + "…"


# -- 6. summary ------------------------------------------------------------------------------


def summary(
    t: Tr,
    cart: CartView,
    draft: Draft,
    address: AddressOut,
    when: str,
) -> Screen:
    """Lines, goods, delivery and total ("≈ … after weighing" for weighed goods), address,
    time, payment, substitutions, comment; [Confirm] carries the idempotency key."""
    shop = cart.shop
    lines = [t("customer-checkout-summary-title", shop=shop.name), ""]
    for number, line in enumerate(cart.lines[:SHOWN_LINES], start=1):
        lines.append(
            t(
                "customer-cart-line",
                number=str(number),
                name=line.product.name(t.lang),
                amount=quantity_text(t, line.unit, line.quantity),
                price=price_button(t, line.offer),
                total=money(line.total),
            )
        )
    if len(cart.lines) > SHOWN_LINES:
        lines.append(t("customer-orders-more-lines", count=len(cart.lines) - SHOWN_LINES))
    rough = "≈ " if cart.estimated else ""
    total = cart.subtotal + shop.delivery_fee
    lines += [
        "",
        t("customer-orders-goods", total=rough + money(cart.subtotal)),
        t("customer-orders-delivery-fee", fee=money(shop.delivery_fee)),
        t(
            "customer-orders-total-estimated" if cart.estimated else "customer-orders-total",
            total=money(total),
        ),
        "",
        t("customer-checkout-summary-address", address=address_name(t, address)),
        t("customer-checkout-summary-when", when=when),
        t(
            "customer-checkout-summary-payment",
            payment=plain(t, f"payment-method-{(draft.payment or PAYMENTS[0]).value}"),
        ),
        t(
            "customer-checkout-summary-substitution",
            preference=plain(
                t, f"substitution-{(draft.substitution or SubstitutionPreference.CALL).value}"
            ),
        ),
    ]
    if draft.overrides:
        lines.append(t("customer-checkout-overrides", count=len(draft.overrides)))
    if draft.comment:
        lines.append(t("customer-checkout-summary-comment", comment=_cut(draft.comment)))
    assert draft.key is not None
    confirm = _press(CheckoutAction.CONFIRM, ref=UUID(hex=draft.key))

    def change(key: str, step: CheckoutStep) -> InlineKeyboardButton:
        return _button(plain(t, key), _press(CheckoutAction.STEP, value=step.value))

    rows = [
        [_button(plain(t, "customer-btn-checkout-confirm", total=rough + money(total)), confirm)],
        [
            change("customer-btn-checkout-change-address", CheckoutStep.ADDRESS),
            change("customer-btn-checkout-change-when", CheckoutStep.WHEN),
            change("customer-btn-checkout-change-payment", CheckoutStep.PAYMENT),
        ],
        [
            change("customer-btn-checkout-change-substitution", CheckoutStep.SUBSTITUTION),
            change("customer-btn-checkout-change-comment", CheckoutStep.COMMENT),
        ],
        _quit_row(t),
    ]
    return Screen("\n".join(lines), _markup(rows))


def placed(t: Tr, order: OrderOut, shop: ShopOut) -> Screen:
    """The dialog's message once the order is made: its number; the live status follows."""
    text = "\n".join(
        (
            t("customer-checkout-placed", number=str(order.number)),
            t("customer-checkout-placed-hint", shop=shop.name),
        )
    )
    rows = [
        [
            _button(
                plain(t, "customer-btn-orders-details"),
                CustomerOrderPress(action=OrderAct.OPEN, order=order.id),
            )
        ]
    ]
    return Screen(text, _markup(rows))
