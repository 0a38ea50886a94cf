"""What logistics tells people, queued by core.communications and rendered in both languages:
the offer with Accept/Decline edited once answered or expired, the courier's card with the map
link, the code for the customer, at-risk and locked handovers to support, a returned order to
the shop's staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from logistics_world import World, person
from sqlalchemy import text

import core.communications.subscribers  # noqa: F401  (registers the notifications)
import core.logistics.subscribers  # noqa: F401  (registers the order subscribers)
from core.auth.api import accept_invitation, create_invitation
from core.auth.policy import Role
from core.communications._models import Notification
from core.communications._render import render, render_markup
from core.communications.api import list_notifications
from core.communications.schemas import NotificationOut
from core.logistics.api import (
    MAX_CODE_ATTEMPTS,
    accept_offer,
    confirm_pickup,
    customer_unreachable,
    flag_at_risk,
    hand_over,
    handover_code,
    return_to_shop,
)
from core.logistics.errors import HandoverBlocked, HandoverCodeWrong
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database

OFFER, CARD, CODE = (
    "notification-delivery-offer",
    "notification-delivery-card",
    "notification-delivery-code",
)


@pytest.fixture(autouse=True)
async def _no_old_notifications(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM notifications"))


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


async def _mine(db: Database, person_id: int, template: str) -> list[NotificationOut]:
    """The person's notifications from ``template``, oldest first."""
    found = await list_notifications(db, person_id)
    return [n for n in reversed(found) if n.template == template]


def _both(translator: Translator, note: NotificationOut) -> tuple[str, str]:
    return (
        render(translator, "ru", note.template, note.params),
        render(translator, "en", note.template, note.params),
    )


async def _markup(db: Database, note: NotificationOut) -> dict[str, Any] | None:
    """The buttons queued with the notification (the api's view leaves them out)."""
    async with db.sessionmaker() as session:
        row = await session.get(Notification, note.id)
        assert row is not None
        return row.reply_markup


async def _callbacks(db: Database, note: NotificationOut) -> list[str]:
    markup = await _markup(db, note)
    return [b["callback_data"] for row in (markup or {}).get("inline_keyboard", []) for b in row]


async def test_an_offer_taken_sends_the_card_and_the_code(
    world: World, translator: Translator
) -> None:
    marat = await world.courier(north_m=1_200, name="Марат")
    order = await world.ready_order()
    offer = await world.offered(marat)
    await world.relay()

    [offered] = await _mine(world.db, marat.telegram_id, OFFER)
    assert (offered.bot, offered.thread) == (BotRole.COURIER, f"offer:{offer.id}")
    assert await _callbacks(world.db, offered) == [
        f"dof:accept:{offer.id.hex}",
        f"dof:decline:{offer.id.hex}",
    ]
    ru, en = _both(translator, offered)
    assert f"Новый заказ №{order.number}" in ru
    assert "До магазина: 1,2 км" in ru
    assert "Ответьте за 45 с" in ru
    assert "Заработок: 165,00\u00a0₽" in ru
    assert "To the shop: 1.2 km" in en
    assert "Answer within 45 s" in en
    buttons = render_markup(translator, "ru", await _markup(world.db, offered), None)
    assert buttons is not None
    assert [b["text"] for b in buttons["inline_keyboard"][0]] == ["✅ Беру", "Отказаться"]

    await accept_offer(world.db, marat, offer.id)
    await world.relay()

    first, taken = await _mine(world.db, marat.telegram_id, OFFER)
    assert (taken.thread, taken.thread_seq) == (offered.thread, 2)
    assert await _markup(world.db, taken) is None
    assert f"Заказ №{order.number} ваш" in _both(translator, taken)[0]
    [card] = await _mine(world.db, marat.telegram_id, CARD)
    assert card.thread == f"delivery:{offer.delivery_id}:courier"
    assert await _callbacks(world.db, card) == [f"dlv:pickup:{offer.delivery_id.hex}"]
    ru, en = _both(translator, card)
    point = world.customer.point
    assert (
        f'<a href="https://yandex.ru/maps/?pt={point.lon:.6f},{point.lat:.6f}&amp;z=17&amp;l=map">'
        "ул. Садовая, 5</a>"
    ) in ru
    assert "Подъезд: 2" in ru
    assert "Комментарий: домофон не работает" in ru
    assert f"Order #{order.number}: go to the shop" in en
    [told] = await _mine(world.db, world.customer.id, CODE)
    assert told.bot is BotRole.CUSTOMER
    code = await handover_code(world.db, world.customer.actor, offer.delivery_id)
    ru, en = _both(translator, told)
    assert "курьер Марат едет к вам" in ru
    assert f"Код для курьера: <b>{code}</b>" in ru
    assert f"Code for the courier: <b>{code}</b>" in en
    assert first.id == offered.id


async def test_expired_and_declined_offers_are_edited_without_buttons(
    world: World, translator: Translator
) -> None:
    slow = await world.courier(north_m=100)
    await world.ready_order()
    await world.offered(slow)
    world.clock.advance(timedelta(seconds=46))
    await world.dispatch()
    await world.relay()

    made, expired = await _mine(world.db, slow.telegram_id, OFFER)
    assert expired.thread == made.thread
    assert await _markup(world.db, expired) is None
    assert "Время на ответ" in _both(translator, expired)[0]
    assert "Time to answer" in _both(translator, expired)[1]


async def test_support_hears_of_risks_and_locked_handovers_the_shop_of_returns(
    world: World, translator: Translator
) -> None:
    picker_id = await person(world.db, "Дима")
    invited = await create_invitation(world.db, world.admin, Role.PICKER, shop_id=world.shop.id)
    await accept_invitation(world.db, invited.token, picker_id, via=BotRole.SELLER)
    marat = await world.courier()
    order = await world.ready_order()
    offer = await world.taken(marat)
    await confirm_pickup(world.db, marat, offer.delivery_id)
    for _ in range(MAX_CODE_ATTEMPTS):
        with pytest.raises((HandoverCodeWrong, HandoverBlocked)):
            await hand_over(world.db, marat, offer.delivery_id, "abcd")
    await customer_unreachable(world.db, marat, offer.delivery_id)
    world.clock.advance(timedelta(minutes=30))
    assert await flag_at_risk(world.db) == 1  # promised time passed
    await return_to_shop(world.db, marat, offer.delivery_id)
    await world.relay()

    support = world.support.telegram_id
    [risk] = await _mine(world.db, support, "notification-delivery-at-risk")
    assert risk.bot is BotRole.SUPPORT
    ru, en = _both(translator, risk)
    assert f"Заказ №{order.number} может опоздать" in ru
    assert "Обещанное время прошло." in ru
    assert "Курьер: Марат" in ru
    assert "courier is waiting for the customer" in en
    [locked] = await _mine(world.db, support, "notification-delivery-locked")
    assert "пять раз ввёл неверный код" in _both(translator, locked)[0]
    [back] = await _mine(world.db, picker_id, "notification-delivery-returned")
    assert back.bot is BotRole.SELLER
    assert f"Order #{order.number} is coming back to the shop" in _both(translator, back)[1]
