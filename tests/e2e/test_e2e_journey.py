"""The whole journey on the Telegram emulator, with separate people in the real bots: a customer
orders apples by weight in the customer bot; the shop's owner accepts in the seller bot and
weighs and marks the order ready through the Mini App's API; a courier on shift takes the offer,
picks the order up and hands it over with the code the customer got; the customer's live status
message follows every step. Then the unhappy paths: the shop rejects; a missing item's
substitute is declined; a courier declines and the next one gets the offer; the customer cancels
before assembly; an unpaid online order expires."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from journey_helpers import (
    Person,
    buttons,
    courier_on_shift,
    customer,
    new_category,
    new_offer,
    order_through_core,
    seller,
)
from order_by_weight_helpers import MiniApp
from sim_client import Sim

from core.auth.policy import Actor
from core.inventory.api import get_stock
from core.orders.api import (
    UNPAID_TTL,
    accept_order,
    expire_unpaid_orders,
    get_order,
    mark_missing,
    mark_ready,
    my_orders,
    propose_substitute,
    start_assembly,
)
from core.orders.schemas import LineStatus, OrderStatus, PaymentMethod
from core.shared.clock import FrozenClock
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from fruktgo.container import Container

NBSP = "\u00a0"
t = Translator()


def ru(key: str, **params: str) -> str:
    return t.get("ru", key, **params)


@pytest.fixture
async def db(container: Container, sim: Sim) -> Database:
    """The world's database; the emulator lets tests tap faster than people do."""
    await sim.call("POST", "limits", enabled=False)
    return container.db


async def live_status(buyer: Person, number: int, *parts: str) -> dict[str, Any]:
    """The customer's live status message of order ``number`` once it says all ``parts``."""
    return await buyer.until(f"🛒 Заказ №{number}", *parts)


async def told(person: Person, number: int) -> list[str]:
    """Every message in the person's chat that names order ``number``."""
    return [
        m.get("text", "")
        for m in (await person.chat())["messages"]
        if f"№{number}" in m.get("text", "")
    ]


