"""/catalog and /cart through the dispatcher: the way in, categories, pages, the card's stepper,
the cart with what changed, and buttons that are stale or forged."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram.methods import AnswerCallbackQuery
from bot_fakes import Harness
from catalog_bot_helpers import (
    Shelf,
    new_category,
    new_customer,
    new_offer,
    open_shop,
)
from customer_chat import Chat, answered_first, edits, inline_data, inline_texts, sent

from bot.common.i18n import Tr
from bot.customer.callbacks import Section, SettingsMenu
from bot.customer.catalog_callbacks import (
    CardStep,
    CartAction,
    CartPress,
    CatalogCard,
    CatalogCategories,
    CatalogItems,
)
from bot.customer.catalog_format import grams_text
from core.auth.policy import Actor
from core.orders.api import get_cart, step_cart_quantity
from core.shared.clock import FrozenClock
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price


def ru(translator: Translator, key: str, **args: object) -> str:
    return translator.get("ru", key, **args)


def alerts(requests: list[object]) -> list[AnswerCallbackQuery]:
    return [r for r in requests if isinstance(r, AnswerCallbackQuery) and r.show_alert]


async def _quantity(db: Database, customer_id: int, shelf: Shelf, offer_id: object) -> int:
    cart = await get_cart(db, Actor(customer_id), customer_id, shelf.id)
    return cart.quantity_of(offer_id)  # type: ignore[arg-type]


async def test_without_an_address_the_catalog_offers_the_address_form(
    customer: Harness, db: Database, translator: Translator
) -> None:
    chat = Chat(customer, await new_customer(db, None))
    [answer] = sent(await chat.send("/catalog"))
    assert answer.text == ru(translator, "customer-catalog-need-address")
    assert inline_data(answer) == [SettingsMenu(section=Section.ADD_ADDRESS).pack()]


async def test_browse_categories_pages_and_a_card_then_step_a_weight_product(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db)
    fruit = await new_category(db)
    apples = await new_category(db, fruit, emoji="🍏")
    offers = [
        await new_offer(db, shelf, apples, position=i, price=Money.rub(50 + i)) for i in range(6)
    ]
    gala = await new_offer(
        db,
        shelf,
        apples,
        weight=True,
        position=9,
        price=Money.rub(189),
        old_price=Money.rub(219),
        stock=2_400,
        name=("Яблоки Гала", "Gala apples"),
    )
    chat = Chat(customer, await new_customer(db, shelf.point))

    # One shop delivers there: straight to its categories.
    [start] = sent(await chat.send("/catalog"))
    assert start.text.startswith(f"<b>{shelf.shop.name}</b>")
    assert CatalogCategories(shop=shelf.id, parent=fruit.id).pack() in inline_data(start)
    assert f"🍎 {fruit.name_ru}" in inline_texts(start)

    # A category with subcategories: them, and "everything in it".
    pressed = await chat.press(CatalogCategories(shop=shelf.id, parent=fruit.id), message_id=5)
    assert answered_first(pressed)
    [subs] = edits(pressed)
    assert subs.message_id == 5
    assert inline_data(subs)[:2] == [
        CatalogItems(shop=shelf.id, category=fruit.id).pack(),
        CatalogCategories(shop=shelf.id, parent=apples.id).pack(),
    ]

    # A leaf category opens its products, six to a page.
    [first] = edits(await chat.press(CatalogCategories(shop=shelf.id, parent=apples.id)))
    cards = [d for d in inline_data(first) if d.startswith("ko:")]
    assert cards == [CatalogCard(offer=o.id, category=apples.id, page=0).pack() for o in offers]
    assert inline_texts(first)[0].endswith(" · 50,00\u00a0₽/шт.")
    assert CatalogItems(shop=shelf.id, category=apples.id, page=1).pack() in inline_data(first)

    [second] = edits(await chat.press(CatalogItems(shop=shelf.id, category=apples.id, page=1)))
    assert ru(translator, "customer-catalog-page", page="2") in second.text
    assert inline_texts(second)[0] == "Яблоки Гала · 189,00\u00a0₽/кг"
    assert CatalogItems(shop=shelf.id, category=apples.id, page=0).pack() in inline_data(second)

    [card] = edits(await chat.press(CatalogCard(offer=gala.id, category=apples.id, page=1)))
    assert "<b>Яблоки Гала</b>" in card.text
    assert "<s>219,00\u00a0₽</s> <b>189,00\u00a0₽</b>/кг" in card.text
    assert ru(translator, "customer-catalog-in-stock", amount="2,4 кг") in card.text
    assert inline_texts(card)[0] == "➕ В корзину · 100 г"

    for _ in range(3):
        pressed = await chat.press(CardStep(shop=shelf.id, offer=gala.id, delta=1))
        assert not alerts(pressed)
    [card] = edits(pressed)
    assert await _quantity(db, chat.user_id, shelf, gala.id) == 300
    assert inline_texts(card)[:3] == ["➖", "300 г", "➕"]
    assert "🛒 Корзина · 1 · 56,70\u00a0₽" in inline_texts(card)
    # "Back" still leads to the page the card was opened from.
    assert inline_data(card)[-1] == CatalogItems(shop=shelf.id, category=apples.id, page=0).pack()

    await chat.press(CardStep(shop=shelf.id, offer=gala.id, delta=-1))
    assert await _quantity(db, chat.user_id, shelf, gala.id) == 200


async def test_more_than_in_stock_is_refused_with_an_alert_and_the_card_stays_usable(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db)
    category = await new_category(db)
    pears = await new_offer(db, shelf, category, stock=1)
    chat = Chat(customer, await new_customer(db, shelf.point))

    await chat.press(CardStep(shop=shelf.id, offer=pears.id, delta=1))
    pressed = await chat.press(CardStep(shop=shelf.id, offer=pears.id, delta=1))

    [alert] = alerts(pressed)
    assert alert.text == ru(translator, "error-cart_not_enough_stock", available=1, unit="piece")
    [card] = edits(pressed)
    assert inline_texts(card)[:3] == ["➖", "1 шт.", "➕"]
    assert await _quantity(db, chat.user_id, shelf, pears.id) == 1


async def test_a_forged_or_stale_button_changes_nothing(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db)
    elsewhere = await open_shop(db)
    category = await new_category(db)
    mine = await new_offer(db, shelf, category)
    theirs = await new_offer(db, elsewhere, category)
    chat = Chat(customer, await new_customer(db, shelf.point))
    stale = ru(translator, "customer-catalog-stale")

    # A step button naming this shop but another shop's offer.
    pressed = await chat.press(CardStep(shop=shelf.id, offer=theirs.id, delta=1))
    assert [a.text for a in alerts(pressed)] == [ru(translator, "customer-catalog-not-here")]
    pressed = await chat.press(CardStep(shop=elsewhere.id, offer=mine.id, delta=1))
    assert [a.text for a in alerts(pressed)] == [stale]
    assert not edits(pressed)
    # A cart button naming another shop's offer, and a step too big to be real.
    pressed = await chat.press(CartPress(action=CartAction.MORE, shop=shelf.id, offer=theirs.id))
    assert [a.text for a in alerts(pressed)] == [stale]
    pressed = await chat.press(CardStep(shop=shelf.id, offer=mine.id, delta=50))
    assert [a.text for a in alerts(pressed)] == [stale]
    # Data no typed filter can read is answered all the same, and breaks nothing.
    pressed = await chat.press("kq:not-an-id:nor-this:1")
    assert [a.text for a in alerts(pressed)] == [stale]
    assert not sent(pressed)

    for shop in (shelf, elsewhere):
        cart = await get_cart(db, chat.actor, chat.user_id, shop.id)
        assert cart.lines == ()


async def test_the_cart_shows_the_estimate_a_price_change_and_accepts_it(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db)
    category = await new_category(db)
    gala = await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money.rub(200),
        stock=5_000,
        name=("Яблоки Гала", "Gala apples"),
    )
    chat = Chat(customer, await new_customer(db, shelf.point))
    await step_cart_quantity(db, chat.actor, chat.user_id, gala.id, 3)
    await set_price(db, shelf.owner, gala.id, Money.rub(250))

    [cart] = sent(await chat.send("/cart"))
    assert cart.text.startswith(ru(translator, "customer-cart-title", shop=shelf.shop.name))
    assert "1. Яблоки Гала — 300 г × 250,00\u00a0₽/кг = <b>75,00\u00a0₽</b>" in cart.text
    assert (
        ru(translator, "customer-cart-issue-price", old="200,00\u00a0₽", new="250,00\u00a0₽")
        in cart.text
    )
    assert ru(translator, "customer-cart-subtotal-estimated", total="75,00\u00a0₽") in cart.text
    assert (
        ru(
            translator,
            "customer-cart-min-missing",
            min_order="500,00\u00a0₽",
            missing="425,00\u00a0₽",
        )
        in cart.text
    )
    accept = CartPress(action=CartAction.ACCEPT, shop=shelf.id).pack()
    assert accept in inline_data(cart)

    [accepted] = edits(await chat.press(accept))
    assert "200,00" not in accepted.text
    assert accept not in inline_data(accepted)

    # The line's own stepper, then removing it leaves an empty cart.
    await chat.press(CartPress(action=CartAction.MORE, shop=shelf.id, offer=gala.id))
    assert await _quantity(db, chat.user_id, shelf, gala.id) == 400
    [empty] = edits(
        await chat.press(CartPress(action=CartAction.REMOVE, shop=shelf.id, offer=gala.id))
    )
    assert empty.text == ru(translator, "customer-cart-empty")


async def test_several_carts_then_clearing_one(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db, name="Первая лавка")
    other = await open_shop(db, name="Вторая лавка")
    category = await new_category(db)
    first = await new_offer(db, shelf, category, price=Money.rub(120))
    second = await new_offer(db, other, category)
    chat = Chat(customer, await new_customer(db, shelf.point))
    for offer in (first, second):
        await step_cart_quantity(db, chat.actor, chat.user_id, offer.id, 2)

    [mine] = sent(await chat.send("/cart"))
    assert mine.text == ru(translator, "customer-cart-mine")
    assert sorted(inline_texts(mine)) == [
        "Вторая лавка · 1 · 200,00\u00a0₽",
        "Первая лавка · 1 · 240,00\u00a0₽",
    ]

    [ask] = edits(await chat.press(CartPress(action=CartAction.CLEAR, shop=shelf.id)))
    assert ask.text == ru(translator, "customer-cart-clear-confirm", shop="Первая лавка")
    [done] = edits(await chat.press(CartPress(action=CartAction.CLEAR_CONFIRMED, shop=shelf.id)))
    assert done.text.startswith(ru(translator, "customer-cart-cleared"))
    assert "Вторая лавка" in done.text  # the one cart left
    assert await _quantity(db, chat.user_id, shelf, first.id) == 0


async def test_closed_shops_say_when_the_first_one_opens(
    customer: Harness, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    shelf = await open_shop(db)
    chat = Chat(customer, await new_customer(db, shelf.point))
    clock.set(datetime(2026, 1, 1, 19, 30, tzinfo=UTC))  # 22:30 in Moscow, after closing

    [closed] = sent(await chat.send("/catalog"))
    when = ru(translator, "customer-catalog-when-date", date="02.01", time="09:00")
    assert closed.text == ru(translator, "customer-catalog-closed", shop=shelf.shop.name, when=when)


async def test_several_shops_are_offered_first_and_english_speakers_read_english(
    customer: Harness, db: Database, translator: Translator
) -> None:
    shelf = await open_shop(db, name="Green corner")
    await open_shop(db, shelf.point, name="Fruit yard")
    category = await new_category(db)
    gala = await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money.rub(189),
        stock=500,
        name=("Яблоки Гала", "Gala apples"),
    )
    chat = Chat(customer, await new_customer(db, shelf.point, text="Home"), language_code="en")

    [shops] = sent(await chat.send("/catalog"))
    assert shops.text == translator.get("en", "customer-catalog-shops", address="Home")
    assert "Green corner · from 500,00\u00a0₽ · delivery 149,00\u00a0₽" in inline_texts(shops)

    [card] = edits(await chat.press(CatalogCard(offer=gala.id, category=category.id)))
    assert "<b>Gala apples</b>" in card.text
    assert "<b>189,00\u00a0₽</b>/kg" in card.text
    assert translator.get("en", "customer-catalog-few-left", amount="500 g") in card.text
    assert inline_texts(card)[0] == "➕ Add to cart · 100 g"
    [help_] = sent(await chat.send("/help"))
    assert "/catalog" in help_.text


@pytest.mark.parametrize(
    ("grams", "ru_text", "en_text"),
    [
        (300, "300 г", "300 g"),
        (1000, "1 кг", "1 kg"),
        (1200, "1,2 кг", "1.2 kg"),
        (2450, "2,45 кг", "2.45 kg"),
    ],
)
def test_grams_read_as_grams_or_kilograms(
    translator: Translator, grams: int, ru_text: str, en_text: str
) -> None:
    assert grams_text(Tr(translator, "ru"), grams) == ru_text
    assert grams_text(Tr(translator, "en"), grams) == en_text
