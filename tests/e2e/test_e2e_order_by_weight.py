"""Issue 6 end to end on the Telegram emulator: a customer orders apples by weight through the
real customer bot (catalog, the card's ➕, the cart, the checkout dialog); the shop's owner gets
the new-order alert in the real seller bot and presses Accept there, then opens the order board
from the seller bot and, through the Mini App's API over HTTP with the initData the emulator
signed, starts assembly, weighs the apples (more than ordered) and marks the order ready. The
worker's sender edits the owner's alert to say who accepted it and the customer's live status
message to the final price, rounded half up at the line."""

from __future__ import annotations

import aiohttp
import pytest
from order_by_weight_helpers import (
    MiniApp,
    Person,
    buttons,
    new_category,
    new_customer,
    new_offer,
    owned_shop,
)
from sim_client import Sim

from core.auth.policy import Actor
from core.orders.api import my_orders
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from fruktgo.container import Container

NBSP = "\u00a0"
PRICE_PER_KG = 34_990  # kopecks: 349,90 ₽/kg
ORDERED, WEIGHED = 900, 950  # grams


@pytest.mark.usefixtures("running_bots", "worker")
async def test_apples_by_weight_from_the_catalog_to_the_final_price(
    sim: Sim, bot_usernames: dict[str, str], container: Container, web_origin: str
) -> None:
    await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do
    db: Database = container.db
    translator = Translator()

    # The owner started the seller bot (Telegram lets a bot write only to those who did), then
    # applied; the approval makes them the shop's owner.
    oleg_id = (await sim.new_person(first_name="Олег", language_code="ru"))["user_id"]
    oleg = Person(sim, oleg_id, bot_usernames["seller"])
    assert await sim.reply_to(oleg_id, oleg.bot, "/start")
    shelf = await owned_shop(db, oleg_id, "Сад Олега", min_order=Money.rub(300))
    category = await new_category(db)
    await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money(PRICE_PER_KG),
        stock=3_000,
        name=("Яблоки Гала", "Gala apples"),
    )

    nina_id = (await sim.new_person(first_name="Нина", language_code="ru"))["user_id"]
    await new_customer(db, shelf.point, telegram_id=nina_id)
    nina = Person(sim, nina_id, bot_usernames["customer"])

    # The catalog: the only shop, its category, the card, ➕ to 900 g.
    home = await nina.say("/catalog", shelf.shop.name)
    page = await nina.tap(home, f"🍎 {category.name_ru}")
    card = await nina.tap(page, f"Яблоки Гала · 349,90{NBSP}₽/кг")
    card = await nina.tap(card, "➕ В корзину · 100 г")
    for _ in range(8):
        card = await nina.tap(card, "➕")
    assert "900 г" in buttons(card)

    # The cart, then the checkout dialog in one message: 900 g × 349,90 ₽/kg = 314,91 ₽.
    cart = await nina.say("/cart", "🛒 Корзина")
    assert f"Яблоки Гала — 900 г × 349,90{NBSP}₽/кг = 314,91{NBSP}₽" in cart["text"]
    step = await nina.tap(cart, "✅ Оформить заказ")
    step = await nina.tap(step, "✅ ★ Дом")
    step = await nina.tap(step, "⚡ Как можно скорее (≈ 15 мин)")
    step = await nina.tap(step, "💵 Наличными курьеру")
    step = await nina.tap(step, "✅ 📞 Позвонить мне")
    summary = await nina.tap(step, "Без комментария ›")
    assert f"Итого: ≈ 463,91{NBSP}₽ — итог после взвешивания" in summary["text"]
    placed = await nina.tap(summary, f"✅ Подтвердить · ≈ 463,91{NBSP}₽")
    [order] = await my_orders(db, Actor(nina_id), nina_id)
    assert placed["text"].startswith(f"✅ Заказ №{order.number} оформлен")
    assert order.total == Money.rub(463, 91)

    # The owner's alert in the seller bot names the order and the apples; Accept there.
    accept = translator.get("ru", "notification-order-btn-accept")
    alert = await oleg.until(f"Новый заказ №{order.number}")
    assert f"Яблоки Гала — 900 г ≈ 314,91{NBSP}₽" in alert["text"]
    assert accept in buttons(alert)
    pressed = await oleg.press(alert, accept)
    assert pressed["answer"]["text"] == translator.get("ru", "seller-order-accepted")
    # The worker edits that same alert: accepted, by whom, and no buttons left to press.
    taken = await oleg.until(f"Заказ №{order.number} принят", "Принял(а): Олег")
    assert taken["message_id"] == alert["message_id"]
    assert buttons(taken) == []

    # The board opened from the seller bot: a Mini App button, whose initData the emulator
    # signs with the seller bot's token; the API calls the board's pages make.
    opened = await oleg.say("/orders", "Заказы магазина «Сад Олега»")
    board_button = translator.get("ru", "seller-btn-orders-webapp")
    async with aiohttp.ClientSession() as http:
        app = MiniApp(http, web_origin, (await oleg.press(opened, board_button))["web_app"])
        assert app.page.startswith("/app/seller/orders?")
        assert "<html" in (await app.load_page()).lower()
        board = await app.api("GET", f"/shops/{shelf.id}/orders")
        assert [(card["number"], card["status"]) for card in board["orders"]] == [
            (order.number, "accepted")
        ]
        await app.api("POST", f"/orders/{order.id}/start-assembly")
        shown = await app.api("GET", f"/orders/{order.id}")
        [line] = shown["lines"]
        assert (line["name"], line["quantity"], line["quantity_actual"]) == (
            "Яблоки Гала",
            ORDERED,
            None,
        )
        weighed = await app.api(
            "POST", f"/orders/{order.id}/lines/{line['id']}/actual", {"quantity": WEIGHED}
        )
        # 349,90 ₽/kg × 950 g = 332,405 ₽: half a kopeck rounds up, to 332,41 ₽.
        apples = (PRICE_PER_KG * WEIGHED * 2 + 1_000) // 2_000
        assert apples == 33_241
        assert weighed["lines"][0]["current_total"]["minor"] == apples
        ready = await app.api("POST", f"/orders/{order.id}/ready")
    assert ready["status"] == "ready"
    assert ready["final_total"]["minor"] == apples + 14_900

    # The live status message (the worker's sender) ends up showing the final price.
    live = await nina.until(f"Заказ №{order.number}", f"Итого: 481,41{NBSP}₽")
    assert live["message_id"] != placed["message_id"]
    weighed_line = f"Яблоки Гала 950 г × 349,90{NBSP}₽/кг = 332,41{NBSP}₽ (заказано 900 г)"
    assert weighed_line in live["text"]
    # Its [Details] answers with the order as weighed, in a message of its own.
    details = await nina.tap(live, translator.get("ru", "notification-order-btn-details"), new=True)
    assert details["text"].startswith(f"📦 Заказ №{order.number}")
    assert f"⚖️ по факту 950 г = 332,41{NBSP}₽" in details["text"]
    assert f"Итого: 481,41{NBSP}₽" in details["text"]