@pytest.mark.usefixtures("running_bots", "worker")
async def test_apples_by_weight_travel_from_the_catalog_to_the_door(
    sim: Sim, bot_usernames: dict[str, str], db: Database, web_origin: str
) -> None:
    oleg, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад Олега")
    category = await new_category(db)
    await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money(34_990),
        stock=3_000,
        name=("Яблоки Гала", "Gala apples"),
    )
    marat = await courier_on_shift(sim, db, bot_usernames["courier"], "Марат", shelf.point, 300)
    nina = await customer(sim, db, bot_usernames["customer"], "Нина", shelf)

    # Nina orders 900 g of apples in the customer bot: the catalog, the card, the checkout.
    home = await nina.say("/catalog", shelf.shop.name)
    page = await nina.tap(home, f"🍎 {category.name_ru}")
    card = await nina.tap(page, f"Яблоки Гала · 349,90{NBSP}₽/кг")
    card = await nina.tap(card, "➕ В корзину · 100 г")
    for _ in range(8):
        card = await nina.tap(card, "➕")
    cart = await nina.say("/cart", "🛒 Корзина")
    step = await nina.tap(cart, "✅ Оформить заказ")
    step = await nina.tap(step, "✅ ★ Дом")
    [asap] = [label for label in buttons(step) if label.startswith("⚡ Как можно скорее")]
    step = await nina.tap(step, asap)
    step = await nina.tap(step, "💵 Наличными курьеру")
    step = await nina.tap(step, "✅ 📞 Позвонить мне")
    summary = await nina.tap(step, "Без комментария ›")
    placed = await nina.tap(summary, f"✅ Подтвердить · ≈ 463,91{NBSP}₽")
    [order] = await my_orders(db, Actor(nina.user_id), nina.user_id)
    number = order.number
    assert placed["text"].startswith(f"✅ Заказ №{number} оформлен")
    status = await live_status(nina, number, "🕐 Ждём, когда магазин примет заказ")
    assert f"Сумма ≈ 463,91{NBSP}₽, итог после взвешивания" in status["text"]

    # Oleg accepts the new-order alert in the seller bot; Nina's message says so, in place.
    alert = await oleg.until(f"Новый заказ №{number}")
    await oleg.press(alert, ru("notification-order-btn-accept"))
    await oleg.until(f"Заказ №{number} принят", "Принял(а): Олег")
    accepted = await live_status(nina, number, "✅ Магазин принял заказ")
    assert accepted["message_id"] == status["message_id"]

    # He opens the board from the seller bot and, through the Mini App's API, weighs 950 g.
    opened = await oleg.say("/orders", "Заказы магазина «Сад Олега»")
    async with aiohttp.ClientSession() as http:
        pressed = await oleg.press(opened, ru("seller-btn-orders-webapp"))
        app = MiniApp(http, web_origin, pressed["web_app"])
        await app.api("POST", f"/orders/{order.id}/start-assembly")
        [line] = (await app.api("GET", f"/orders/{order.id}"))["lines"]
        await app.api("POST", f"/orders/{order.id}/lines/{line['id']}/actual", {"quantity": 950})
        await app.api("POST", f"/orders/{order.id}/ready")

    # Ready, with the receipt: 349,90 ₽/kg × 950 g = 332,41 ₽, plus 149 ₽ delivery.
    ready = await live_status(nina, number, "📦 Заказ собран, ищем курьера")
    assert ready["message_id"] == status["message_id"]
    assert (
        f"Яблоки Гала 950 г × 349,90{NBSP}₽/кг = 332,41{NBSP}₽ (заказано 900 г)" in (ready["text"])
    )
    assert f"Товары: 332,41{NBSP}₽" in ready["text"]
    assert f"Доставка: 149,00{NBSP}₽" in ready["text"]
    assert f"Итого: 481,41{NBSP}₽" in ready["text"]

    # Marat, on shift 300 m away, gets the offer and takes it; Nina gets the code.
    offer = await marat.until(f"Новый заказ №{number}")
    taken = await marat.press(offer, ru("notification-delivery-btn-accept"))
    assert taken["answer"]["text"] == ru("courier-offer-accepted", number=str(number))
    assigned = await live_status(nina, number, "🛵 Курьер едет за заказом")
    assert assigned["message_id"] == status["message_id"]
    note = await nina.until(f"Заказ №{number}", "Код для курьера")
    assert "курьер Марат едет к вам" in note["text"]
    found = re.search(r"Код для курьера: (\d{4})", note["text"])
    assert found is not None

    # He picks it up at the shop and hands it over with the code.
    card = await marat.until(f"Заказ №{number}: езжайте в магазин")
    await marat.press(card, ru("notification-delivery-btn-pickup"))
    on_the_way = await live_status(nina, number, "🚚 Курьер везёт заказ")
    assert on_the_way["message_id"] == status["message_id"]
    card = await marat.until(f"Заказ №{number}: везите покупателю")
    await marat.press(card, ru("notification-delivery-btn-handover"))
    await marat.until(f"Заказ №{number}", "Напишите код из 4 цифр")
    await sim.send(marat.user_id, marat.bot, found.group(1))
    done = await marat.until(f"Заказ №{number} доставлен", "Доставлено! +")
    assert done["message_id"] == card["message_id"]

    delivered = await live_status(nina, number, "🏠 Заказ доставлен")
    assert delivered["message_id"] == status["message_id"]
    assert f"Итого: 481,41{NBSP}₽" in delivered["text"]
    assert ru("notification-order-btn-reorder") in buttons(delivered)
    assert (await get_order(db, Actor(nina.user_id), order.id)).status is OrderStatus.DELIVERED


