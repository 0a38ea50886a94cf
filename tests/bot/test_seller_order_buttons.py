"""The seller bot's order buttons through the dispatcher: /orders opens the board; Accept on a
new-order alert accepts the order (the alert itself is core.communications' to edit); Reject
turns the keyboard into reasons and back, and a reason rejects the order; a second tap after
someone else moved the order, or a tap by someone of another shop, is refused in an alert."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, SendMessage
from bot_fakes import Harness
from customer_chat import sent
from seller_chat import SellerChat

from bot.seller.orders import OrderPress, OrderReason
from core.orders.api import get_order
from core.orders.schemas import CancelReason, OrderOut, OrderStatus
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database

# The order world is the web tests' (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

from seller_orders_world import OrdersShop, orders_shop  # noqa: E402


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
async def world(db: Database) -> OrdersShop:
    return await orders_shop(db)


def _chat(seller: Harness, telegram_id: int, lang: str = "ru") -> SellerChat:
    return SellerChat(seller, telegram_id, language_code=lang)


def _answer(requests: list[Any]) -> AnswerCallbackQuery:
    [answer] = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    return answer


def _keyboard(requests: list[Any]) -> list[list[str]]:
    """The callback data (or the web app URL) of the edited keyboard's buttons, by row."""
    [edit] = [r for r in requests if isinstance(r, EditMessageReplyMarkup)]
    assert edit.reply_markup is not None
    return [
        [b.callback_data or (b.web_app.url if b.web_app else "") for b in row]
        for row in edit.reply_markup.inline_keyboard
    ]


async def _status(db: Database, world: OrdersShop, order: OrderOut) -> OrderStatus:
    return (await get_order(db, await world.owner(), order.id)).status


def test_the_buttons_pack_as_the_alerts_send_them() -> None:
    some = uuid.uuid4()
    assert OrderPress(action="accept", order=some).pack() == f"ord:accept:{some.hex}"
    assert OrderPress(action="reject", order=some).pack() == f"ord:reject:{some.hex}"
    packed = OrderReason(order=some, reason=CancelReason.ADDRESS_UNREACHABLE).pack()
    assert packed == f"ordr:{some.hex}:address_unreachable"
    assert len(packed.encode()) <= 64


async def test_orders_opens_the_board_of_the_shop(
    seller: Harness, world: OrdersShop, translator: Translator, settings: Settings
) -> None:
    picker = _chat(seller, world.picker_id, "en")

    [answer] = sent(await picker.send("/orders"))

    [[button]] = answer.reply_markup.inline_keyboard
    assert button.text == translator.get("en", "seller-btn-orders-webapp")
    assert button.web_app.url == (
        f"{settings.public_url.rstrip('/')}/app/seller/orders?lang=en&shop={world.shop_id}"
    )


async def test_accept_accepts_the_order_and_answers_the_button(
    seller: Harness, world: OrdersShop, db: Database, translator: Translator
) -> None:
    order = await world.place()
    owner = _chat(seller, world.owner_id)

    calls = await owner.press(f"ord:accept:{order.id.hex}")

    assert _answer(calls).text == translator.get("ru", "seller-order-accepted")
    assert not _answer(calls).show_alert
    assert await _status(db, world, order) is OrderStatus.ACCEPTED
    # The alert is rewritten by core.communications for every staff member, not here.
    assert not [r for r in calls if isinstance(r, EditMessageReplyMarkup | SendMessage)]

    # Someone else tapping Accept on their copy of the alert learns it is taken.
    late = await _chat(seller, world.picker_id).press(f"ord:accept:{order.id.hex}")
    refusal = _answer(late)
    assert refusal.show_alert is True
    assert refusal.text == translator.get("ru", "error-order_state_changed", status="accepted")
    assert not sent(late)


async def test_reject_asks_why_goes_back_and_rejects_with_the_reason(
    seller: Harness, world: OrdersShop, db: Database, translator: Translator, settings: Settings
) -> None:
    order = await world.place()
    picker = _chat(seller, world.picker_id)

    asked = await picker.press(f"ord:reject:{order.id.hex}")
    assert _answer(asked).text == translator.get("ru", "seller-order-choose-reason")
    rows = _keyboard(asked)
    assert f"ordr:{order.id.hex}:out_of_stock" in rows[0]
    assert rows[-1] == [f"ord:back:{order.id.hex}"]
    assert all("payment_timeout" not in data for row in rows for data in row)
    assert await _status(db, world, order) is OrderStatus.PLACED

    back = await picker.press(f"ord:back:{order.id.hex}")
    restored = _keyboard(back)
    assert restored[0] == [f"ord:accept:{order.id.hex}", f"ord:reject:{order.id.hex}"]
    assert restored[1][0].startswith(f"{settings.public_url.rstrip('/')}/app/seller/orders?")
    assert f"order={order.id}" in restored[1][0]

    await picker.press(f"ord:reject:{order.id.hex}")
    done = await picker.press(OrderReason(order=order.id, reason=CancelReason.TOO_BUSY))
    assert _answer(done).text == translator.get("ru", "seller-order-rejected")
    stored = await get_order(db, await world.owner(), order.id)
    assert (stored.status, stored.cancel_reason) == (OrderStatus.CANCELED, CancelReason.TOO_BUSY)
    assert all("ord:" not in data for row in _keyboard(done) for data in row)

    # Reject again on a copy of the alert: the order is gone already.
    again = await _chat(seller, world.owner_id).press(f"ord:reject:{order.id.hex}")
    assert _answer(again).show_alert is True
    assert _answer(again).text == translator.get(
        "ru", "error-order_state_changed", status="canceled"
    )
    assert not [r for r in again if isinstance(r, EditMessageReplyMarkup)]


async def test_staff_of_another_shop_cannot_press_the_buttons(
    seller: Harness, world: OrdersShop, db: Database
) -> None:
    order = await world.place()
    stranger = _chat(seller, world.other_picker_id)

    for data in (
        f"ord:accept:{order.id.hex}",
        f"ord:reject:{order.id.hex}",
        OrderReason(order=order.id, reason=CancelReason.OTHER).pack(),
    ):
        calls = await stranger.press(data)
        assert _answer(calls).show_alert is True, data
        assert not [r for r in calls if isinstance(r, EditMessageReplyMarkup)]
    assert await _status(db, world, order) is OrderStatus.PLACED
