"""A courier delivers an order through the real bots on the Telegram emulator: he starts a shift
in the courier bot (/shift → Start) and shares a live location near the shop; a customer's order
is placed and made ready through core; the worker's dispatcher offers it to him and he takes it,
confirms the pickup on the delivery card, and hands the order over with the code the customer got
in the customer bot. The order is delivered, and the customer's live status message says so."""

from __future__ import annotations

import re

import pytest
from journey_helpers import (
    buttons,
    courier_on_shift,
    customer,
    new_category,
    new_offer,
    order_through_core,
)
from sim_client import Sim

# On the path once journey_helpers is imported (test folders are not packages).
from catalog_bot_helpers import ROUND_THE_CLOCK, open_shop  # isort: skip

from core.auth.policy import Actor
from core.orders.api import accept_order, get_order, mark_ready, start_assembly
from core.orders.schemas import OrderStatus
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database


@pytest.mark.usefixtures("running_bots", "worker")
async def test_a_courier_takes_the_offer_picks_up_and_hands_over_with_the_code(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do
    db = core_db
    t = Translator()
    # Open round the clock: the bots run on the real clock.
    shelf = await open_shop(db, hours=ROUND_THE_CLOCK)
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=50, name=("Груши", "Pears")
    )

    # The courier starts a shift and shares a live location 300 m from the shop.
    marat = await courier_on_shift(sim, db, bot_usernames["courier"], "Марат", shelf.point, 300)

    # A customer (who has written to the customer bot) orders pears; the shop makes them ready.
    vera = await customer(sim, db, bot_usernames["customer"], "Вера", shelf)
    order = await order_through_core(db, vera, shelf, [(pears.id, 5)])
    await accept_order(db, shelf.owner, order.id)
    await start_assembly(db, shelf.owner, order.id)
    await mark_ready(db, shelf.owner, order.id)

    # The dispatcher offers the delivery to Marat; he takes it.
    accept = t.get("ru", "notification-delivery-btn-accept")
    offer = await marat.until(f"Новый заказ №{order.number}")
    assert accept in buttons(offer)
    taken = await marat.press(offer, accept)
    assert taken["answer"]["text"] == t.get(
        "ru", "courier-offer-accepted", number=str(order.number)
    )

    # The delivery card arrives with [Picked up]; pressing it turns the card in place.
    pickup = t.get("ru", "notification-delivery-btn-pickup")
    card = await marat.until(f"Заказ №{order.number}: езжайте в магазин")
    assert pickup in buttons(card)
    await marat.press(card, pickup)
    handover = t.get("ru", "notification-delivery-btn-handover")
    card = await marat.until(f"Заказ №{order.number}: везите покупателю")
    assert handover in buttons(card)

    # The customer got the code for the courier in the customer bot.
    note = await vera.until(f"Заказ №{order.number}", "Код для курьера")
    found = re.search(r"Код для курьера: (\d{4})", note["text"])
    assert found is not None
    code = found.group(1)

    # Hand over: the card asks for the code, Marat types it, the card says delivered.
    await marat.press(card, handover)
    await marat.until(f"Заказ №{order.number}", "Напишите код из 4 цифр")
    await sim.send(marat.user_id, marat.bot, code)
    done = await marat.until(f"Заказ №{order.number} доставлен", "Доставлено! +")
    assert done["message_id"] == card["message_id"]
    assert not buttons(done)

    assert (await get_order(db, Actor(vera.user_id), order.id)).status is OrderStatus.DELIVERED
    await vera.until(f"Заказ №{order.number}", "🏠 Заказ доставлен")