@pytest.mark.usefixtures("running_bots", "worker")
async def test_the_shop_rejects_and_the_customer_is_told_why(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    oleg, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад у реки")
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=10, name=("Груши", "Pears")
    )
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 3)])
    await live_status(vera, order.number, "🕐 Ждём, когда магазин примет заказ")

    # Reject turns the alert's keyboard into reasons; a reason rejects the order.
    alert = await oleg.until(f"Новый заказ №{order.number}")
    pressed = await oleg.press(alert, ru("notification-order-btn-reject"))
    assert pressed["answer"]["text"] == ru("seller-order-choose-reason")
    out_of_stock = ru("cancel-reason-out_of_stock")
    asked = await oleg.until(f"Новый заказ №{order.number}")
    assert out_of_stock in buttons(asked)
    pressed = await oleg.press(asked, out_of_stock)
    assert pressed["answer"]["text"] == ru("seller-order-rejected")

    edited = await oleg.until(f"Заказ №{order.number} отменён", "Отменил магазин")
    assert edited["message_id"] == alert["message_id"]
    assert "товара нет в наличии" in edited["text"]
    canceled = await live_status(vera, order.number, "❌ Заказ отменён", "Магазин отменил заказ.")
    assert "Причина: товара нет в наличии." in canceled["text"]
    assert ru("notification-order-btn-cancel") not in buttons(canceled)
    stock = await get_stock(db, shelf.owner, pears.id)
    assert (stock.on_hand, stock.reserved, stock.allocated) == (10, 0, 0)


@pytest.mark.usefixtures("running_bots", "worker")
async def test_a_missing_item_whose_substitute_is_declined_leaves_the_order(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    oleg, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад на горе")
    category = await new_category(db)
    pears = await new_offer(
        db, shelf, category, price=Money.rub(120), stock=10, name=("Груши", "Pears")
    )
    plums = await new_offer(
        db, shelf, category, price=Money.rub(90), stock=10, name=("Сливы", "Plums")
    )
    apples = await new_offer(
        db, shelf, category, price=Money.rub(100), stock=10, name=("Яблоки", "Apples")
    )
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 3), (plums.id, 2)])
    await accept_order(db, shelf.owner, order.id)
    await start_assembly(db, shelf.owner, order.id)
    [pear_line] = [line for line in order.lines if line.name_ru == "Груши"]
    await mark_missing(db, shelf.owner, order.id, pear_line.id)
    await propose_substitute(db, shelf.owner, order.id, pear_line.id, apples.id, 3)

    # Vera is asked in the customer bot, and says no.
    proposal = await vera.until(
        f"🔄 Заказ №{order.number}: нет «Груши» — заменить на «Яблоки» 3 шт."
    )
    no = ru("notification-order-btn-sub-no")
    assert buttons(proposal) == [ru("notification-order-btn-sub-yes"), no]
    pressed = await vera.press(proposal, no)
    assert pressed["answer"]["text"] == ru("customer-substitute-declined")
    answered = await vera.until(f"➖ Заказ №{order.number}: «Груши» убран из заказа, без замены.")
    assert answered["message_id"] == proposal["message_id"]
    assert buttons(answered) == []

    await mark_ready(db, shelf.owner, order.id)
    ready = await live_status(vera, order.number, "📦 Заказ собран, ищем курьера")
    assert "• Груши — нет в наличии" in ready["text"]
    assert f"• Сливы 2 шт. × 90,00{NBSP}₽ = 180,00{NBSP}₽" in ready["text"]
    assert f"Итого: 329,00{NBSP}₽" in ready["text"]
    # The shop was told of the order and its acceptance, and nothing of Vera's answer.
    [alert] = await told(oleg, order.number)
    assert f"Заказ №{order.number} принят" in alert
    shown = await get_order(db, shelf.owner, order.id)
    lines = {(line.name_ru, line.status) for line in shown.lines}
    assert ("Груши", LineStatus.REMOVED) in lines
    assert ("Сливы", LineStatus.PICKED) in lines


