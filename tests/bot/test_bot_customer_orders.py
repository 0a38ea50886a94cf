"""/orders and the order buttons through the dispatcher: history and details, canceling when the
customer still may (and not after), reordering into the cart, answering substitutes (yes, no,
too late, twice), and the contract with the sender's live status message."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import AnswerCallbackQuery
from bot_fakes import Harness
from checkout_bot_helpers import Fruit, customer_id, customer_of, fruit_shop, order_through_core
from customer_chat import Chat, edits, inline_data, inline_texts, sent

from bot.customer.orders_callbacks import CustomerOrderPress, OrdersPage, SubstitutePress
from core.inventory.api import set_stock
from core.orders.api import (
    accept_order,
    get_cart,
    get_order,
    propose_substitute,
    resolve_overdue_proposals,
    start_assembly,
)
from core.orders.schemas import LineStatus, OrderOut, OrderStatus
from core.shared.clock import FrozenClock
from core.shared.i18n import Translator
from core.shared.uow import Database

NBSP = "\u00a0"


def ru(translator: Translator, key: str, **args: object) -> str:
    return translator.get("ru", key, **args)


def alerts(requests: list[object]) -> list[str]:
    return [r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery) and r.show_alert]


def toasts(requests: list[object]) -> list[str]:
    return [
        r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery) and not r.show_alert
    ]


def press(action: str, order: OrderOut) -> CustomerOrderPress:
    return CustomerOrderPress(action=action, order=order.id)


async def _assembling(db: Database, fruit: Fruit, order: OrderOut) -> OrderOut:
    await accept_order(db, fruit.shelf.owner, order.id)
    return await start_assembly(db, fruit.shelf.owner, order.id)


def test_the_buttons_pack_as_the_sender_writes_them() -> None:
    from uuid import uuid4

    order, line = uuid4(), uuid4()
    assert CustomerOrderPress(action="cancel", order=order).pack() == f"cord:cancel:{order.hex}"
    assert SubstitutePress(answer="yes", line=line).pack() == f"csub:yes:{line.hex}"
    assert len(SubstitutePress(answer="yes", line=line).pack()) <= 64


async def test_my_orders_newest_first_then_the_details(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    first = await order_through_core(db, fruit, chat.user_id, (fruit.pears, 5))
    second = await order_through_core(
        db, fruit, chat.user_id, (fruit.apples, 1_500), (fruit.pears, 3)
    )

    [listing] = sent(await chat.send("/orders"))
    assert listing.text.startswith(ru(translator, "customer-orders-title"))
    assert inline_data(listing)[:2] == [press("open", second).pack(), press("open", first).pack()]
    assert f"№{second.number} · {fruit.shelf.shop.name} · 01.01.2026" in listing.text
    assert inline_texts(listing)[1] == f"№{first.number} · Ждёт подтверждения · 649,00{NBSP}₽"

    [details] = edits(await chat.press(press("open", second)))
    assert details.text.startswith(
        ru(
            translator,
            "customer-orders-details-title",
            number=str(second.number),
            shop=fruit.shelf.shop.name,
        )
    )
    for line in (
        "Статус: <b>Ждёт подтверждения</b>",
        "Оплата: Наличными курьеру",
        f"1. Яблоки Гала — 1,5 кг × 189,00{NBSP}₽/кг = 283,50{NBSP}₽",
        f"2. Груши — 3 шт. × 100,00{NBSP}₽/шт. = 300,00{NBSP}₽",
        f"Итого: <b>≈ 732,50{NBSP}₽</b> — итог после взвешивания",
        "История: Сегодня 12:00 Ждёт подтверждения",
    ):
        assert line in details.text
    assert inline_data(details) == [
        press("stop", second).pack(),
        press("again", second).pack(),
        OrdersPage().pack(),
    ]


async def test_orders_page_on_and_someone_elses_order_is_not_shown(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    await set_stock(db, fruit.shelf.owner, fruit.pears.id, 30)
    made = [await order_through_core(db, fruit, chat.user_id, (fruit.pears, 5)) for _ in range(6)]
    [listing] = sent(await chat.send("/orders"))
    more = OrdersPage(before=made[1].id).pack()
    assert inline_data(listing)[-1] == more
    [older] = edits(await chat.press(more))
    assert inline_data(older)[0] == press("open", made[0]).pack()

    stranger = Chat(customer, customer_id())
    pressed = await stranger.press(press("open", made[0]))
    assert alerts(pressed) == [ru(translator, "error-permission_denied")]
    assert not edits(pressed)
    [nothing] = sent(await stranger.send("/orders"))
    assert nothing.text == ru(translator, "customer-orders-none")


async def test_cancel_from_the_live_message_asks_then_cancels(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    order = await order_through_core(db, fruit, chat.user_id, (fruit.pears, 5))

    # The live status message's button: a new message asks, the live one stays.
    pressed = await chat.press(f"cord:cancel:{order.id.hex}")
    assert not edits(pressed)
    [ask] = sent(pressed)
    assert ask.text == ru(
        translator,
        "customer-orders-cancel-confirm",
        number=str(order.number),
        shop=fruit.shelf.shop.name,
    )
    pressed = await chat.press(press("stop_yes", order))
    assert toasts(pressed) == [
        ru(translator, "customer-orders-canceled-toast", number=str(order.number))
    ]
    [details] = edits(pressed)
    assert "Статус: <b>Отменён</b>" in details.text
    assert "Отменил: покупатель — По просьбе покупателя" in details.text
    assert press("stop", order).pack() not in inline_data(details)
    assert (await get_order(db, chat.actor, order.id)).status is OrderStatus.CANCELED

    # A second "yes" (a double tap) cancels nothing more and says so.
    pressed = await chat.press(press("stop_yes", order))
    assert alerts(pressed) == [ru(translator, "customer-orders-already-canceled")]


async def test_once_assembly_began_the_customer_may_not_cancel(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    order = await _assembling(
        db, fruit, await order_through_core(db, fruit, chat.user_id, (fruit.pears, 5))
    )

    [details] = edits(await chat.press(press("open", order)))
    assert "Статус: <b>Собирается</b>" in details.text
    assert press("stop", order).pack() not in inline_data(details)
    refusal = ru(translator, "error-order_transition_not_allowed", status="assembling")
    pressed = await chat.press(f"cord:cancel:{order.id.hex}")
    assert alerts(pressed) == [refusal]
    assert not sent(pressed)
    pressed = await chat.press(press("stop_yes", order))
    assert alerts(pressed) == [refusal]
    assert (await get_order(db, chat.actor, order.id)).status is OrderStatus.ASSEMBLING
    assert alerts(await chat.press(f"cord:nonsense:{order.id.hex}")) == [
        ru(translator, "customer-catalog-stale")
    ]


async def test_reorder_fills_the_cart_and_tells_what_fell_short(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    order = await order_through_core(
        db, fruit, chat.user_id, (fruit.apples, 2_000), (fruit.pears, 4)
    )
    await set_stock(db, fruit.shelf.owner, fruit.pears.id, 6)  # the order holds 4: 2 left

    pressed = await chat.press(f"cord:reorder:{order.id.hex}")
    [cart] = sent(pressed)
    assert cart.text.startswith(
        ru(translator, "customer-orders-reordered", number=str(order.number))
    )
    assert ru(translator, "customer-orders-reorder-reduced", names="Груши") in cart.text
    view = await get_cart(db, chat.actor, chat.user_id, fruit.id)
    assert view.quantity_of(fruit.apples.id) == 2_000
    assert view.quantity_of(fruit.pears.id) == 2


async def test_substitutes_yes_no_late_and_twice(
    customer: Harness, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    order = await _assembling(
        db,
        fruit,
        await order_through_core(db, fruit, chat.user_id, (fruit.apples, 1_000), (fruit.pears, 5)),
    )
    apples, pears = order.lines
    owner = fruit.shelf.owner
    proposed = await propose_substitute(db, owner, order.id, pears.id, fruit.apples.id, 500)
    [offered] = [line for line in proposed.lines if line.status is LineStatus.PROPOSED]

    pressed = await chat.press(SubstitutePress(answer="yes", line=offered.id))
    assert toasts(pressed) == [ru(translator, "customer-substitute-accepted")]
    assert not edits(pressed)  # the sender edits the proposal itself
    assert not sent(pressed)
    now = await get_order(db, chat.actor, order.id)
    assert {line.id: line.status for line in now.lines}[offered.id] is LineStatus.PICKED

    # Answered already: a second tap is told so.
    pressed = await chat.press(SubstitutePress(answer="no", line=offered.id))
    assert alerts(pressed) == [ru(translator, "customer-substitute-decided")]

    # A proposal for the apples answered too late: the preference decides, not the tap.
    second = await propose_substitute(
        db, owner, order.id, apples.id, fruit.pears.id, 1, answer_within=timedelta(minutes=2)
    )
    [late] = [line for line in second.lines if line.status is LineStatus.PROPOSED]
    clock.advance(timedelta(minutes=3))
    pressed = await chat.press(SubstitutePress(answer="yes", line=late.id))
    assert alerts(pressed) == [ru(translator, "customer-substitute-late")]
    still = {line.id: line.status for line in (await get_order(db, chat.actor, order.id)).lines}
    assert still[late.id] is LineStatus.PROPOSED
    # The deadline task applies "call me": the substitute is declined. (It also leaves no
    # overdue proposal behind for other tests' tasks to find.)
    assert await resolve_overdue_proposals(db) >= 1
    statuses = {line.id: line.status for line in (await get_order(db, chat.actor, order.id)).lines}
    assert statuses[late.id] is LineStatus.REMOVED
    pressed = await chat.press(SubstitutePress(answer="yes", line=late.id))
    assert alerts(pressed) == [ru(translator, "customer-substitute-decided")]

    # Someone else's line, and data no typed filter reads.
    stranger = Chat(customer, customer_id())
    pressed = await stranger.press(SubstitutePress(answer="no", line=late.id))
    assert alerts(pressed) == [ru(translator, "error-permission_denied")]
    assert alerts(await chat.press(f"csub:maybe:{late.id.hex}")) == [
        ru(translator, "customer-catalog-stale")
    ]
    assert alerts(await chat.press("csub:yes:not-a-line")) == [
        ru(translator, "customer-catalog-stale")
    ]


async def test_declining_a_substitute(
    customer: Harness, db: Database, translator: Translator
) -> None:
    fruit = await fruit_shop(db)
    chat = Chat(customer, await customer_of(db, fruit))
    order = await _assembling(
        db, fruit, await order_through_core(db, fruit, chat.user_id, (fruit.pears, 5))
    )
    [pears] = order.lines
    proposed = await propose_substitute(
        db, fruit.shelf.owner, order.id, pears.id, fruit.apples.id, 300
    )
    [offered] = [line for line in proposed.lines if line.status is LineStatus.PROPOSED]

    pressed = await chat.press(SubstitutePress(answer="no", line=offered.id))
    assert toasts(pressed) == [ru(translator, "customer-substitute-declined")]
    statuses = {line.id: line.status for line in (await get_order(db, chat.actor, order.id)).lines}
    assert statuses == {pears.id: LineStatus.REMOVED, offered.id: LineStatus.REMOVED}

    [details] = edits(await chat.press(press("open", order)))
    assert ru(translator, "customer-orders-line-removed") in details.text
    assert f"Итого: <b>149,00{NBSP}₽</b>" in details.text
