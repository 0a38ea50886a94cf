"""Checkout through the dispatcher: from the cart's button to one order in the database with the
right totals; an hourly slot and per-line substitutions; a double confirm; a cart below the
minimum; a cart that changed before the confirm; buttons of a dialog that is over."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from aiogram.methods import AnswerCallbackQuery, DeleteMessage, EditMessageText, SendMessage
from bot_fakes import Harness
from checkout_bot_helpers import Fruit, customer_of, fill_cart, fruit_shop
from customer_chat import Chat, edits, inline_data, inline_texts, sent

from bot.customer.checkout_callbacks import CheckoutAction, CheckoutPress, CheckoutStep
from bot.customer.checkout_draft import Checkout
from core.auth.policy import Actor
from core.customers.api import add_address, list_addresses
from core.customers.schemas import AddressInput
from core.orders.api import get_cart, my_orders
from core.orders.schemas import (
    DeliveryKind,
    OrderStatus,
    PaymentMethod,
    SubstitutionPreference,
)
from core.shared.clock import FrozenClock
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price

NBSP = "\u00a0"


def ru(translator: Translator, key: str, **args: object) -> str:
    return translator.get("ru", key, **args)


def alerts(requests: list[object]) -> list[str]:
    return [r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery) and r.show_alert]


def press_of(message: SendMessage | EditMessageText, action: CheckoutAction) -> str:
    """The packed data of the first button of ``action`` on the message."""
    prefix = f"co:{action.value}:"
    return next(d for d in inline_data(message) if d.startswith(prefix))


async def _start(chat: Chat, fruit: Fruit) -> EditMessageText:
    [cart] = sent(await chat.send("/cart"))
    start = CheckoutPress(action=CheckoutAction.START, ref=fruit.id).pack()
    assert start in inline_data(cart)
    [shown] = edits(await chat.press(start))
    return shown


async def test_a_full_checkout_places_one_order_with_the_right_totals(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    far = dataclasses.replace(
        AddressInput(text="Дача"), latitude=fruit.shelf.point.lat + 1, longitude=0.0
    )
    await add_address(db, chat.actor, chat.user_id, far)
    home, dacha = sorted(
        await list_addresses(db, chat.actor, chat.user_id), key=lambda a: not a.is_default
    )
    await fill_cart(db, chat.user_id, (fruit.apples, 2_000), (fruit.pears, 2))

    # 1. The address: home (in the zone) ticked, the dacha shown as out of reach.
    step = await _start(chat, fruit)
    assert ru(translator, "customer-checkout-choose-address") in step.text
    assert inline_texts(step)[:2] == ["✅ ★ Дом", "🚫 Дача"]
    pressed = await chat.press(CheckoutPress(action=CheckoutAction.ADDRESS, ref=dacha.id))
    assert alerts(pressed) == [ru(translator, "error-checkout_out_of_zone")]
    [step] = edits(await chat.press(CheckoutPress(action=CheckoutAction.ADDRESS, ref=home.id)))

    # 2. When: as soon as possible, assembly (15 min) plus no way at all to go.
    assert "⚡ Как можно скорее (≈ 15 мин)" in inline_texts(step)
    assert "Сегодня 13:00–14:00" in inline_texts(step)  # 12:00 in Moscow now
    [step] = edits(await chat.press(CheckoutPress(action=CheckoutAction.ASAP)))
    # 3. Payment, 4. substitutions.
    [step] = edits(
        await chat.press(CheckoutPress(action=CheckoutAction.PAY, value="card_to_courier"))
    )
    assert ru(translator, "customer-checkout-choose-substitution") in step.text
    [step] = edits(
        await chat.press(CheckoutPress(action=CheckoutAction.SUBSTITUTE, value="replace"))
    )
    # 5. A comment typed as a message: the dialog's message moves below it.
    assert await chat.state() == Checkout.comment.state
    answer = await chat.send("Позвоните за 10 минут")
    assert [d.message_id for d in answer if isinstance(d, DeleteMessage)] == [77]
    [summary] = sent(answer)
    assert summary.text.startswith(
        ru(translator, "customer-checkout-summary-title", shop=fruit.shelf.shop.name)
    )
    for line in (
        f"1. Яблоки Гала — 2 кг × 189,00{NBSP}₽/кг = <b>378,00{NBSP}₽</b>",
        f"Товары: ≈ 578,00{NBSP}₽",
        f"Доставка: 149,00{NBSP}₽",
        f"Итого: <b>≈ 727,00{NBSP}₽</b> — итог после взвешивания",
        "📍 Адрес: Дом",
        "🕒 Доставка: как можно скорее (≈ 15 мин)",
        "💳 Оплата: Картой курьеру",
        "🔄 Если товара нет: Заменить похожим",
        "💬 Комментарий: Позвоните за 10 минут",
    ):
        assert line in summary.text
    assert inline_texts(summary)[0] == f"✅ Подтвердить · ≈ 727,00{NBSP}₽"

    # 6. Confirm, twice: one order.
    confirm = press_of(summary, CheckoutAction.CONFIRM)
    [placed] = edits(await chat.press(confirm))
    [order] = await my_orders(db, chat.actor, chat.user_id)
    assert placed.text.startswith(
        ru(translator, "customer-checkout-placed", number=str(order.number))
    )
    [again] = edits(await chat.press(confirm))
    assert again.text == placed.text
    [order] = await my_orders(db, chat.actor, chat.user_id)
    assert order.status is OrderStatus.PLACED
    assert order.total == Money.rub(727)
    assert order.delivery_fee == Money.rub(149)
    assert order.estimated
    assert order.payment_method is PaymentMethod.CARD_TO_COURIER
    assert order.delivery_kind is DeliveryKind.ASAP
    assert order.comment == "Позвоните за 10 минут"
    assert {line.substitution for line in order.lines} == {SubstitutionPreference.REPLACE}
    assert (await get_cart(db, chat.actor, chat.user_id, fruit.id)).lines == ()
    assert await chat.state() is None


async def test_a_slot_when_the_shop_is_closed_per_line_substitutions_and_no_comment(
    customer: Harness, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    await fill_cart(db, chat.user_id, (fruit.apples, 1_000), (fruit.pears, 4))
    clock.set(datetime(2026, 1, 1, 19, 30, tzinfo=UTC))  # 22:30 in Moscow: closed till 09:00

    [cart] = sent(await chat.send("/cart"))
    assert ru(translator, "customer-checkout-cart-later") in cart.text
    await chat.press(CheckoutPress(action=CheckoutAction.START, ref=fruit.id))
    [home] = await list_addresses(db, chat.actor, chat.user_id)
    [when] = edits(await chat.press(CheckoutPress(action=CheckoutAction.ADDRESS, ref=home.id)))
    assert ru(translator, "customer-checkout-closed-now") in when.text
    assert not any(text.startswith("⚡") for text in inline_texts(when))
    assert inline_texts(when)[0] == "Завтра 09:00–10:00"
    # Twelve hours tomorrow, six to a page; ASAP is refused while closed.
    pressed = await chat.press(CheckoutPress(action=CheckoutAction.ASAP))
    assert alerts(pressed) == [ru(translator, "error-checkout_shop_not_accepting")]
    [page] = edits(await chat.press(CheckoutPress(action=CheckoutAction.SLOTS, page=1)))
    assert "Завтра 20:00–21:00" in inline_texts(page)
    late = next(d for d in inline_data(page) if d.startswith("co:at:"))
    [pay] = edits(await chat.press(late))
    [subs] = edits(await chat.press(CheckoutPress(action=CheckoutAction.PAY, value="cash")))

    # Per line: the apples move on from "call me" to "replace".
    [lines] = edits(await chat.press(CheckoutPress(action=CheckoutAction.LINES)))
    assert inline_texts(lines)[0] == "Яблоки Гала: 📞 Позвонить мне"
    [lines] = edits(
        await chat.press(CheckoutPress(action=CheckoutAction.LINE, ref=fruit.apples.id))
    )
    assert inline_texts(lines)[0] == "Яблоки Гала: 🔄 Заменить похожим"
    [comment] = edits(await chat.press(CheckoutPress(action=CheckoutAction.LINES_DONE)))
    assert ru(translator, "customer-checkout-ask-comment") in comment.text
    [summary] = edits(await chat.press(CheckoutPress(action=CheckoutAction.NO_COMMENT)))
    assert "🕒 Доставка: Завтра 15:00–16:00" in summary.text
    assert ru(translator, "customer-checkout-overrides", count=1) in summary.text
    assert f"Итого: <b>≈ 738,00{NBSP}₽</b>" in summary.text  # 189 + 400 + 149

    # Changing the time from the summary leads back to it.
    [when] = edits(
        await chat.press(CheckoutPress(action=CheckoutAction.STEP, value=CheckoutStep.WHEN))
    )
    [summary] = edits(await chat.press(press_of(when, CheckoutAction.SLOT)))
    assert "🕒 Доставка: Завтра 09:00–10:00" in summary.text

    await chat.press(press_of(summary, CheckoutAction.CONFIRM))
    [order] = await my_orders(db, chat.actor, chat.user_id)
    assert order.delivery_kind is DeliveryKind.SLOT
    assert order.slot is not None
    assert order.slot.start == datetime(2026, 1, 2, 6, 0, tzinfo=UTC)
    assert order.payment_method is PaymentMethod.CASH
    assert order.comment is None
    assert {line.offer_id: line.substitution for line in order.lines} == {
        fruit.apples.id: SubstitutionPreference.REPLACE,
        fruit.pears.id: SubstitutionPreference.CALL,
    }


async def test_below_the_minimum_there_is_no_checkout_and_a_forged_start_is_refused(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    await fill_cart(db, chat.user_id, (fruit.pears, 3))

    [cart] = sent(await chat.send("/cart"))
    start = CheckoutPress(action=CheckoutAction.START, ref=fruit.id).pack()
    assert start not in inline_data(cart)
    missing = ru(
        translator,
        "customer-cart-min-missing",
        min_order=f"500,00{NBSP}₽",
        missing=f"200,00{NBSP}₽",
    )
    assert missing in cart.text

    pressed = await chat.press(start)
    assert alerts(pressed) == [ru(translator, "customer-checkout-not-ready")]
    [shown] = edits(pressed)
    assert missing in shown.text
    assert await chat.state() is None
    assert await my_orders(db, chat.actor, chat.user_id) == []


async def test_a_cart_changed_before_the_confirm_leads_back_to_it(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    await fill_cart(db, chat.user_id, (fruit.pears, 6))
    await _start(chat, fruit)
    [home] = await list_addresses(db, chat.actor, chat.user_id)
    for press in (
        CheckoutPress(action=CheckoutAction.ADDRESS, ref=home.id),
        CheckoutPress(action=CheckoutAction.ASAP),
        CheckoutPress(action=CheckoutAction.PAY, value="cash"),
        CheckoutPress(action=CheckoutAction.SUBSTITUTE, value="remove"),
    ):
        await chat.press(press)
    [summary] = edits(await chat.press(CheckoutPress(action=CheckoutAction.NO_COMMENT)))
    await set_price(db, fruit.shelf.owner, fruit.pears.id, Money.rub(110))

    [cart] = edits(await chat.press(press_of(summary, CheckoutAction.CONFIRM)))
    assert cart.text.startswith(ru(translator, "error-checkout_cart_changed"))
    assert (
        ru(translator, "customer-cart-issue-price", old=f"100,00{NBSP}₽", new=f"110,00{NBSP}₽")
        in cart.text
    )
    assert await my_orders(db, chat.actor, chat.user_id) == []
    assert await chat.state() is None
    # The dialog is over: its buttons say so and change nothing.
    pressed = await chat.press(CheckoutPress(action=CheckoutAction.PAY, value="card_to_courier"))
    assert alerts(pressed) == [ru(translator, "customer-checkout-stale")]
    pressed = await chat.press(press_of(summary, CheckoutAction.CONFIRM))
    assert alerts(pressed) == [ru(translator, "customer-checkout-stale")]
    assert await my_orders(db, chat.actor, chat.user_id) == []
    # Data no typed filter can read is answered too.
    assert alerts(await chat.press("co:nonsense")) == [ru(translator, "customer-catalog-stale")]


async def test_without_an_address_in_the_zone_the_dialog_says_so(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    elsewhere = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, elsewhere))
    actor = Actor(chat.user_id)
    await fill_cart(db, actor.telegram_id, (fruit.pears, 5))

    [step] = edits(await chat.press(CheckoutPress(action=CheckoutAction.START, ref=fruit.id)))
    assert ru(translator, "customer-checkout-no-address") in step.text
    assert inline_texts(step)[0] == translator.get("ru", "customer-btn-checkout-new-address")