@pytest.mark.usefixtures("running_bots", "worker")
async def test_a_courier_declines_and_the_next_one_gets_the_offer(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    _, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад в поле")
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=10, name=("Груши", "Pears")
    )
    bot = bot_usernames["courier"]
    near = await courier_on_shift(sim, db, bot, "Марат", shelf.point, 200)
    far = await courier_on_shift(sim, db, bot, "Тимур", shelf.point, 900)
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 3)])
    await accept_order(db, shelf.owner, order.id)
    await start_assembly(db, shelf.owner, order.id)
    await mark_ready(db, shelf.owner, order.id)

    # The nearer courier is asked first and declines; his offer says so.
    offer = await near.until(f"Новый заказ №{order.number}")
    pressed = await near.press(offer, ru("notification-delivery-btn-decline"))
    assert pressed["answer"]["text"] == ru("courier-offer-declined")
    declined = await near.until(f"Вы отказались от заказа №{order.number}")
    assert declined["message_id"] == offer["message_id"]

    # The next one is asked and takes it; the customer hears of him.
    offer = await far.until(f"Новый заказ №{order.number}")
    pressed = await far.press(offer, ru("notification-delivery-btn-accept"))
    assert pressed["answer"]["text"] == ru("courier-offer-accepted", number=str(order.number))
    await far.until(f"Заказ №{order.number} ваш")
    await live_status(vera, order.number, "🛵 Курьер едет за заказом")
    note = await vera.until(f"Заказ №{order.number}", "Код для курьера")
    assert "курьер Тимур едет к вам" in note["text"]
    assert len(await told(near, order.number)) == 1  # the declined offer, nothing more


@pytest.mark.usefixtures("running_bots", "worker")
async def test_the_customer_cancels_before_assembly(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    oleg, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад у моста")
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=10, name=("Груши", "Pears")
    )
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 3)])
    alert = await oleg.until(f"Новый заказ №{order.number}")
    await oleg.press(alert, ru("notification-order-btn-accept"))
    status = await live_status(vera, order.number, "✅ Магазин принял заказ")

    # Cancel on the live message asks first, in a message of its own; yes cancels.
    asked = await vera.tap(status, ru("notification-order-btn-cancel"), new=True)
    assert asked["text"] == ru(
        "customer-orders-cancel-confirm", number=str(order.number), shop=shelf.shop.name
    )
    pressed = await vera.press(asked, ru("customer-btn-orders-cancel-yes"))
    assert pressed["answer"]["text"] == ru(
        "customer-orders-canceled-toast", number=str(order.number)
    )
    canceled = await live_status(vera, order.number, "❌ Заказ отменён", "Вы отменили заказ.")
    assert canceled["message_id"] == status["message_id"]

    edited = await oleg.until(f"Заказ №{order.number} отменён", "Отменил покупатель")
    assert edited["message_id"] == alert["message_id"]
    stock = await get_stock(db, shelf.owner, pears.id)
    assert (stock.on_hand, stock.reserved, stock.allocated) == (10, 0, 0)


@pytest.mark.usefixtures("running_bots", "worker")
async def test_an_unpaid_online_order_expires_and_its_stock_comes_back(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    oleg, shelf = await seller(sim, db, bot_usernames["seller"], "Олег", "Сад за лесом")
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=10, name=("Груши", "Pears")
    )
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 3)], payment=PaymentMethod.ONLINE)
    assert order.status is OrderStatus.PENDING_PAYMENT
    waiting = await live_status(vera, order.number, "💳 Ждём оплату", "Оплатите до")
    assert (await get_stock(db, shelf.owner, pears.id)).reserved == 3

    # The expiry task's command, run as the clock will read once the deadline has passed.
    later = FrozenClock(db.clock.now() + UNPAID_TTL + timedelta(minutes=1))
    after_deadline = Database(db.engine, clock=later, publisher=db.publisher)
    assert await expire_unpaid_orders(after_deadline) >= 1

    expired = await live_status(
        vera, order.number, "❌ Заказ отменён", "Заказ отменён автоматически."
    )
    assert expired["message_id"] == waiting["message_id"]
    assert "Причина: заказ не оплачен вовремя." in expired["text"]
    stock = await get_stock(db, shelf.owner, pears.id)
    assert (stock.on_hand, stock.reserved, stock.allocated) == (10, 0, 0)
    # The shop never heard of an order nobody paid for.
    assert await told(oleg, order.number) == []
